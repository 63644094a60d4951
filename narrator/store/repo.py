"""Data access: plain functions over a Session the caller owns.

These functions flush but never commit: the caller's `db.session()` block is the transaction.
Lookups return None when nothing matches; `load_*` raise NotFound; state changes on a missing
narration raise NotFound. State changes are single UPDATE statements (no read-modify-write),
so concurrent workers and the reaper cannot lose each other's writes.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Float, case, cast, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from narrator import errors
from narrator.store import ledger
from narrator.store.models import (
    ACTIVE,
    Article,
    ChunkCache,
    Narration,
    Queue,
    SourceKind,
    Status,
    utcnow,
)

# get_chunk() refreshes last_used_at at most this often, so cache hits rarely write.
CHUNK_TOUCH_INTERVAL = timedelta(hours=1)

T = TypeVar("T")


# --- keys ------------------------------------------------------------------------------------


def _sha256_json(parts: Sequence[object]) -> str:
    # A JSON array, not concatenation: ("ab", "c") and ("a", "bc") hash differently.
    payload = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def normalize_source(source: str) -> str:
    """NFC, one space between words, one blank line between paragraphs, no edge whitespace."""
    text = unicodedata.normalize("NFC", source).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs, current = [], []
    for line in text.split("\n"):
        words = line.split()
        if words:
            current.append(" ".join(words))
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def content_hash(source: str, *, title: str | None = None, author: str | None = None) -> str:
    """The identity of an article: the same text, title and author posted twice is one article."""
    clean = [normalize_source(v) if v else None for v in (title, author)]
    return _sha256_json([*clean, normalize_source(source)])


def narration_cache_key(
    article_hash: str, *, voice: str, speed: float, fmt: str, engine: str, engine_version: str
) -> str:
    """Idempotency: one narration per article x voice x speed x format x engine version."""
    return _sha256_json([article_hash, voice, f"{speed:.3f}", fmt, engine, engine_version])


def chunk_cache_key(
    sentences: Sequence[str],
    *,
    voice: str,
    pace: float,
    pauses_ms: Sequence[int],
    engine: str,
    engine_version: str,
) -> str:
    """Everything that shapes a chunk's audio: the sentence texts as the engine reads them, the
    voice and engine pace, and the silence after each sentence (`pauses_ms[i]` follows sentence
    i; the last entry is the chunk's tail: a paragraph pause, a sentence pause or 0 at the end).
    """
    if len(pauses_ms) != len(sentences):
        raise ValueError("pauses_ms needs one entry per sentence (0 for none)")
    return _sha256_json(
        [list(sentences), voice, f"{pace:.4f}", [int(p) for p in pauses_ms], engine, engine_version]
    )


# --- shared helpers --------------------------------------------------------------------------


def _insert_or_get(session: Session, row: T, find: Callable[[], T | None]) -> tuple[T, bool]:
    """Insert `row`, or return the row a concurrent transaction inserted first (unique key)."""
    existing = find()
    if existing is not None:
        return existing, False
    try:
        with session.begin_nested():  # a SAVEPOINT: losing the race keeps the outer transaction
            session.add(row)
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing, False
    return row, True


def _update_narration(
    session: Session, narration_id: str, *where: Any, **values: Any
) -> Narration | None:
    """UPDATE ... RETURNING the narration; None when no row matched (missing, or `where` false)."""
    stmt = (
        update(Narration)
        .where(Narration.id == narration_id, *where)
        .values(updated_at=utcnow(), **values)
        .returning(Narration)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    return session.scalars(stmt).one_or_none()


def _exists(session: Session, narration_id: str) -> bool:
    return session.scalar(select(Narration.id).where(Narration.id == narration_id)) is not None


def _not_found(narration_id: str) -> errors.NotFound:
    return errors.NotFound(f"narration {narration_id!r} not found")


# --- articles --------------------------------------------------------------------------------


def get_article(session: Session, article_id: str) -> Article | None:
    return session.get(Article, article_id)


def load_article(session: Session, article_id: str) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise errors.NotFound(f"article {article_id!r} not found")
    return article


def find_article_by_hash(session: Session, article_hash: str) -> Article | None:
    return session.scalars(select(Article).where(Article.content_hash == article_hash)).first()


def create_article(
    session: Session,
    *,
    source: str,
    source_kind: SourceKind | str,
    title: str | None = None,
    author: str | None = None,
    language: str = "en",
    words: int = 0,
    sentences: int = 0,
    source_url: str | None = None,
    collection: str | None = None,
    external_id: str | None = None,
    article_hash: str | None = None,
) -> tuple[Article, bool]:
    """The article for this text: (existing, False) if already stored, else (new, True).

    `article_hash` defaults to content_hash(source, title=, author=).
    """
    article_hash = article_hash or content_hash(source, title=title, author=author)
    row = Article(
        content_hash=article_hash,
        source=source,
        source_kind=SourceKind(source_kind),
        title=title,
        author=author,
        language=language,
        words=words,
        sentences=sentences,
        source_url=source_url,
        collection=collection,
        external_id=external_id,
    )
    return _insert_or_get(session, row, lambda: find_article_by_hash(session, article_hash))


def delete_article(session: Session, article_id: str) -> list[str]:
    """Delete an article and its narrations; returns the storage keys the caller should delete."""
    article = load_article(session, article_id)
    keys = [key for n in list_narrations(session, article_id) for key in n.storage_keys]
    session.delete(article)
    session.flush()
    return keys


# --- narrations ------------------------------------------------------------------------------


def get_narration(session: Session, narration_id: str) -> Narration | None:
    return session.get(Narration, narration_id)


def load_narration(session: Session, narration_id: str) -> Narration:
    narration = session.get(Narration, narration_id)
    if narration is None:
        raise _not_found(narration_id)
    return narration


def find_narration_by_cache_key(session: Session, cache_key: str) -> Narration | None:
    return session.scalars(select(Narration).where(Narration.cache_key == cache_key)).first()


def list_narrations(session: Session, article_id: str) -> list[Narration]:
    stmt = (
        select(Narration)
        .where(Narration.article_id == article_id)
        .order_by(Narration.created_at, Narration.id)
    )
    return list(session.scalars(stmt))


def create_narration(
    session: Session,
    article: Article,
    *,
    voice: str,
    speed: float,
    fmt: str,
    engine: str,
    engine_version: str,
    queue: Queue | str = Queue.INTERACTIVE,
) -> tuple[Narration, bool]:
    """The narration for these settings: (existing, False) if any, else (new queued, True).

    Two identical concurrent requests end with one row: the loser of the insert race gets
    the winner's row. Only the caller that got True should enqueue the work.
    """
    key = narration_cache_key(
        article.content_hash,
        voice=voice,
        speed=speed,
        fmt=fmt,
        engine=engine,
        engine_version=engine_version,
    )
    now = utcnow()
    row = Narration(
        article_id=article.id,
        voice=voice,
        speed=speed,
        format=fmt,
        engine=engine,
        engine_version=engine_version,
        cache_key=key,
        status=Status.QUEUED,
        queue=Queue(queue),
        created_at=now,
        updated_at=now,
        heartbeat_at=now,
    )
    return _insert_or_get(session, row, lambda: find_narration_by_cache_key(session, key))


def delete_narration(session: Session, narration_id: str) -> list[str]:
    """Delete a narration; returns the storage keys the caller should delete."""
    narration = load_narration(session, narration_id)
    keys = narration.storage_keys
    session.delete(narration)
    session.flush()
    return keys


class Progress(NamedTuple):
    done: int
    total: int
    progress: float


def mark_processing(session: Session, narration_id: str, chunks_total: int) -> bool:
    """Claim a queued (or re-delivered processing) narration for rendering: error and
    finished_at cleared; chunks already done stay done (the ledger's set), so progress never
    goes back while a narration is being worked on; started_at kept.

    False: it is already ready or failed, so a duplicate delivery has nothing to do.
    """
    now = utcnow()
    row = _update_narration(
        session,
        narration_id,
        Narration.status.in_(ACTIVE),
        status=Status.PROCESSING,
        chunks_total=chunks_total,
        error=None,
        finished_at=None,
        started_at=func.coalesce(Narration.started_at, now),
        heartbeat_at=now,
    )
    if row is None and not _exists(session, narration_id):
        raise _not_found(narration_id)
    return row is not None


def record_chunk_done(session: Session, narration_id: str) -> Progress | None:
    """Count one rendered chunk, atomically (UPDATE ... SET chunks_done = chunks_done + 1).

    None: the narration is no longer processing (finished, re-queued or deleted): stop.
    """
    done = Narration.chunks_done + 1
    stmt = (
        update(Narration)
        .where(Narration.id == narration_id, Narration.status == Status.PROCESSING)
        .values(
            chunks_done=done,
            progress=case(
                (done >= Narration.chunks_total, 1.0),
                else_=cast(done, Float) / Narration.chunks_total,
            ),
            heartbeat_at=utcnow(),
            updated_at=utcnow(),
        )
        .returning(Narration.chunks_done, Narration.chunks_total, Narration.progress)
        .execution_options(synchronize_session=False)
    )
    result = session.execute(stmt).one_or_none()
    narration = session.identity_map.get(session.identity_key(Narration, narration_id))
    if narration is not None:  # keep a loaded copy honest
        session.expire(narration)
    return None if result is None else Progress(*result)


def claim_assembly(session: Session, narration_id: str) -> bool:
    """True for exactly one caller per attempt: a conditional UPDATE decides.

    The claim is `finished_at` (set here, when rendering finished; overwritten by mark_ready;
    cleared by requeue, so a re-queued attempt can claim again). A duplicate chunk delivery can
    over-count and claim early: assembly then renders what is missing itself.
    """
    stmt = (
        update(Narration)
        .where(
            Narration.id == narration_id,
            Narration.status == Status.PROCESSING,
            Narration.finished_at.is_(None),
            Narration.chunks_done >= Narration.chunks_total,
        )
        .values(finished_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def mark_ready(
    session: Session,
    narration_id: str,
    *,
    audio_key: str,
    timings_key: str | None = None,
    captions_key: str | None = None,
    duration_s: float | None = None,
    words: int | None = None,
    wpm: float | None = None,
    lufs: float | None = None,
    etag: str | None = None,
    size_bytes: int | None = None,
) -> Narration:
    now = utcnow()
    row = _update_narration(
        session,
        narration_id,
        status=Status.READY,
        progress=1.0,
        chunks_done=Narration.chunks_total,
        error=None,
        finished_at=now,
        heartbeat_at=now,
        audio_key=audio_key,
        timings_key=timings_key,
        captions_key=captions_key,
        duration_s=duration_s,
        words=words,
        wpm=wpm,
        lufs=lufs,
        etag=etag,
        size_bytes=size_bytes,
    )
    if row is None:
        raise _not_found(narration_id)
    ledger.forget(session, narration_id)
    return row


def mark_failed(session: Session, narration_id: str, error: str) -> Narration:
    now = utcnow()
    row = _update_narration(
        session,
        narration_id,
        status=Status.FAILED,
        error=error,
        finished_at=now,
        heartbeat_at=now,
    )
    if row is None:
        raise _not_found(narration_id)
    ledger.forget(session, narration_id)  # a retry by the user starts from the cache, counted anew
    return row


def bump_attempt(session: Session, narration_id: str) -> int:
    """Count one more attempt (atomically); returns the new count."""
    row = _update_narration(session, narration_id, attempts=Narration.attempts + 1)
    if row is None:
        raise _not_found(narration_id)
    return row.attempts


def touch(session: Session, narration_id: str) -> bool:
    """Heartbeat: the worker is alive. False if the narration no longer exists."""
    now = utcnow()
    stmt = (
        update(Narration)
        .where(Narration.id == narration_id)
        .values(heartbeat_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def _last_seen() -> Any:
    return func.coalesce(Narration.heartbeat_at, Narration.created_at)


def find_stale(
    session: Session,
    older_than_s: float,
    statuses: Collection[Status | str] = ACTIVE,
    *,
    now: datetime | None = None,
    limit: int = 100,
) -> list[Narration]:
    """Narrations in `statuses` with no heartbeat for `older_than_s` seconds, oldest first."""
    cutoff = (now or utcnow()) - timedelta(seconds=older_than_s)
    stmt = (
        select(Narration)
        .where(Narration.status.in_([Status(s) for s in statuses]), _last_seen() < cutoff)
        .order_by(_last_seen(), Narration.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def requeue(session: Session, narration_id: str, *, stale_before: datetime | None = None) -> bool:
    """Back to queued, progress reset (attempts kept). Returns whether it was re-queued.

    With `stale_before` (the reaper's cutoff) only a narration that is still queued/processing
    and still silent since then is re-queued: a worker that woke up meanwhile keeps its work.
    """
    where: list[Any] = []
    if stale_before is not None:
        where = [Narration.status.in_(ACTIVE), _last_seen() < stale_before]
    row = _update_narration(
        session,
        narration_id,
        *where,
        status=Status.QUEUED,
        chunks_done=0,
        progress=0.0,
        error=None,
        started_at=None,
        finished_at=None,
        heartbeat_at=utcnow(),
    )
    if row is None and stale_before is None:
        raise _not_found(narration_id)
    return row is not None


def counts_by_status(session: Session) -> dict[Status, int]:
    """Narrations per status, every status present (for metrics gauges)."""
    counts = dict.fromkeys(Status, 0)
    stmt = select(Narration.status, func.count()).group_by(Narration.status)
    for status, count in session.execute(stmt):
        counts[Status(status)] = count
    return counts


# --- chunk cache -----------------------------------------------------------------------------


def get_chunk(session: Session, key: str) -> ChunkCache | None:
    """A cached chunk, its last_used_at refreshed (at most hourly) for eviction."""
    chunk = session.get(ChunkCache, key)
    if chunk is not None and chunk.last_used_at < utcnow() - CHUNK_TOUCH_INTERVAL:
        chunk.last_used_at = utcnow()
        session.flush()
    return chunk


def put_chunk(
    session: Session,
    key: str,
    *,
    audio_key: str,
    sample_rate: int,
    duration_ms: int,
    sentence_ms: Sequence[Sequence[int]],
) -> ChunkCache:
    """Record a rendered chunk; if another worker recorded the same key first, returns theirs.

    Derive `audio_key` from `key` (e.g. f"chunks/{key}.wav") so racing workers write one object.
    """
    now = utcnow()
    row = ChunkCache(
        key=key,
        audio_key=audio_key,
        sample_rate=sample_rate,
        duration_ms=duration_ms,
        sentence_ms=[[int(a), int(b)] for a, b in sentence_ms],
        created_at=now,
        last_used_at=now,
    )
    chunk, _ = _insert_or_get(session, row, lambda: session.get(ChunkCache, key))
    return chunk


def evict_chunks(session: Session, unused_since: datetime, limit: int = 1000) -> list[str]:
    """Forget chunks unused since `unused_since`; returns their audio keys to delete."""
    stmt = (
        select(ChunkCache.key, ChunkCache.audio_key)
        .where(ChunkCache.last_used_at < unused_since)
        .order_by(ChunkCache.last_used_at)
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    if rows:
        session.execute(
            delete(ChunkCache)
            .where(ChunkCache.key.in_([k for k, _ in rows]))
            .execution_options(synchronize_session=False)
        )
    return [audio_key for _, audio_key in rows]
