"""How a worker shows that the work it holds is alive, and how others tell.

    heartbeat(ctx, id)   a stage touches its narration while it runs (what clients see as
                         activity; a duplicate `narrate` delivery backs off from a fresh one)
    Keeper               each worker process renews the leases of the tasks it holds; a worker's
                         main process also beats, saying since when it has held nothing

The reaper (narrator.recovery) judges tasks, not narrations: a task is lost when its lease ran
out, or when it waits although a live worker that would have taken it has been idle since.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from narrator import owners
from narrator.config import Settings
from narrator.context import Context
from narrator.store import ledger, repo
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


# --- leases on tasks, and the worker's beat ---------------------------------------------------

# How long a live worker must have held nothing, after a task was sent, before that task counts
# as not in the broker: many times the brokers' poll (embedded 0.05 s; Redis answers at once),
# plus a beat of the keeper below.
IDLE_PROOF_S = 3.0
BEAT_S = 1.0
CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def holder_tag() -> str:
    """This process as a holder of tasks (machine scope and pid, see narrator.owners)."""
    return owners.tag()


def hold(ctx: Context, task_id: str, holder: str, *, started: bool) -> None:
    with ctx.session() as s:
        ledger.hold(s, task_id, holder, lease_s(ctx.settings), started=started)


def end(ctx: Context, task_id: str, *, retrying: bool) -> None:
    with ctx.session() as s:
        if retrying:
            ledger.unhold(s, task_id)
        else:
            ledger.release(s, task_id)


def lease_s(settings: Settings) -> float:
    """A held task whose holder has not renewed for this long is lost (its process died)."""
    return float(settings.stale_after_s)


class Keeper:
    """A thread in each worker process: renews the leases of every task this process holds.

    In a worker's main process it also beats for the worker: alive, which queues it consumes,
    and since when it has held nothing (`in_hand` returns how many tasks it holds and how many
    it has received in all, so a task that came and went between two beats still counts).
    """

    def __init__(
        self,
        ctx: Context,
        holder: str,
        *,
        queues: Sequence[str] = (),
        in_hand: Callable[[], tuple[int, int]] | None = None,
        slots: int | None = None,
    ) -> None:
        self.ctx, self.holder, self.queues, self.in_hand = ctx, holder, list(queues), in_hand
        self.slots = slots
        self.every = min(BEAT_S, lease_s(ctx.settings) / 3)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._received = -1
        self._idle_since: datetime | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="narrator-keeper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.tick()
            except Exception:  # a missed beat is harmless while the next comes within the lease
                log.warning("lease renewal failed; retrying", exc_info=True)

    def tick(self) -> None:
        with self.ctx.session() as s:
            ledger.renew(s, self.holder, lease_s(self.ctx.settings))
            if self.in_hand is not None:
                ledger.beat_worker(
                    s,
                    self.holder,
                    self.queues,
                    idle_since=self._idle(),
                    slots=self.slots,
                    cpus=CPUS,
                )

    def _idle(self) -> datetime | None:
        assert self.in_hand is not None
        holding, received = self.in_hand()
        if holding or received != self._received:
            self._received = received
            self._idle_since = None
        elif self._idle_since is None:
            self._idle_since = utcnow()
        return self._idle_since

    def hand_back(self) -> None:
        """A warm shutdown: what this process reserved waits again, and its beats stop."""
        with self.ctx.session() as s:
            ledger.unhold_all(s, self.holder)
            ledger.forget_worker(s, self.holder)
