"""Request and response models: ThingCreate in, ThingPublic out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from narrator import contract
from narrator.config import FORMATS, MAX_SPEED, MIN_SPEED
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
