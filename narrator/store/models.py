"""The durable records: articles, their narrations, and the per-chunk audio cache.

    ArticleRecord 1 ── * Narration  one article, read in many voices / speeds / formats
    Narration 1 ── * Task         its tasks sent and not yet finished (narrator.store.ledger)
    Narration 1 ── * ChunkDone    which of its chunks are rendered (a set: duplicates count once)
    Worker                        each worker's last beat and since when it has been idle
    Batch 1 ── * BatchItem        a batch's articles, each a narration or a recorded failure
    Source 1 ── * SourceEntry     a polled feed's entries, each the narration of its content
    ChunkCache                    rendered audio of a run of sentences, shared by narrations
    (webhook endpoints, events, deliveries and attempts: narrator.store.webhook_models)

The schema itself is owned by the migrations in `narrator/store/migrations/versions/`;
`tests/store/test_db.py` checks that these models and the migrations agree.
"""

from __future__ import annotations

import base64
import enum
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Constraint names are part of the schema: fixed names let later migrations alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id(prefix: str) -> str:
    """A short, url-safe, unguessable id: 'nar_' + 16 base32 characters (80 random bits)."""
    return prefix + base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime (models.utcnow())")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Status(enum.StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


# A narration in one of these is owned by the queue or a worker; the reaper watches them.
ACTIVE = (Status.QUEUED, Status.PROCESSING)


class Queue(enum.StrEnum):
    INTERACTIVE = "interactive"  # someone pressed play and is waiting
    BATCH = "batch"  # a feed or bulk import: may wait behind interactive work


class SourceKind(enum.StrEnum):
    TEXT = "text"
    HTML = "html"
    MARKDOWN = "markdown"


def _str_enum(cls: type[enum.StrEnum], name: str) -> SAEnum:
    # VARCHAR + CHECK on every backend (no PostgreSQL ENUM type to migrate); stores the values.
    return SAEnum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime()}  # noqa: RUF012


class ArticleRecord(Base):
    """An article as submitted. The same text (and title/author) posted twice is one article."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_id("art_"))
    # sha256 of the normalized source + title + author: see repo.content_hash().
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(16), default="en")
    source_kind: Mapped[SourceKind] = mapped_column(_str_enum(SourceKind, "source_kind"))
    # The submitted text itself (HTML/Markdown/plain): the script can always be recomputed.
    source: Mapped[str] = mapped_column(Text)
    # The article as the API extracted it (Article.pack): workers read this, not the source
    # again (extraction is a tenth of a second a page, before a listener's first sentence).
    # None for rows older than it: those are read from the source.
    extracted: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(2000))
    words: Mapped[int] = mapped_column(Integer, default=0)
    sentences: Mapped[int] = mapped_column(Integer, default=0)
    # Batch narration and podcast feeds: a named group, and the publisher's own id in it.
    collection: Mapped[str | None] = mapped_column(String(200))
    external_id: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    narrations: Mapped[list[Narration]] = relationship(
        back_populates="article",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Narration.created_at",
    )

    __table_args__ = (Index(None, "collection", "external_id"),)

    def __repr__(self) -> str:
        return f"<ArticleRecord {self.id} {self.title!r}>"


class Narration(Base):
    """One rendering of an article: voice x speed x format x engine version."""

    __tablename__ = "narrations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_id("nar_"))
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    voice: Mapped[str] = mapped_column(String(200))
    speed: Mapped[float] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(200))
    # Idempotency: hash of article content + voice + speed + format + engine version.
    cache_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[Status] = mapped_column(_str_enum(Status, "status"), default=Status.QUEUED)
    queue: Mapped[Queue] = mapped_column(_str_enum(Queue, "queue"), default=Queue.INTERACTIVE)
    progress: Mapped[float] = mapped_column(Float, default=0.0)  # 0..1
    chunks_total: Mapped[int] = mapped_column(Integer, default=0)
    chunks_done: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # Measured on the finished audio.
    duration_s: Mapped[float | None] = mapped_column(Float)
    words: Mapped[int | None] = mapped_column(Integer)
    wpm: Mapped[float | None] = mapped_column(Float)
    lufs: Mapped[float | None] = mapped_column(Float)
    # Storage keys (narrator.store.files) of the audio, the sentence timings, the captions.
    audio_key: Mapped[str | None] = mapped_column(String(500))
    timings_key: Mapped[str | None] = mapped_column(String(500))
    captions_key: Mapped[str | None] = mapped_column(String(500))
    etag: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # Last sign of life from a worker stage (narrator.recovery.leases.heartbeat).
    heartbeat_at: Mapped[datetime | None]
    # Why work was sent again after a loss (a worker died holding a task, a lost message).
    recovery_note: Mapped[str | None] = mapped_column(Text)
    # When someone first started streaming it: its chunks are rendered by when playback
    # reaches them (narrator.schedule), not in the gaps.
    listened_at: Mapped[datetime | None]
    # A listener of it was told to wait (narrator.admission): since when it waits in line, and
    # until when its place is kept if it does not ask again.
    waiting_since: Mapped[datetime | None]
    waiting_until: Mapped[datetime | None] = mapped_column(index=True)
    # The publisher's lexicon version (LexiconVersion.id) its script is read with; None: none.
    lexicon_id: Mapped[str | None] = mapped_column(String(32))
    # The narration of an earlier version of the article with the same options (an edited feed
    # entry): its engine pace is kept when close (pipeline.plan's `earlier`). No foreign key: a
    # deleted one just leaves no pace to keep.
    earlier_id: Mapped[str | None] = mapped_column(String(32))

    article: Mapped[ArticleRecord] = relationship(back_populates="narrations")

    __table_args__ = (Index(None, "status", "heartbeat_at"),)

    @property
    def storage_keys(self) -> list[str]:
        return [k for k in (self.audio_key, self.timings_key, self.captions_key) if k]

    def __repr__(self) -> str:
        return f"<Narration {self.id} {self.voice} {self.speed}x {self.status}>"


class ChunkCache(Base):
    """Audio of a run of sentences, keyed by everything that shapes it (repo.chunk_cache_key).

    An edited article re-synthesizes only the paragraphs whose key changed.
    """

    __tablename__ = "chunk_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    audio_key: Mapped[str] = mapped_column(String(500))  # storage key of the chunk's PCM/WAV
    sample_rate: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    # [[start_ms, end_ms], ...] of each sentence within the chunk.
    sentence_ms: Mapped[list[list[int]]] = mapped_column(JSON)
    # Who rendered it and how long it took (wall clock): how fast each voice renders now,
    # which is what admission (narrator.admission) weighs a new listener against.
    voice: Mapped[str | None] = mapped_column(String(200))
    render_ms: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_used_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<ChunkCache {self.key[:12]} {self.duration_ms}ms>"


class Task(Base):
    """A task sent to the workers and not finished yet: who holds it, and until when.

    Rows are written before the message is sent and deleted when the task ends, so the reaper can
    tell a task that waits (no holder, its message still in the broker) from one that is lost
    (its holder stopped renewing the lease, or no message is left: narrator.recovery).
    """

    __tablename__ = "tasks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the Celery task id
    narration_id: Mapped[str] = mapped_column(
        ForeignKey("narrations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(64))
    args: Mapped[list[Any]] = mapped_column(JSON)
    queue: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int | None] = mapped_column(Integer)  # 0 most urgent (narrator.schedule)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    holder: Mapped[str | None] = mapped_column(String(64), index=True)  # owners.tag() of a process
    lease_until: Mapped[datetime | None]
    # When a pool process began running it; None while it waits, in the broker or reserved by a
    # worker's main process for a pool process to free up (held, yet nobody is at work on it).
    started_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Task {self.name} {self.args} {self.holder or 'waiting'}>"


class ChunkDone(Base):
    """Chunk `index` of a narration is rendered and stored (counted once however often done)."""

    __tablename__ = "chunks_done"

    narration_id: Mapped[str] = mapped_column(
        ForeignKey("narrations.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(Integer, primary_key=True)
    audio_ms: Mapped[int | None] = mapped_column(Integer)  # the chunk's audio
    share: Mapped[float | None] = mapped_column(Float)  # of the script (chunks.chunk_shares)


class Worker(Base):
    """A worker's beat: alive while beat_at is fresh; idle_since is set while it holds nothing."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # owners.tag() of its process
    queues: Mapped[str] = mapped_column(String(200))  # comma-separated, as consumed
    beat_at: Mapped[datetime] = mapped_column(default=utcnow)
    idle_since: Mapped[datetime | None]
    slots: Mapped[int | None] = mapped_column(Integer)  # tasks it runs at once (concurrency)
    # The CPUs its machine lets it use: slots beyond a machine's cores add no speed.
    cpus: Mapped[int | None] = mapped_column(Integer)


class ItemState(enum.StrEnum):
    """Where a batch item is on its way to a narration (its status is its narration's)."""

    PENDING = "pending"  # accepted, its narration not made yet (the expander's work)
    LINKED = "linked"  # an ordinary narration does the work: narration_id
    FAILED = "failed"  # refused with a reason (bad item, unreadable article)
    CANCELED = "canceled"  # its batch was canceled before it was done


class Batch(Base):
    """Many articles read with the same options, each item an ordinary narration."""

    __tablename__ = "batches"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_id("bat_"))
    voice: Mapped[str] = mapped_column(String(200))
    speed: Mapped[float] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(200))
    total: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    canceled_at: Mapped[datetime | None]
    # Set once every item is a narration or a failure (narrator.batches.expander).
    expanded_at: Mapped[datetime | None]
    # The process turning items into narrations, under a lease it renews (owners.tag()).
    expand_holder: Mapped[str | None] = mapped_column(String(64))
    expand_until: Mapped[datetime | None]
    # When batch.finished was recorded for it (once: narrator.store.repo.webhooks).
    announced_at: Mapped[datetime | None]
    # Whose lexicon its items are read with (LexiconVersion.owner); the expander has no request.
    owner: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<Batch {self.id} {self.total} items>"


class BatchItem(Base):
    """One article of a batch: its name in the upload, the publisher's id, and its narration."""

    __tablename__ = "batch_items"

    batch_id: Mapped[str] = mapped_column(
        ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0-based, upload order
    name: Mapped[str | None] = mapped_column(String(500))  # the file in a zip, "line 3" of NDJSON
    external_id: Mapped[str | None] = mapped_column(String(500))
    state: Mapped[ItemState] = mapped_column(_str_enum(ItemState, "item_state"))
    error: Mapped[str | None] = mapped_column(Text)
    narration_id: Mapped[str | None] = mapped_column(
        ForeignKey("narrations.id", ondelete="SET NULL"), index=True
    )
    # The item as sent ({"kind", "data", "title", "author"}) until its narration exists.
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        Index(None, "batch_id", "external_id"),
        Index(None, "batch_id", "state"),
        Index(None, "external_id"),  # an article sent again in a later batch (its earlier one)
    )


class LexiconVersion(Base):
    """One saved state of a publisher's pronunciation lexicon; rows are never changed.

    `owner` is whose it is ("" without API keys, else a digest of the key: narrator.lexicons),
    `scope` what it applies to: "all" (every narration of the owner); room for "source:<id>".
    A PUT adds the next `version`; the newest is the one in force, and a narration keeps the
    id of the one it was read with, so its work (and a retry) reads the same entries.
    """

    __tablename__ = "lexicons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_id("lex_"))
    owner: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the file format, as the CLI's --lexicon reads
    entries: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))  # Lexicon.digest(); "" when empty
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("owner", "scope", "version"),)

    def __repr__(self) -> str:
        return f"<LexiconVersion {self.owner or '-'}/{self.scope} v{self.version}>"
