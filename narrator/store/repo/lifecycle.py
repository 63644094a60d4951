"""A narration's state changes: queued -> processing -> ready | failed, and back to queued.

Each change is one UPDATE, so a worker, a duplicate delivery of its task and the reaper can
race without losing each other's writes. find_stale() is the reaper's view of the queue.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Float, case, cast, func, select, update
from sqlalchemy.orm import Session

from narrator.store.models import ACTIVE, Narration, Status, utcnow
from narrator.store.repo.rows import narration_exists, narration_not_found, update_narration


class Progress(NamedTuple):
    done: int
    total: int
    progress: float


def mark_processing(session: Session, narration_id: str, chunks_total: int) -> bool:
    """Claim a queued (or re-delivered processing) narration for rendering: the attempt
    restarts (chunks_done, progress, error and finished_at cleared; started_at kept).

    False: it is already ready or failed, so a duplicate delivery has nothing to do.
    """
    now = utcnow()
    row = update_narration(
        session,
        narration_id,
        Narration.status.in_(ACTIVE),
        status=Status.PROCESSING,
        chunks_total=chunks_total,
        chunks_done=0,
        progress=0.0,
        error=None,
        finished_at=None,
        started_at=func.coalesce(Narration.started_at, now),
        heartbeat_at=now,
    )
    if row is None and not narration_exists(session, narration_id):
        raise narration_not_found(narration_id)
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
    row = update_narration(
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
        raise narration_not_found(narration_id)
    return row


def mark_failed(session: Session, narration_id: str, error: str) -> Narration:
    now = utcnow()
    row = update_narration(
        session,
        narration_id,
        status=Status.FAILED,
        error=error,
        finished_at=now,
        heartbeat_at=now,
    )
    if row is None:
        raise narration_not_found(narration_id)
    return row


def bump_attempt(session: Session, narration_id: str) -> int:
    """Count one more attempt (atomically); returns the new count."""
    row = update_narration(session, narration_id, attempts=Narration.attempts + 1)
    if row is None:
        raise narration_not_found(narration_id)
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
    row = update_narration(
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
        raise narration_not_found(narration_id)
    return row is not None
