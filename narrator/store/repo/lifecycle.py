"""A narration's state changes: queued -> processing -> ready | failed, and back to queued.

Each change is one UPDATE, so a worker, a duplicate delivery of its task and the reaper can
race without losing each other's writes. Which work is lost is the ledger's to say
(narrator.store.ledger).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from narrator.store import ledger
from narrator.store.models import ACTIVE, Narration, Status, utcnow
from narrator.store.repo.rows import narration_exists, narration_not_found, update_narration
from narrator.store.repo.webhooks import narration_ended


def mark_processing(session: Session, narration_id: str, chunks_total: int) -> bool:
    """Claim a queued (or re-delivered processing) narration for rendering: error and
    finished_at cleared; chunks already done stay done (the ledger's set), so progress never
    goes back while a narration is being worked on; started_at kept.

    False: it is already ready or failed, so a duplicate delivery has nothing to do.
    """
    now = utcnow()
    row = update_narration(
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
    if row is None and not narration_exists(session, narration_id):
        raise narration_not_found(narration_id)
    return row is not None


def claim_assembly(session: Session, narration_id: str) -> bool:
    """True for exactly one caller per attempt: a conditional UPDATE decides.

    The claim is `finished_at` (set here, when rendering finished; overwritten by mark_ready;
    cleared by mark_processing and requeue, so a later attempt can claim again).
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
    was = _status(session, narration_id)
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
    ledger.forget(session, narration_id)
    if was != Status.READY:  # announced once, in the same transaction as the change
        narration_ended(session, row)
    return row


def mark_failed(session: Session, narration_id: str, error: str) -> Narration:
    now = utcnow()
    was = _status(session, narration_id)
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
    ledger.forget(session, narration_id)  # a retry by the user starts from the cache, counted anew
    if was != Status.FAILED:
        narration_ended(session, row)
    return row


def _status(session: Session, narration_id: str) -> Status | None:
    return session.scalar(select(Narration.status).where(Narration.id == narration_id))


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


def requeue(session: Session, narration_id: str) -> bool:
    """A failed narration back to queued (a user's retry), progress reset, attempts kept."""
    row = update_narration(
        session,
        narration_id,
        status=Status.QUEUED,
        chunks_done=0,
        progress=0.0,
        error=None,
        started_at=None,
        finished_at=None,
        heartbeat_at=utcnow(),
    )
    if row is None:
        raise narration_not_found(narration_id)
    return True


def mark_listened(session: Session, narration_id: str) -> Narration | None:
    """The first stream of a narration began now: the narration, or None if it was streamed
    before (or is gone). Its work is then rendered by deadlines (narrator.schedule)."""
    return update_narration(
        session,
        narration_id,
        Narration.listened_at.is_(None),
        listened_at=utcnow(),
        waiting_since=None,
        waiting_until=None,
    )


def keep_waiting(session: Session, narration_id: str, since: datetime, until: datetime) -> None:
    """A listener of this narration was told to wait: its place in line (admission), kept
    until `until` unless it asks again."""
    update_narration(session, narration_id, waiting_since=since, waiting_until=until)


def listened_at(session: Session, narration_id: str) -> datetime | None:
    return session.scalar(select(Narration.listened_at).where(Narration.id == narration_id))
