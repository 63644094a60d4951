"""Which sources are due a poll, and the one poll message each.

Every worker looks every `source_tick_s` (a thread beside the reaper; or celery beat sends
narrator.poll_due). A look moves a due source's next poll on by its interval with a
compare-and-set on next_poll_at, and only the process whose UPDATE matched sends the poll:
however many workers look at once, a due poll is sent once.

A lost poll message is not sent again: the source is simply polled at its next due time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Protocol

from narrator.contract import POLL_PRIORITY, POLL_QUEUE, POLL_SOURCE, SendTask
from narrator.store.models import utcnow
from narrator.store.repo import sources as repo

log = logging.getLogger(__name__)


class Database(Protocol):
    def session(self, *, readonly: bool = False) -> Any: ...


def send_poll(send: SendTask, source_id: str) -> None:
    send(POLL_SOURCE, [source_id], POLL_QUEUE, priority=POLL_PRIORITY)


def send_due(db: Database, send: SendTask, now: datetime | None = None) -> int:
    """Send a poll for every source that is due and that no other process claimed first."""
    now = now or utcnow()
    with db.session(readonly=True) as s:
        due = repo.due_sources(s, now)
        intervals = {sid: repo.load_source(s, sid).interval_s for sid, _ in due}
    sent = 0
    for source_id, expected in due:
        to = now + timedelta(seconds=intervals[source_id])
        with db.session() as s:
            won = repo.advance_poll(s, source_id, expected=expected, to=to)
        if not won:
            continue
        try:
            send_poll(send, source_id)
            sent += 1
        except Exception:  # the broker is down: the source is polled at its next due time
            log.warning("could not send the poll of %s", source_id, exc_info=True)
    return sent


def poll_now(db: Database, send: SendTask, source_id: str) -> None:
    """Send a poll at once (a new source, or its owner asked); the next one an interval on."""
    now = utcnow()
    with db.session() as s:
        source = repo.load_source(s, source_id)
        repo.advance_poll(
            s, source_id, expected=None, to=now + timedelta(seconds=source.interval_s)
        )
    try:
        send_poll(send, source_id)
    except Exception:  # the broker is down: due now, so the first worker to look sends it
        log.warning("could not send the poll of %s; it is due now", source_id, exc_info=True)
        with db.session() as s:
            repo.advance_poll(s, source_id, expected=None, to=now)
