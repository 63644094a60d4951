"""Request and response models: ThingCreate in, ThingPublic out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from narrator import contract
from narrator.config import FORMATS, LABEL_PATTERN, MAX_SPEED, MIN_SPEED
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
_TITLE: Any = Field(default=None, max_length=1000, pattern=LABEL_PATTERN)
_AUTHOR: Any = Field(default=None, max_length=500, pattern=LABEL_PATTERN)
_QUEUE: Any = Field(
    default=contract.INTERACTIVE,
    description="interactive: someone is waiting; batch: may wait behind interactive work.",
)


class RenderOptions(BaseModel):
    """How to read an article: voice, speed, format."""

    # Strict: a JSON body's `"speed": true` or `"speed": "1.5"` is refused, as the schema says
    # (lax validation read them as 1.0 and 1.5). Form fields, all text, relax it below.
    model_config = ConfigDict(extra="forbid", strict=True)

    voice: str | None = _VOICE
    speed: float | None = _SPEED
    format: Format | None = _FORMAT
    queue: QueueName = _QUEUE


class NarrationCreate(RenderOptions):
    """An article as exactly one of text, html or markdown, plus how to read it."""

    text: str | None = Field(default=None, description="Plain text; blank lines end paragraphs.")
    html: str | None = Field(default=None, description="A web page or an HTML fragment.")
    markdown: str | None = Field(default=None, description="Markdown.")
    title: str | None = _TITLE
    author: str | None = _AUTHOR

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

    model_config = ConfigDict(extra="forbid", strict=False)  # every form field is text

    title: str | None = _TITLE
    author: str | None = _AUTHOR


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

    model_config = ConfigDict(extra="forbid", strict=True)  # as RenderOptions

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
    title: str | None = _TITLE
    author: str | None = _AUTHOR
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


# --- the pronunciation lexicon --------------------------------------------------------------


class LexiconEntry(BaseModel):
    """One word and how to say it: a respelling (`say`) or espeak-ng phonemes, not both."""

    model_config = ConfigDict(extra="forbid")

    word: str = Field(
        min_length=1,
        max_length=100,
        description="The word (or words) as written; matched whole and case-insensitively",
        examples=["Xiaomi"],
    )
    say: str | None = Field(
        default=None,
        max_length=200,
        description="A respelling the voice reads as written",
        examples=["Shau-mee"],
    )
    phonemes: str | None = Field(
        default=None,
        max_length=200,
        description="espeak-ng phoneme mnemonics, without the [[ ]] of the file form",
        examples=["S'aUmi:"],
    )


class LexiconPublic(BaseModel):
    scope: str = Field(
        description="What it applies to: `all`, every narration created with this API key; "
        "`source:<id>`, the entries of that source (over its owner's `all`)",
        examples=["all", "source:src_0123456789abcdef"],
    )
    version: int = Field(description="Goes up by one with each change; 0: never saved")
    count: int = Field(description="Number of entries")
    digest: str = Field(description="sha256 of the entries; empty when there are none")
    updated_at: datetime | None
    entries: list[LexiconEntry] = Field(description="Words in lower case, as they are matched")
    text: str = Field(description="The lexicon in the file form (`word = respelling` a line)")


class LexiconProblem(BaseModel):
    line: int | None = Field(default=None, description="The line of a text/plain body, from 1")
    entry: int | None = Field(default=None, description="The entry of a JSON body, from 1")
    message: str


class LexiconErrorDetail(ErrorDetail):
    problems: list[LexiconProblem] = Field(default_factory=list)


class LexiconErrorPublic(BaseModel):
    error: LexiconErrorDetail
