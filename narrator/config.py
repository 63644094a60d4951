"""One typed settings object, read from NARRATOR_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, StrictBool, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

FORMATS = ("mp3", "ogg", "wav")
MIN_SPEED = 1.0
MAX_SPEED = 2.0
# 1x on a news site's listen widget: "1.25x" shows "250 WPM".
WPM_AT_1X = 200.0


# Titles, authors and a feed's labels end up in a podcast feed (XML 1.0 has no place for control
# characters), in the audio file's tags and on pages: text without control characters (tabs and
# line breaks pass; they are spaces there).
LABEL_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
_LABEL: Any = Field(default=None, pattern=LABEL_PATTERN)


class FeedChannel(BaseModel):
    """A podcast feed's channel (GET /v1/feeds/podcast.xml); the fields a source may override."""

    model_config = {"extra": "forbid"}

    title: str | None = _LABEL
    description: str | None = _LABEL
    image_url: str | None = _LABEL  # .jpg or .png, 1400-3000 px square for podcast directories
    language: str | None = _LABEL
    owner_name: str | None = _LABEL
    owner_email: str | None = _LABEL
    category: str | None = _LABEL  # an Apple Podcasts category, e.g. "News"
    explicit: StrictBool | None = None  # a JSON boolean: lax validation took 0.0 and "no"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NARRATOR_", extra="ignore")

    data_dir: Path = Path("var")
    # Unset: embedded broker and in-process worker. Set (redis://...): separate workers.
    broker_url: str | None = None
    database_url: str | None = None  # default: SQLite under data_dir
    storage_url: str | None = None  # default: local files under data_dir; s3://bucket/prefix
    s3_endpoint_url: str | None = None
    api_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Sites that may embed the player (widget.js, the <iframe>): origins such as
    # https://news.example, comma-separated. Empty: any site may.
    embed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # With api_keys set, a listener's browser may still ask, without a key, for another voice or
    # speed of an existing article: this many new requests per client per minute.
    listener_renditions_per_minute: int = 12
    # A new listener of a narration still rendering is told to come back (503, Retry-After)
    # when the workers cannot keep one more stream ahead of playback (narrator.admission).
    # headroom: the share of the worker slots streams may take (the rest: API, encoders).
    admission: bool = True
    admission_headroom: float = Field(default=0.85, gt=0, le=1)
    signing_key: str | None = None  # set to require signed, expiring audio links
    signed_url_ttl_s: int = 3600
    public_url: str = ""  # prefix for absolute links; empty: links relative to the request host
    max_text_chars: int = 200_000
    max_upload_bytes: int = 5_000_000
    # POST /v1/batches: the request body (and a zip's content, uncompressed), and its items.
    batch_max_bytes: int = 100_000_000
    batch_max_items: int = 10_000
    # PUT /v1/lexicon: the body (the file form, or JSON), and the entries it may hold.
    lexicon_max_bytes: int = 262_144
    lexicon_max_entries: int = 5_000
    # "auto": piper's neural Joe when `narrator[neural]` is installed, else espeak en-us
    # (narrator.speech.matching.auto_voice_id, the rule of the engines and the API alike).
    default_voice: str = "auto"
    default_format: str = "mp3"
    task_time_limit_s: int = 300
    visibility_timeout_s: int = 600
    stale_after_s: int = (
        120  # a narration with no progress for this long is re-queued by the reaper
    )
    max_attempts: int = 3
    chunk_chars: int = 1500
    # Threads of one neural synthesis; 0: the cores divided among the worker's processes
    # (`narrator worker` and `serve` set it from their concurrency), else one per core.
    engine_threads: int = 0
    # Piper's noise is drawn once from this seed (narrator.speech.piper_graph): the same text
    # always sounds the same. Another seed is another, equally good, reading.
    piper_seed: int = 0
    # Worker processes: load the voices before the first task (off: load on first use).
    warm_voices: bool = True
    # Worker processes: run the reaper thread (off where `celery beat` sends narrator.reap).
    reaper: bool = True
    # `narrator serve`: also show the embedded worker's Celery banner and info log, the web
    # server's info and access log (off: one start-up block, then warnings and errors only).
    verbose: bool = False
    # The podcast feed's channel; NARRATOR_FEED_SOURCES overrides it per source host, as JSON:
    # '{"example.com": {"title": "Example, read aloud", "image_url": "https://.../a.png"}}'.
    feed_title: str = "Narrated articles"
    feed_description: str = "Articles read aloud."
    feed_image_url: str | None = None
    feed_language: str = "en"
    feed_owner_name: str = "Narrator"
    feed_owner_email: str | None = None
    feed_category: str = "News"
    feed_explicit: bool = False
    feed_page_size: int = Field(default=50, ge=1, le=500)  # items per page of a feed
    feed_sources: dict[str, FeedChannel] = Field(default_factory=dict)
    # Webhooks (POST /v1/webhooks): a failing delivery is retried with exponential backoff
    # (first retry after about webhook_retry_base_s, at most webhook_retry_max_s apart, with
    # jitter) for webhook_retry_window_s; an endpoint that fails for the whole window is disabled.
    webhook_retry_window_s: float = Field(default=86_400.0, gt=0)
    webhook_retry_base_s: float = Field(default=10.0, gt=0)
    webhook_retry_max_s: float = Field(default=3_600.0, gt=0)
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=300)  # one attempt, connect to body
    # How often each worker looks for deliveries that are due (a retry, or one never sent).
    webhook_poll_s: float = Field(default=1.0, gt=0)
    # false: webhook URLs whose host is (or resolves to) a private, loopback, link-local or
    # otherwise non-public address are refused, at creation and again at each delivery. On by
    # default like fetch_allow_private (a receiver on the publisher's own network works); a
    # deployment open to the internet sets both to false.
    webhook_allow_private: bool = True
    # Feeds in (POST /v1/sources): every fetch (the feed, an entry's page) has a timeout and a
    # size limit; false refuses URLs whose host resolves to a private, loopback, link-local or
    # reserved address (at submission and on every fetch and redirect).
    fetch_allow_private: bool = True
    fetch_timeout_s: float = Field(default=20.0, gt=0)
    fetch_max_bytes: int = Field(default=5_000_000, ge=1024)
    source_default_interval_s: int = Field(default=1800, ge=1)
    source_min_interval_s: int = Field(default=300, ge=1)  # the shortest poll interval accepted
    # How often each worker looks for sources due a poll (one of them sends each poll).
    source_tick_s: float = Field(default=15.0, gt=0)
    # Worker processes: run the source poller thread (off where `celery beat` sends
    # narrator.poll_due).
    source_poller: bool = True
    # `narrator worker` of batch and listeners' work: keep one more process for listeners'
    # work alone, its lane (narrator.schedule.lane_queues); off with --no-lane.
    worker_lane: bool = True
    # Set by `narrator worker` on the Celery worker child it supervises; not a user setting.
    worker_child: bool = False

    @field_validator("api_keys", "embed_origins", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [k.strip() for k in value.split(",") if k.strip()]
        return value

    @field_validator("embed_origins")
    @classmethod
    def _bare_origins(cls, value: list[str]) -> list[str]:
        # An origin is scheme://host[:port], exactly as a browser sends it in Origin.
        for origin in value:
            scheme, _, rest = origin.partition("://")
            if scheme not in ("http", "https") or not rest or "/" in rest:
                raise ValueError(f"{origin!r} is not an origin like https://news.example")
        return [o.lower() for o in value]

    @field_validator("default_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in FORMATS:
            raise ValueError(f"must be one of {', '.join(FORMATS)}")
        return value

    def feed_channel(self, source: str | None = None) -> FeedChannel:
        """The channel of the feed of `source` (a host): its overrides over the defaults."""
        base = FeedChannel(
            title=self.feed_title,
            description=self.feed_description,
            image_url=self.feed_image_url,
            language=self.feed_language,
            owner_name=self.feed_owner_name,
            owner_email=self.feed_owner_email,
            category=self.feed_category,
            explicit=self.feed_explicit,
        )
        host = (source or "").lower().removeprefix("www.")
        override = self.feed_sources.get(host) or self.feed_sources.get(f"www.{host}")
        if not override:
            return base
        return base.model_copy(update=override.model_dump(exclude_none=True))

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'narrator.db').resolve()}"

    @property
    def embedded_broker_path(self) -> Path:
        """The embedded broker's SQLite file (kombu's SQLAlchemy transport), created on demand."""
        path = (self.data_dir / "broker.sqlite").resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def broker_url_for(self, embedded_transport: str) -> str:
        """The broker URL, or the embedded one with the given kombu transport name."""
        return self.broker_url or f"{embedded_transport}+sqlite:///{self.embedded_broker_path}"

    @property
    def resolved_storage_url(self) -> str:
        return self.storage_url or f"file://{(self.data_dir / 'files').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
