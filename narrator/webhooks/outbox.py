"""Deliveries recorded in a transaction, sent by task name once that transaction committed.

narrator.store.repo.webhooks leaves the ids of the deliveries it records in the session's
info (OUTBOX); narrator.context sends them here after its commit. A delivery is claimed before
its message goes out (a lease: "a message is on its way"), so the dispatcher does not send it
too; a process that dies between the commit and the send leaves it unclaimed or its lease runs
out, and the dispatcher sends it then.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from narrator import schedule
from narrator.config import Settings
from narrator.contract import DELIVER_WEBHOOK, SendTask
from narrator.store.db import Database
from narrator.store.models import utcnow
from narrator.store.repo import deliveries
from narrator.store.repo.webhooks import OUTBOX

log = logging.getLogger(__name__)


def take(session: Session) -> list[str]:
    """The delivery ids this session recorded (and forgets them)."""
    return list(session.info.pop(OUTBOX, None) or [])


def message_lease_s(settings: Settings) -> float:
    """How long a sent message may wait for a worker before it is sent again (the broker's own
    redelivery of an unacknowledged message takes as long)."""
    return float(settings.visibility_timeout_s)


def send(
    db: Database, send_task: SendTask, settings: Settings, ids: list[str] | None, limit: int = 100
) -> int:
    """Claim the due deliveries among `ids` (None: any due) and send one task for each."""
    if ids is not None and not ids:
        return 0
    with db.session() as s:
        claimed = deliveries.claim_due(
            s, now=utcnow(), lease_s=message_lease_s(settings), limit=limit, only=ids
        )
    route = schedule.webhook()
    for delivery_id in claimed:
        try:
            send_task(DELIVER_WEBHOOK, [delivery_id], route.queue, priority=route.priority)
        except Exception:  # the broker is down: the lease runs out and the dispatcher sends it
            log.warning("could not send webhook delivery %s; later", delivery_id, exc_info=True)
            return 0
    return len(claimed)
