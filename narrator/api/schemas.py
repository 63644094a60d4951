"""Request and response models: ThingCreate in, ThingPublic out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from narrator import contract
from narrator.config import FORMATS, MAX_SPEED, MIN_SPEED, FeedChannel
from narrator.store import models

# Enums from the one home of each list, in its order (OpenAPI shows them as given).
if TYPE_CHECKING:  # mypy cannot read a Literal built from a tuple; pydantic can
    Format = str
    QueueName = str
    Status = str
else:
    Format = Literal[FORMATS]
    QueueName = Literal[contract.SUBMIT_QUEUES]
    Status = Literal[tuple(s.value for s in models.Status)]
SOURCE_FIELDS = ("text", "html", "markdown")

_SPEED = Field(
    default=None,
    ge=MIN_SPEED,
    le=MAX_SPEED,
    description="Listening speed, 1.0 to 2.0: 1x = 200 WPM, 1.25x = 250 WPM, 2x = 400 WPM.",
    examples=[1.25],
)
_VOICE = Field(
    default=None,
    min_length=1,
    max_length=200,
    description="Voice id from GET /v1/voices (default: the server's default voice).",
    examples=["en-us"],
)
_FORMAT = Field(default=None, description="Audio format (default: mp3).")
_QUEUE: Any = Field(
    default=contract.INTERACTIVE,
    description="interactive: someone is waiting; batch: may wait behind interactive work.",
)


class RenderOptions(BaseModel):
    """How to read an article: voice, speed, format."""

    model_config = ConfigDict(extra="forbid")

    voice: str | None = _VOICE
    speed: float | None = _SPEED
    format: Format | None = _FORMAT
    queue: QueueName = _QUEUE


class NarrationCreate(RenderOptions):
    """An article as exactly one of text, html or markdown, plus how to read it."""

    text: str | None = Field(default=None, description="Plain text; blank lines end paragraphs.")
    html: str | None = Field(default=None, description="A web page or an HTML fragment.")
    markdown: str | None = Field(default=None, description="Markdown.")
    title: str | None = Field(default=None, max_length=1000)
    author: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _exactly_one_source(self) -> NarrationCreate:
        given = [f for f in SOURCE_FIELDS if getattr(self, f) is not None]
        if len(given) != 1:
            found = f"got {', '.join(given)}" if given else "got none"
            raise ValueError(
                f"give the article in exactly one of text, html or markdown ({found}); "
                "or upload it as multipart/form-data with a `file` field"
            )
        return self

    @property
    def kind(self) -> str:
        return next(f for f in SOURCE_FIELDS if getattr(self, f) is not None)

    @property
    def source(self) -> str:
        return str(getattr(self, self.kind))


class NarrationUpload(RenderOptions):
    """The form fields that come with an uploaded article file."""

    title: str | None = Field(default=None, max_length=1000)
    author: str | None = Field(default=None, max_length=500)


class ArticleNarrationCreate(RenderOptions):
    """Another voice, speed or format of an article already submitted."""


class NarrationPublic(BaseModel):
    id: str = Field(examples=["nar_abcdefghij234567"])
    article_id: str
    status: Status
    progress: float = Field(ge=0, le=1, description="0..1; 1 when ready")
    queue: QueueName
    voice: str
    speed: float
    format: Format
    engine: str
    engine_version: str
    duration_s: float | None = None
    words: int | None = None
    wpm: float | None = Field(default=None, description="Measured words per minute of the audio")
    target_wpm: float = Field(description="200 x speed")
    error: str | None = None
    status_url: str
    audio_url: str
    captions_url: str
    timings_url: str
    script_url: str
    player_url: str
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None


class NarrationSummaryPublic(NarrationPublic):
    """A narration as the list of recent ones shows it: with its article's title."""

    title: str | None = Field(default=None, description="The article's title, if it has one")


class NarrationListPublic(BaseModel):
    narrations: list[NarrationSummaryPublic] = Field(description="Newest first")
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` to get the next (older) page; null on the last page",
    )


class ArticlePublic(BaseModel):
    id: str = Field(examples=["art_abcdefghij234567"])
    title: str | None
    author: str | None
    language: str
    source_kind: str
    words: int
    created_at: datetime
    article_url: str
    narrations: list[NarrationPublic]


class VoicePublic(BaseModel):
    id: str = Field(examples=["en-us"])
    name: str
    label: str = Field(description="A short name for a chooser", examples=["Joe (neural, US)"])
    language: str
    engine: str
    gender: str | None = None


class VoicesPublic(BaseModel):
    default: str
    voices: list[VoicePublic]


class HealthPublic(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: dict[str, str] = Field(default_factory=dict)


class ErrorDetail(BaseModel):
    code: str = Field(examples=["unknown_voice"])
    message: str


class ErrorPublic(BaseModel):
    error: ErrorDetail


# --- batches ------------------------------------------------------------------------------

if TYPE_CHECKING:
    ItemStatus = str
    BatchStatus = str
else:
    ItemStatus = Literal["queued", "processing", "ready", "failed", "canceled"]
    BatchStatus = Literal["processing", "finished", "canceled"]


class BatchOptions(BaseModel):
    """How every article of a batch is read (a JSON body may carry them beside `items`)."""

    model_config = ConfigDict(extra="forbid")

    voice: str | None = _VOICE
    speed: float | None = _SPEED
    format: Format | None = _FORMAT


class BatchItemCreate(BaseModel):
    """One article of a batch. An item that breaks these rules is recorded as failed, with the
    reason, and the rest of the batch goes on."""

    text: str | None = Field(
        default=None, description="Plain text (exactly one of text, html, markdown)"
    )
    html: str | None = Field(default=None, description="A web page or an HTML fragment")
    markdown: str | None = Field(default=None, description="Markdown")
    title: str | None = Field(default=None, max_length=1000)
    author: str | None = Field(default=None, max_length=500)
    external_id: str | None = Field(
        default=None,
        max_length=500,
        description="Your id for the article (your CMS's), unique within the batch; items can "
        "be looked up by it",
    )


class BatchCounts(BaseModel):
    queued: int = Field(ge=0)
    processing: int = Field(ge=0)
    ready: int = Field(ge=0)
    failed: int = Field(ge=0)
    canceled: int = Field(ge=0)


class BatchPublic(BaseModel):
    id: str = Field(examples=["bat_abcdefghij234567"])
    status: BatchStatus = Field(
        description="processing while any item is queued or processing; then finished (or canceled)"
    )
    total: int = Field(ge=0, description="Items in the batch, failed ones included")
    counts: BatchCounts = Field(description="Items by status; they add up to total")
    progress: float = Field(
        ge=0,
        le=1,
        description="Items ended, plus the rendered share of those processing, over total",
    )
    audio_seconds: float = Field(ge=0, description="Audio of the items ready")
    eta_s: float | None = Field(
        default=None,
        description="Seconds until every item ends at the rate so far; null "
        "before the first ends, and once none is left",
    )
    voice: str
    speed: float
    format: Format
    created_at: datetime
    finished_at: datetime | None = None
    canceled_at: datetime | None = None
    status_url: str
    items_url: str


class BatchItemPublic(BaseModel):
    index: int = Field(ge=0, description="Position in the upload, from 0")
    name: str | None = Field(
        default=None, description='The file in a zip, or "line N" of an NDJSON upload'
    )
    external_id: str | None = None
    status: ItemStatus
    reason: str | None = Field(default=None, description="Why the item failed or was canceled")
    narration_id: str | None = None
    status_url: str | None = Field(default=None, description="The item's narration")
    audio_url: str | None = None
    duration_s: float | None = None


class BatchItemListPublic(BaseModel):
    items: list[BatchItemPublic] = Field(description="In upload order")
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null on the last page"
    )


# --- sources (feeds in) -------------------------------------------------------------------

if TYPE_CHECKING:
    SourceStatus = str
else:
    SourceStatus = Literal["pending", "ok", "error"]


class SourceCreate(BaseModel):
    """An RSS or Atom feed to poll; each new or edited entry becomes a narration."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1,
        max_length=2000,
        pattern=r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+",
        description="The feed's http(s) address (RSS 0.9x/1.0/2.0 or Atom); file:// and other "
        "schemes are refused",
        examples=["https://example.com/feed.xml"],
    )
    voice: str | None = _VOICE
    speed: float | None = _SPEED
    format: Format | None = _FORMAT
    interval_s: int | None = Field(
        default=None,
        ge=1,
        le=7 * 24 * 3600,
        description="Seconds between polls (default NARRATOR_SOURCE_DEFAULT_INTERVAL_S, 1800); "
        "less than NARRATOR_SOURCE_MIN_INTERVAL_S (300) is raised to it: the answer shows the "
        "interval used",
    )
    channel: FeedChannel | None = Field(
        default=None,
        description="Podcast channel metadata of this source's feed "
        "(/v1/feeds/podcast.xml?source=<id>), over the NARRATOR_FEED_* settings",
    )


class SourceCounts(BaseModel):
    entries: int = Field(ge=0, description="Entries seen in the feed")
    ready: int = Field(ge=0, description="Entries whose current narration is ready")
    active: int = Field(ge=0, description="Entries whose narration is queued or processing")
    failed: int = Field(ge=0, description="Entries that could not be read or narrated")
    versions: int = Field(ge=0, description="Contents narrated in all, edits included")


class SourcePublic(BaseModel):
    id: str = Field(examples=["src_abcdefghij234567"])
    url: str
    status: SourceStatus = Field(
        description="pending until the first poll; error when the last poll failed "
        "(last_error says why; the next poll tries again); else ok"
    )
    title: str | None = Field(default=None, description="The feed's title, from the last poll")
    voice: str
    speed: float
    format: Format
    interval_s: int
    channel: FeedChannel = Field(description="The channel of this source's podcast feed")
    created_at: datetime
    last_polled_at: datetime | None = None
    next_poll_at: datetime
    last_error: str | None = None
    last_error_at: datetime | None = None
    polls: int = Field(ge=0, description="Polls done")
    not_modified: int = Field(ge=0, description="Polls the feed answered 304 Not Modified")
    counts: SourceCounts
    status_url: str
    feed_url: str = Field(description="The podcast feed of this source's narrations")


class SourceListPublic(BaseModel):
    sources: list[SourcePublic] = Field(description="Newest first")


class SourceEntryPublic(BaseModel):
    key: str = Field(description="The entry's guid or Atom id, else its link")
    title: str | None = None
    link: str | None = None
    status: Status = Field(description="Its current narration's, or failed (see reason)")
    reason: str | None = Field(default=None, description="Why it could not be read or narrated")
    narration_id: str | None = None
    status_url: str | None = None
    audio_url: str | None = None
    versions: int = Field(ge=0, description="Contents narrated, edits included")
    first_seen_at: datetime
    updated_at: datetime


class SourceEntryListPublic(BaseModel):
    entries: list[SourceEntryPublic] = Field(description="Newest first")
