"""Webhook endpoints, and the events recorded in the transaction of the change they announce.

    create/list/load/enable/delete   an owner's endpoints
    narration_ended(s, n)         narration.ready|failed, and batch.finished for each batch that
                                  this ends; called by the state changes (lifecycle, cancel)
    batch_settled(s, batch_id)    batch.finished once no item is left to do (announced once)

An event is a row with its body as sent, and one pending delivery per enabled endpoint
subscribed to its type, written in the caller's transaction: the change and its announcement
commit together or not at all. The ids of the deliveries are left in session.info[OUTBOX] so
that whoever commits can send them at once (narrator.context); the workers' dispatcher sends
any that nobody sent (narrator.webhooks.dispatch).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from narrator import contract, errors
from narrator.store.models import (
    ACTIVE,
    Batch,
    BatchItem,
    ItemState,
    Narration,
    Status,
    utcnow,
)
from narrator.store.repo.items import ITEM_STATUSES, item_status
from narrator.store.webhook_models import WebhookDelivery, WebhookEndpoint, WebhookEvent

OUTBOX = "narrator.webhooks.outbox"
PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"
GONE = "gone"  # not a stored state: the delivery was deleted with its endpoint mid-attempt


def create_endpoint(
    session: Session, *, owner: str, url: str, events: list[str], secret: str
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(
        owner=owner, url=url, events=list(events), secret=secret, created_at=utcnow()
    )
    session.add(endpoint)
    session.flush()
    return endpoint


def list_endpoints(session: Session, owner: str) -> list[WebhookEndpoint]:
    stmt = select(WebhookEndpoint).where(WebhookEndpoint.owner == owner)
    return list(session.scalars(stmt.order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)))


def load_endpoint(session: Session, owner: str, endpoint_id: str) -> WebhookEndpoint:
    """The owner's endpoint, or NotFound (another key's endpoint is not found either)."""
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.owner != owner:
        raise errors.NotFound(f"webhook {endpoint_id!r} not found")
    return endpoint


def enable_endpoint(session: Session, owner: str, endpoint_id: str) -> WebhookEndpoint:
    """Events reach it again (record_event skips disabled endpoints) from now on; a delivery
    that failed while it was disabled stays failed."""
    endpoint = load_endpoint(session, owner, endpoint_id)
    endpoint.disabled_at = None
    endpoint.disabled_reason = None
    session.flush()
    return endpoint


def delete_endpoint(session: Session, owner: str, endpoint_id: str) -> None:
    load_endpoint(session, owner, endpoint_id)
    session.execute(delete(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id))


# --- events -----------------------------------------------------------------------------------


def record_event(session: Session, event_type: str, data: dict[str, Any]) -> list[str]:
    """The event and a delivery to each enabled endpoint subscribed to it; the delivery ids.

    No endpoint subscribed: nothing is written at all.
    """
    endpoints = [
        e
        for e in session.scalars(
            select(WebhookEndpoint).where(WebhookEndpoint.disabled_at.is_(None))
        )
        if event_type in (e.events or [])
    ]
    if not endpoints:
        return []
    now = utcnow()
    event = WebhookEvent(type=event_type, created_at=now, body="")
    session.add(event)
    session.flush()
    body = {"type": event_type, "timestamp": _stamp(now), "data": {**data, "event_id": event.id}}
    event.body = json.dumps(body, separators=(",", ":"), sort_keys=True)
    deliveries = [
        WebhookDelivery(
            endpoint_id=e.id,
            event_id=event.id,
            state=PENDING,
            attempts=0,
            created_at=now,
            next_attempt_at=now,
        )
        for e in endpoints
    ]
    session.add_all(deliveries)
    session.flush()
    ids = [d.id for d in deliveries]
    session.info.setdefault(OUTBOX, []).extend(ids)
    return ids


def _stamp(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat().replace("+00:00", "Z")


def narration_data(n: Narration) -> dict[str, Any]:
    status = str(getattr(n.status, "value", n.status))
    return {
        "narration_id": n.id,
        "article_id": n.article_id,
        "status": status,
        "voice": n.voice,
        "speed": n.speed,
        "format": n.format,
        "duration_s": n.duration_s,
        "error": n.error,
        "finished_at": _stamp(n.finished_at),
        # Paths under the API's base URL: the database knows no host name.
        "url": f"/v1/narrations/{n.id}",
        "audio_url": f"/v1/narrations/{n.id}/audio" if status == Status.READY else None,
    }


def narration_ended(session: Session, narration: Narration) -> None:
    """narration.ready or narration.failed, then batch.finished for batches this completes."""
    ready = str(getattr(narration.status, "value", narration.status)) == Status.READY
    kind = contract.NARRATION_READY if ready else contract.NARRATION_FAILED
    record_event(session, kind, narration_data(narration))
    batch_ids = session.scalars(
        select(BatchItem.batch_id)
        .where(BatchItem.narration_id == narration.id, BatchItem.state == ItemState.LINKED)
        .distinct()
    )
    for batch_id in list(batch_ids):
        batch_settled(session, batch_id)


def batch_settled(session: Session, batch_id: str) -> bool:
    """Record batch.finished if every item of the batch has ended and it was not announced yet.

    The batch row is locked first: two narrations of one batch ending at once take turns here
    (PostgreSQL; SQLite's writers always do), so the second sees the first's ending.
    """
    batch = session.scalars(
        select(Batch).where(Batch.id == batch_id).with_for_update()
    ).one_or_none()
    if batch is None or batch.announced_at is not None or batch.expanded_at is None:
        return False
    if _items_left(session, batch_id):
        return False
    now = utcnow()
    claimed = session.execute(
        update(Batch)
        .where(Batch.id == batch_id, Batch.announced_at.is_(None))
        .values(announced_at=now)
        .execution_options(synchronize_session=False)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return False
    counts = _item_counts(session, batch_id)
    record_event(
        session,
        contract.BATCH_FINISHED,
        {
            "batch_id": batch_id,
            "status": "canceled" if batch.canceled_at else "finished",
            "total": batch.total,
            "counts": counts,
            "url": f"/v1/batches/{batch_id}",
        },
    )
    return True


def _items_left(session: Session, batch_id: str) -> int:
    active = (
        select(func.count())
        .select_from(BatchItem)
        .outerjoin(Narration, BatchItem.narration_id == Narration.id)
        .where(BatchItem.batch_id == batch_id)
        .where(
            (BatchItem.state == ItemState.PENDING)
            | ((BatchItem.state == ItemState.LINKED) & Narration.status.in_(ACTIVE))
        )
    )
    return int(session.scalar(active) or 0)


def _item_counts(session: Session, batch_id: str) -> dict[str, int]:
    status = item_status()
    rows = session.execute(
        select(status, func.count())
        .select_from(BatchItem)
        .outerjoin(Narration, BatchItem.narration_id == Narration.id)
        .where(BatchItem.batch_id == batch_id)
        .group_by(status)
    )
    counts = dict.fromkeys(ITEM_STATUSES, 0)
    counts.update({str(st): int(n) for st, n in rows})
    return counts


def unannounced_batches(session: Session, limit: int = 100) -> list[str]:
    """Batches expanded and not announced: the dispatcher's check for an ending it missed."""
    stmt = (
        select(Batch.id)
        .where(Batch.expanded_at.is_not(None), Batch.announced_at.is_(None))
        .order_by(Batch.created_at)
        .limit(limit)
    )
    return list(session.scalars(stmt))
