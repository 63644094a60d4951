"""The dispatcher: a thread in every worker that sends the webhook deliveries that are due.

    tick(ctx)   deliveries held by a process that is gone are freed; due ones (a retry whose
                time came, one recorded but never sent, one whose message was lost) are
                claimed and sent; and, every so often, batches whose ending nobody announced
                are announced (a safety net under narrator.store.repo.webhooks.batch_settled)

Every claim is a conditional UPDATE, so many workers' dispatchers never send one delivery
twice within its lease; a second message for one delivery would only find it taken or done.
"""

from __future__ import annotations

import logging
import threading
import time

from narrator import owners
from narrator.context import Context
from narrator.contract import reap_interval
from narrator.store.models import utcnow
from narrator.store.repo import deliveries
from narrator.store.repo import webhooks as events
from narrator.webhooks import outbox

log = logging.getLogger(__name__)


def free_dead_holders(ctx: Context) -> int:
    """Deliveries whose attempting process died on this machine: due again without waiting for
    their lease (a process on another machine is judged by its lease alone)."""
    freed = 0
    with ctx.session() as s:
        for delivery_id, holder in deliveries.held_by(s, now=utcnow()).items():
            if owners.tag_gone(holder):
                freed += deliveries.release(s, delivery_id, holder)
    return freed


def announce_missed(ctx: Context) -> int:
    """batch.finished for batches that ended without it being recorded."""
    announced = 0
    with ctx.session() as s:
        batch_ids = events.unannounced_batches(s)
    for batch_id in batch_ids:
        with ctx.session() as s:
            announced += events.batch_settled(s, batch_id)
    return announced


def tick(ctx: Context, *, announce: bool = False) -> int:
    """One pass; returns how many deliveries were sent."""
    free_dead_holders(ctx)
    if announce:
        announce_missed(ctx)
    return outbox.send(ctx.db, ctx.send, ctx.settings, None)


class Dispatcher:
    """tick() every webhook_poll_s in a daemon thread; batch endings checked every reap pass."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="narrator-webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        settings = self.ctx.settings
        next_announce = 0.0
        while not self._stop.wait(settings.webhook_poll_s):
            announce = time.monotonic() >= next_announce
            if announce:
                next_announce = time.monotonic() + reap_interval(settings)
            try:
                tick(self.ctx, announce=announce)
            except Exception:  # the database may be away for a moment: the next pass retries
                log.warning("webhook dispatch pass failed; retrying", exc_info=True)
