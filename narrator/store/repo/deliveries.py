"""Webhook deliveries: who sends each and when, every attempt, and giving up.

    claim_due          deliveries due and in nobody's hands, marked "a message is on its way"
    claim_attempt      a process takes one delivery for one attempt (its holder, under a lease)
    record_attempt     the attempt's outcome: delivered, retried at a time, or failed for good
    disable_endpoint   an endpoint that failed for a whole retry window stops receiving
    list_deliveries    an endpoint's deliveries, newest first, with their attempts

A delivery is its own ledger: `lease_until` without a holder is a message sent and not yet
taken; with a holder, an attempt in progress. Whatever the broker loses, a delivery whose lease
ran out is sent again (narrator.webhooks.dispatch), so every event is delivered at least once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, true, update
from sqlalchemy.orm import Session

from narrator.store.models import (
    utcnow,
)
from narrator.store.repo.rows import older_than_row
from narrator.store.repo.webhooks import DELIVERED, FAILED, GONE, PENDING
from narrator.store.webhook_models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

# Machines' clocks differ a little: a delivery due this much later is taken now.
CLOCK_SLACK_S = 1.0


@dataclass(frozen=True)
class Job:
    """What one attempt needs: where, the secret to sign with, and the exact body."""

    delivery_id: str
    endpoint_id: str
    url: str
    secret: str
    body: str
    attempts: int  # before this one
    created_at: datetime


def _due(now: datetime) -> list[object]:
    return [
        WebhookDelivery.state == PENDING,
        WebhookDelivery.next_attempt_at <= now,
        or_(WebhookDelivery.lease_until.is_(None), WebhookDelivery.lease_until < now),
    ]


def claim_due(
    session: Session, *, now: datetime, lease_s: float, limit: int, only: list[str] | None = None
) -> list[str]:
    """Mark up to `limit` due deliveries (of `only`, if given) as sent; their ids.

    One conditional UPDATE each: of many dispatchers, one claims a delivery.
    """
    stmt = select(WebhookDelivery.id).where(*_due(now))  # type: ignore[arg-type]
    if only is not None:
        stmt = stmt.where(WebhookDelivery.id.in_(only))
    candidates = list(session.scalars(stmt.order_by(WebhookDelivery.next_attempt_at).limit(limit)))
    claimed = []
    until = now + timedelta(seconds=lease_s)
    for delivery_id in candidates:
        done = session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, *_due(now))  # type: ignore[arg-type]
            .values(lease_until=until)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount:  # type: ignore[attr-defined]
            claimed.append(delivery_id)
    return claimed


def held_by(session: Session, *, now: datetime) -> dict[str, str]:
    """{delivery id: holder} of pending deliveries in a process's hands and not yet expired."""
    rows = session.execute(
        select(WebhookDelivery.id, WebhookDelivery.holder).where(
            WebhookDelivery.state == PENDING,
            WebhookDelivery.holder.is_not(None),
            WebhookDelivery.lease_until >= now,
        )
    )
    return {i: h for i, h in rows if h}


def forget_messages(session: Session, *, still_queued: set[str]) -> int:
    """Deliveries whose message is lost (sent, not taken, not among `still_queued`): due again
    at once instead of when their lease runs out. For a broker that loses messages with its
    process (the embedded one), read before any worker starts."""
    done = session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.state == PENDING,
            WebhookDelivery.holder.is_(None),
            WebhookDelivery.lease_until.is_not(None),
            WebhookDelivery.id.not_in(still_queued) if still_queued else true(),
        )
        .values(lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(done.rowcount)  # type: ignore[attr-defined]


def release(session: Session, delivery_id: str, holder: str) -> bool:
    """Take a delivery from a holder that is gone for certain: due again at once."""
    done = session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.holder == holder)
        .values(holder=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def claim_attempt(
    session: Session,
    delivery_id: str,
    holder: str,
    *,
    now: datetime,
    lease_s: float,
    is_gone: Callable[[str], bool],
) -> Job | None:
    """Take the delivery for one attempt; None if it is not due, done, or another live
    process has it (a duplicate message). A holder that is gone (`is_gone`) loses it."""
    row = session.execute(
        select(WebhookDelivery, WebhookEndpoint, WebhookEvent)
        .join(WebhookEndpoint, WebhookDelivery.endpoint_id == WebhookEndpoint.id)
        .join(WebhookEvent, WebhookDelivery.event_id == WebhookEvent.id)
        .where(WebhookDelivery.id == delivery_id)
    ).one_or_none()
    if row is None:
        return None
    delivery, endpoint, event = row
    if delivery.state != PENDING:
        return None
    if delivery.next_attempt_at > now + timedelta(seconds=CLOCK_SLACK_S):
        # Early: a duplicate message, or the sender's clock ahead of ours. The dispatcher sends
        # it again when due, not only once this message's lease has run out.
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, WebhookDelivery.holder.is_(None))
            .values(lease_until=None)
            .execution_options(synchronize_session=False)
        )
        return None
    free = or_(
        WebhookDelivery.holder.is_(None),
        WebhookDelivery.lease_until < now,
        WebhookDelivery.holder == holder,
    )
    if delivery.holder and delivery.holder != holder and is_gone(delivery.holder):
        free = or_(free, WebhookDelivery.holder == delivery.holder)
    done = session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.state == PENDING, free)
        .values(holder=holder, lease_until=now + timedelta(seconds=lease_s))
        .execution_options(synchronize_session=False)
    )
    if not done.rowcount:  # type: ignore[attr-defined]
        return None
    return Job(
        delivery.id,
        endpoint.id,
        endpoint.url,
        endpoint.secret,
        event.body,
        delivery.attempts,
        delivery.created_at,
    )


@dataclass(frozen=True)
class Outcome:
    started_at: datetime
    duration_ms: int
    status_code: int | None
    error: str | None
    delivered: bool


def record_attempt(
    session: Session, job: Job, outcome: Outcome, *, retry_at: datetime | None
) -> str:
    """The attempt, and what follows: delivered, retried at `retry_at`, or (None) failed for
    good. Returns the delivery's new state; GONE if the endpoint was deleted meanwhile (its
    deliveries with it: nothing is left to record)."""
    alive = select(WebhookDelivery.id).where(WebhookDelivery.id == job.delivery_id)
    if session.execute(alive.with_for_update()).first() is None:
        return GONE
    session.add(
        WebhookAttempt(
            delivery_id=job.delivery_id,
            started_at=outcome.started_at,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            error=outcome.error,
        )
    )
    now = utcnow()
    values: dict[str, object] = {
        "attempts": WebhookDelivery.attempts + 1,
        "holder": None,
        "lease_until": None,
    }
    if outcome.delivered:
        state = DELIVERED
        values.update(state=state, finished_at=now, error=None)
        session.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == job.endpoint_id)
            .values(last_success_at=now)
        )
    elif retry_at is not None:
        state = PENDING
        values.update(next_attempt_at=retry_at)
    else:
        state = FAILED
        values.update(state=state, finished_at=now, error=f"gave up: {describe(outcome)}")
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == job.delivery_id, WebhookDelivery.state == PENDING)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return state


def describe(outcome: Outcome) -> str:
    return outcome.error or f"HTTP {outcome.status_code}"


def failing_since_creation(session: Session, job: Job) -> bool:
    """No delivery to this endpoint succeeded since this one was created."""
    last = session.scalar(
        select(WebhookEndpoint.last_success_at).where(WebhookEndpoint.id == job.endpoint_id)
    )
    return last is None or last < job.created_at


def disable_endpoint(session: Session, endpoint_id: str, reason: str) -> None:
    """No more events for it: its pending deliveries fail with the same reason."""
    now = utcnow()
    session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.disabled_at.is_(None))
        .values(disabled_at=now, disabled_reason=reason)
    )
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.state == PENDING)
        .values(state=FAILED, finished_at=now, error=f"endpoint disabled: {reason}")
        .execution_options(synchronize_session=False)
    )


def list_deliveries(
    session: Session,
    endpoint_id: str,
    *,
    limit: int,
    after: tuple[datetime, str] | None = None,
) -> list[tuple[WebhookDelivery, str, list[WebhookAttempt]]]:
    """(delivery, event type, attempts oldest first), newest delivery first."""
    stmt = (
        select(WebhookDelivery, WebhookEvent.type)
        .join(WebhookEvent, WebhookDelivery.event_id == WebhookEvent.id)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(limit)
    )
    if after is not None:
        stmt = stmt.where(older_than_row(WebhookDelivery, after))
    rows = [(d, t) for d, t in session.execute(stmt)]
    attempts: dict[str, list[WebhookAttempt]] = {d.id: [] for d, _ in rows}
    if attempts:
        found = session.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.delivery_id.in_(list(attempts)))
            .order_by(WebhookAttempt.started_at, WebhookAttempt.id)
        )
        for attempt in found:
            attempts[attempt.delivery_id].append(attempt)
    return [(d, t, attempts[d.id]) for d, t in rows]
