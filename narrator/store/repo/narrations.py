"""Narrations as records: one per article x voice x speed x format x engine version.

Their state changes (queued, processing, ready, failed) are in lifecycle.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from narrator.store.models import ArticleRecord, Narration, Queue, Status, utcnow
from narrator.store.repo.keys import narration_cache_key
from narrator.store.repo.rows import insert_or_get, narration_not_found, older_than


def get_narration(session: Session, narration_id: str) -> Narration | None:
    return session.get(Narration, narration_id)


def load_narration(session: Session, narration_id: str) -> Narration:
    narration = session.get(Narration, narration_id)
    if narration is None:
        raise narration_not_found(narration_id)
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


def recent_narrations(
    session: Session, limit: int, after: tuple[datetime, str] | None = None
) -> list[tuple[Narration, str | None]]:
    """Up to `limit` narrations, newest first, each with its article's title.

    `after` is the (created_at, id) of the last one a previous page showed: keyset paging, so a
    narration submitted meanwhile does not shift the next page by one.
    """
    stmt = (
        select(Narration, ArticleRecord.title)
        .join(ArticleRecord, Narration.article_id == ArticleRecord.id)
        .order_by(Narration.created_at.desc(), Narration.id.desc())
        .limit(limit)
    )
    if after is not None:
        stmt = stmt.where(older_than(after))
    return [(n, title) for n, title in session.execute(stmt)]


def create_narration(
    session: Session,
    article: ArticleRecord,
    *,
    voice: str,
    speed: float,
    fmt: str,
    engine: str,
    engine_version: str,
    queue: Queue | str = Queue.INTERACTIVE,
    lexicon: str = "",
    lexicon_id: str | None = None,
    earlier_id: str | None = None,
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
        lexicon=lexicon,
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
        lexicon_id=lexicon_id,
        earlier_id=earlier_id,
    )
    return insert_or_get(session, row, lambda: find_narration_by_cache_key(session, key))


def delete_narration(session: Session, narration_id: str) -> list[str]:
    """Delete a narration; returns the storage keys the caller should delete."""
    narration = load_narration(session, narration_id)
    keys = narration.storage_keys
    session.delete(narration)
    session.flush()
    return keys


def counts_by_status(session: Session) -> dict[Status, int]:
    """Narrations per status, every status present (for metrics gauges)."""
    counts = dict.fromkeys(Status, 0)
    stmt = select(Narration.status, func.count()).group_by(Narration.status)
    for status, count in session.execute(stmt):
        counts[Status(status)] = count
    return counts
