"""The sources' (feeds in) request and response bodies (narrator/api/routes/sources.py)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from narrator.api.schemas import _FORMAT, _SPEED, _VOICE, Format, Status
from narrator.config import FeedChannel
from narrator.urls import URL_PATTERN

# --- sources (feeds in) -------------------------------------------------------------------


def _json_number(value: Any) -> Any:
    """A JSON number, as the schema says: lax validation read true as 1 and "600" as 600 (an
    integral 1.0 stays an integer, as in JSON Schema)."""
    if isinstance(value, bool | str):
        raise ValueError("must be a JSON number")
    return value


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
        pattern=URL_PATTERN,
        description="The feed's http(s) address (RSS 0.9x/1.0/2.0 or Atom); file:// and other "
        "schemes are refused",
        examples=["https://example.com/feed.xml"],
    )
    voice: str | None = _VOICE
    speed: Annotated[float, Strict()] | None = _SPEED
    format: Format | None = _FORMAT
    interval_s: (
        Annotated[int, Field(ge=1, le=7 * 24 * 3600), BeforeValidator(_json_number)] | None
    ) = Field(
        default=None,
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
