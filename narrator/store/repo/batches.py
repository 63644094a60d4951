"""Batches and their items: bulk insert, the expander's claim, counts, pages, cancel.

An item's status is read from its narration (the one truth), so counts are exact whatever
workers, retries and the reaper do: `item_status()` is that rule as one SQL expression.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Float,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from narrator import errors
from narrator.store import ledger
from narrator.store.models import (
    ACTIVE,
    Batch,
    BatchItem,
    ItemState,
    Narration,
    Queue,
    Status,
    utcnow,
)
from narrator.store.repo import webhooks
from narrator.store.repo.items import ITEM_STATUSES, item_status

_ENDED = ("ready", "failed", "canceled")


@dataclass(frozen=True)
class NewItem:
    """An item to insert: its state follows from `error` (failed) or `payload` (pending)."""

    name: str | None
    external_id: str | None
    payload: dict[str, Any] | None
    error: str | None


def create_batch(session: Session, items: Sequence[NewItem], **options: Any) -> Batch:
    """The batch row and every item, in one multi-row INSERT (fast however many)."""
    batch = Batch(total=len(items), created_at=utcnow(), **options)
    session.add(batch)
    session.flush()
    rows = [
        {
            "batch_id": batch.id,
            "index": i,
            "name": it.name,
            "external_id": it.external_id,
            "state": ItemState.FAILED if it.error is not None else ItemState.PENDING,
            "error": it.error,
            "payload": it.payload if it.error is None else None,
        }
        for i, it in enumerate(items)
    ]
    for start in range(0, len(rows), 1000):
        session.execute(insert(BatchItem), rows[start : start + 1000])
    if not any(it.error is None for it in items):
        batch.expanded_at = batch.created_at
        session.flush()
        webhooks.batch_settled(session, batch.id)  # every item refused: it ended as it began
    return batch


def get_batch(session: Session, batch_id: str) -> Batch | None:
    return session.get(Batch, batch_id)


def load_batch(session: Session, batch_id: str) -> Batch:
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise errors.NotFound(f"batch {batch_id!r} not found")
    return batch


# --- the expander: items -> narrations ---------------------------------------------------------


def expandable(session: Session, now: datetime) -> list[tuple[str, str | None]]:
    """(id, holder) of batches with items to expand whose holder's lease ran out or is unset."""
    stmt = select(Batch.id, Batch.expand_holder).where(
        Batch.expanded_at.is_(None), Batch.canceled_at.is_(None)
    )
    return [(i, h) for i, h in session.execute(stmt.order_by(Batch.created_at))]


def claim(session: Session, batch_id: str, holder: str, until: datetime, *, steal: bool) -> bool:
    """Hold the batch's expansion until `until` (renewal by the holder; `steal`: its holder is
    gone for certain). True when held."""
    now = utcnow()
    free = or_(
        Batch.expand_holder.is_(None),
        Batch.expand_holder == holder,
        Batch.expand_until < now,
    )
    stmt = (
        update(Batch)
        .where(Batch.id == batch_id, Batch.expanded_at.is_(None), true() if steal else free)
        .values(expand_holder=holder, expand_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def pending_items(session: Session, batch_id: str, limit: int) -> list[BatchItem]:
    stmt = (
        select(BatchItem)
        .where(BatchItem.batch_id == batch_id, BatchItem.state == ItemState.PENDING)
        .order_by(BatchItem.index)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def earlier_narrations(
    session: Session, batch: Batch, external_ids: Iterable[str]
) -> dict[str, str]:
    """external_id -> the narration of the newest item with that id in an earlier batch of the
    same owner read the same way (voice, speed, engine version): an article sent again, whose
    pace the new narration may keep (narrator.service.Submission.earlier)."""
    wanted = {e for e in external_ids if e}
    if not wanted:
        return {}
    owner = Batch.owner.is_(None) if batch.owner is None else Batch.owner == batch.owner
    stmt = (
        select(BatchItem.external_id, BatchItem.narration_id)
        .join(Batch, Batch.id == BatchItem.batch_id)
        .where(
            BatchItem.external_id.in_(wanted),
            BatchItem.narration_id.is_not(None),
            Batch.id != batch.id,
            Batch.created_at <= batch.created_at,
            owner,
            Batch.voice == batch.voice,
            Batch.speed == batch.speed,
            Batch.engine_version == batch.engine_version,
        )
        .order_by(Batch.created_at, BatchItem.batch_id)
    )
    return {str(e): str(n) for e, n in session.execute(stmt)}  # the newest last, so it stays


def settle_items(
    session: Session, batch_id: str, links: dict[int, str], failures: dict[int, str]
) -> None:
    """Pending items to linked (their narration) or failed (the reason); canceled ones stay."""
    pending = and_(BatchItem.batch_id == batch_id, BatchItem.state == ItemState.PENDING)
    for index, narration_id in links.items():
        session.execute(
            update(BatchItem)
            .where(pending, BatchItem.index == index)
            .values(state=ItemState.LINKED, narration_id=narration_id, payload=None)
        )
    for index, reason in failures.items():
        session.execute(
            update(BatchItem)
            .where(pending, BatchItem.index == index)
            .values(state=ItemState.FAILED, error=reason, payload=None)
        )


def finish_expansion(session: Session, batch_id: str, holder: str) -> None:
    """Release the claim; mark the batch expanded when no item is left pending."""
    left = session.scalar(
        select(func.count())
        .select_from(BatchItem)
        .where(BatchItem.batch_id == batch_id, BatchItem.state == ItemState.PENDING)
    )
    values: dict[str, Any] = {"expand_holder": None, "expand_until": None}
    if not left:
        values["expanded_at"] = utcnow()
    session.execute(
        update(Batch).where(Batch.id == batch_id, Batch.expand_holder == holder).values(**values)
    )
    if not left:  # every item may have ended already (cache hits, refusals)
        webhooks.batch_settled(session, batch_id)


# --- following a batch -------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """What the items of a batch add up to."""

    counts: dict[str, int]
    audio_s: float
    progress: float  # items ended plus the rendered share of those processing, over all
    ended_here: int  # items that ended after the batch was created (the rate for an ETA)
    last_finished: datetime | None


def tally(session: Session, batch: Batch) -> Tally:
    status = item_status()
    partial = case(
        (Narration.chunks_total > 0, cast(Narration.chunks_done, Float) / Narration.chunks_total),
        else_=func.coalesce(Narration.progress, 0.0),
    )
    here = case((Narration.finished_at >= batch.created_at, 1), else_=0)
    stmt = (
        select(
            status,
            func.count(),
            func.sum(func.coalesce(Narration.duration_s, 0.0)),
            func.sum(partial),
            func.sum(here),
            func.max(Narration.finished_at),
        )
        .select_from(BatchItem)
        .outerjoin(Narration, BatchItem.narration_id == Narration.id)
        .where(BatchItem.batch_id == batch.id)
        .group_by(status)
    )
    counts = dict.fromkeys(ITEM_STATUSES, 0)
    audio_s = done = 0.0
    ended_here = 0
    last: datetime | None = None
    for st, n, seconds, part, ended, finished in session.execute(stmt):
        counts[st] = n
        if st == "ready":
            audio_s = float(seconds or 0.0)
        if st in _ENDED:
            done += n
            ended_here += int(ended or 0) if st != "canceled" else 0
        elif st == "processing":
            done += float(part or 0.0)
        if finished is not None:
            finished = _aware(finished)
            last = finished if last is None or finished > last else last
    total = sum(counts.values())
    return Tally(counts, audio_s, done / total if total else 1.0, ended_here, last)


def _aware(value: datetime) -> datetime:
    # Aggregates skip the column type's conversion: SQLite hands back a naive string/datetime.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo)


def list_items(
    session: Session,
    batch_id: str,
    *,
    limit: int,
    after: int | None = None,
    statuses: Iterable[str] = (),
    external_id: str | None = None,
) -> list[tuple[BatchItem, str, Narration | None]]:
    """(item, status, narration) in upload order, after item `after`, filtered by status."""
    status = item_status()
    stmt = (
        select(BatchItem, status, Narration)
        .outerjoin(Narration, BatchItem.narration_id == Narration.id)
        .where(BatchItem.batch_id == batch_id)
        .order_by(BatchItem.index)
        .limit(limit)
    )
    wanted = list(statuses)
    if wanted:
        stmt = stmt.where(status.in_(wanted))
    if after is not None:
        stmt = stmt.where(BatchItem.index > after)
    if external_id is not None:
        stmt = stmt.where(BatchItem.external_id == external_id)
    return [(item, st, n) for item, st, n in session.execute(stmt)]


# --- cancel and delete -------------------------------------------------------------------------


def cancel(session: Session, batch_id: str, reason: str) -> list[str]:
    """Stop what is not done: pending and unfinished items canceled; their narrations failed
    when nothing else needs them (another batch's live item, or someone who asked for one
    interactively). Returns the narrations failed."""
    batch = load_batch(session, batch_id)
    if batch.canceled_at is None:
        batch.canceled_at = utcnow()
    session.execute(
        update(BatchItem)
        .where(BatchItem.batch_id == batch_id, BatchItem.state == ItemState.PENDING)
        .values(state=ItemState.CANCELED, payload=None)
    )
    unfinished = list(
        session.scalars(
            select(BatchItem.narration_id)
            .join(Narration, BatchItem.narration_id == Narration.id)
            .where(
                BatchItem.batch_id == batch_id,
                BatchItem.state == ItemState.LINKED,
                Narration.status.in_(ACTIVE),
            )
        )
    )
    if not unfinished:
        webhooks.batch_settled(session, batch_id)
        return []
    session.execute(
        update(BatchItem)
        .where(
            BatchItem.batch_id == batch_id,
            BatchItem.state == ItemState.LINKED,
            BatchItem.narration_id.in_(unfinished),
        )
        .values(state=ItemState.CANCELED)
        .execution_options(synchronize_session=False)
    )
    needed = set(
        session.scalars(
            select(BatchItem.narration_id).where(
                BatchItem.narration_id.in_(unfinished), BatchItem.state == ItemState.LINKED
            )
        )
    )
    now = utcnow()
    failed = list(
        session.scalars(
            update(Narration)
            .where(
                Narration.id.in_([n for n in unfinished if n not in needed]),
                Narration.status.in_(ACTIVE),
                Narration.queue == Queue.BATCH,
            )
            .values(status=Status.FAILED, error=reason, finished_at=now, updated_at=now)
            .returning(Narration.id)
            .execution_options(synchronize_session=False)
        )
    )
    for narration_id in failed:
        ledger.forget(session, narration_id)
        narration = session.get(Narration, narration_id, populate_existing=True)
        if narration is not None:
            webhooks.narration_ended(session, narration)
    webhooks.batch_settled(session, batch_id)
    return failed


def delete_batch(session: Session, batch_id: str) -> None:
    load_batch(session, batch_id)
    session.execute(delete(BatchItem).where(BatchItem.batch_id == batch_id))
    session.execute(delete(Batch).where(Batch.id == batch_id))
