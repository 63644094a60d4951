"""How a worker shows that a narration it holds is alive, and how others tell.

A stage touches its narration's heartbeat while it runs; the reaper (narrator.recovery) treats
a processing narration whose heartbeat is older than stale_after_s as lost.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

from narrator.context import Context
from narrator.store import repo
from narrator.store.models import Narration, Status, utcnow

log = logging.getLogger(__name__)


@contextlib.contextmanager
def heartbeat(ctx: Context, narration_id: str) -> Iterator[None]:
    """Touch the narration while a long stage runs, so the reaper only sees dead work as stale."""
    every = max(1.0, ctx.settings.stale_after_s / 4)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
            try:
                with ctx.session() as s:
                    repo.touch(s, narration_id)
            except Exception:  # a missed beat is harmless; the next one retries
                log.warning("heartbeat for %s failed", narration_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-{narration_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def owned_elsewhere(ctx: Context, narration: Narration) -> bool:
    """Processing with a fresh heartbeat: another delivery of `narrate` is at work on it."""
    if narration.status != Status.PROCESSING or narration.heartbeat_at is None:
        return False
    age = (utcnow() - narration.heartbeat_at).total_seconds()
    return age < ctx.settings.stale_after_s
