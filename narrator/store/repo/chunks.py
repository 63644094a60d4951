"""The chunk cache: rendered audio of a run of sentences, shared by every narration that
reads the same sentences with the same voice, pace and pauses (keys.chunk_cache_key)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from narrator.store.models import ChunkCache, utcnow
from narrator.store.repo.rows import insert_or_get

# get_chunk() refreshes last_used_at at most this often, so cache hits rarely write.
CHUNK_TOUCH_INTERVAL = timedelta(hours=1)


def get_chunk(session: Session, key: str) -> ChunkCache | None:
    """A cached chunk, its last_used_at refreshed (at most hourly) for eviction."""
    chunk = session.get(ChunkCache, key)
    if chunk is not None and _touch(chunk):
        session.flush()
    return chunk


def cached_chunks(session: Session, keys: Sequence[str]) -> set[str]:
    """Those of `keys` in the cache, their last_used_at refreshed as get_chunk does: one query
    for a narration's chunks instead of one transaction each."""
    found: set[str] = set()
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        rows = session.scalars(
            select(ChunkCache).where(ChunkCache.key.in_(keys[start : start + _KEYS_PER_QUERY]))
        )
        for chunk in rows:
            found.add(chunk.key)
            _touch(chunk)
    session.flush()
    return found


def _touch(chunk: ChunkCache) -> bool:
    """Mark a cache hit as used now, if its mark is older than CHUNK_TOUCH_INTERVAL."""
    now = utcnow()
    if chunk.last_used_at >= now - CHUNK_TOUCH_INTERVAL:
        return False
    chunk.last_used_at = now
    return True


_KEYS_PER_QUERY = 500  # well under any backend's limit of bound parameters


def put_chunk(
    session: Session,
    key: str,
    *,
    audio_key: str,
    sample_rate: int,
    duration_ms: int,
    sentence_ms: Sequence[Sequence[int]],
    voice: str | None = None,
    render_ms: int | None = None,
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
        voice=voice,
        render_ms=render_ms,
        created_at=now,
        last_used_at=now,
    )
    chunk, _ = insert_or_get(session, row, lambda: session.get(ChunkCache, key))
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
