"""Thin tasks: take an id, call a stage of narrator.render, let the database hold the state.

Every task is idempotent (see narrator/render.py), acks late and is re-queued if its worker
process dies. Transient failures retry with exponential backoff; an InputError fails the
narration at once with its message; anything still failing after the retries fails the
narration with a reason. Nothing is ever left silently "processing": the reaper (a thread in
every worker, or `narrator.reap` from celery beat) re-queues or fails stale narrations.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from typing import Any

from celery import Task, shared_task
from celery.signals import (
    celeryd_after_setup,
    task_postrun,
    task_prerun,
    task_received,
    worker_init,
    worker_process_init,
    worker_ready,
    worker_shutdown,
)
from celery.worker import state as worker_state

from narrator import errors, lanes, render, warm
from narrator.config import get_settings
from narrator.context import Context, build_context, migrate_database
from narrator.contract import (
    ASSEMBLE,
    DELIVER_WEBHOOK,
    LISTEN,
    NARRATE,
    PLAN_REST,
    POLL_DUE,
    POLL_SOURCE,
    REAP,
    RENDER_CHUNK,
    message_priority,
    reap_interval,
    with_live,
)
from narrator.recovery import embedded, leases, reaper
from narrator.sources import poll as source_poll
from narrator.sources import schedule as source_schedule
from narrator.webhooks import delivery, dispatch
from workers.celery_app import get_app
from workers.outcomes import TRANSIENT, exit_behind

log = logging.getLogger(__name__)

SWEEP_INTERVAL_S = 3600.0  # how often the reaper thread sweeps abandoned temp files

_contexts: dict[int, Context] = {}
_contexts_lock = threading.Lock()


def _send(
    name: str,
    args: list[Any],
    queue: str,
    *,
    task_id: str | None = None,
    priority: int | None = None,
) -> None:
    get_app().send_task(
        name, args=args, queue=queue, task_id=task_id, priority=message_priority(priority)
    )


def context() -> Context:
    """One context per process, built on first use (never inherited across a fork)."""
    pid = os.getpid()
    ctx = _contexts.get(pid)
    if ctx is None:
        with _contexts_lock:
            ctx = _contexts.get(pid)
            if ctx is None:
                ctx = _contexts[pid] = build_context(get_settings(), _send)
    return ctx


@celeryd_after_setup.connect
def _consume_live(instance: Any = None, **_: Any) -> None:
    # However the worker was started (`celery -A workers.celery_app worker -Q interactive`
    # too), a worker of interactive work takes the live part of it (narrator.contract).
    queues = instance.app.amqp.queues
    consumed = queues.consume_from or queues
    for name in with_live(consumed):
        if name not in consumed:
            queues.select_add(name)


@worker_init.connect
def _migrate(**_: Any) -> None:
    # Idempotent, and concurrent starters take turns: every worker may run it.
    migrate_database(get_settings())


@worker_process_init.connect
def _forget_parent_resources(**_: Any) -> None:
    # A pool process forked from the worker must not use its parent's DB connections.
    for pid, ctx in list(_contexts.items()):
        if pid != os.getpid():
            ctx.db.engine.dispose(close=False)
            del _contexts[pid]


@worker_process_init.connect
def _warm_voices(**_: Any) -> None:
    # Before the pool process takes a task, so two threads never race to create an engine.
    if get_settings().warm_voices:
        warm.warm_up()


# --- the task ledger: who holds what, renewed while alive --------------------------------------

_keepers: dict[int, leases.Keeper] = {}
_received = [0]  # tasks this worker's main process has received, ever (see Keeper)


@worker_process_init.connect
def _keep_pool_leases(**_: Any) -> None:
    keeper = _keepers[os.getpid()] = leases.Keeper(context(), leases.holder_tag())
    keeper.start()


@task_received.connect
def _hold_on_receipt(request: Any = None, **_: Any) -> None:
    # In the worker's main process, before the task waits for a free pool process: from now on
    # it is held (by this process, under a lease), not waiting in the broker.
    _received[0] += 1
    if request is not None:
        leases.hold(context(), request.id, leases.holder_tag(), started=False)


@task_prerun.connect
def _hold_on_start(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    lanes.started(_queue_of(task))
    if task_id:
        leases.hold(context(), task_id, leases.holder_tag(), started=True)


@task_postrun.connect
def _release(task_id: str | None = None, state: str | None = None, **_: Any) -> None:
    lanes.ended()
    # A retry comes back with the same id: waiting again. Anything else has ended.
    if task_id:
        leases.end(context(), task_id, retrying=state == "RETRY")


def _queue_of(task: Any) -> str | None:
    """The queue the task's message came from (its routing key: the queue's name)."""
    info = getattr(getattr(task, "request", None), "delivery_info", None) or {}
    key = info.get("routing_key")
    return key if isinstance(key, str) else None


def _in_hand() -> tuple[int, int]:
    return len(worker_state.active_requests) + len(worker_state.reserved_requests), _received[0]


class NarrationTask(Task):
    """Base of the narration tasks: late acks, retries with backoff, failure recorded."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT
    retry_backoff = 2
    retry_jitter = True

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            # The pool told this process to exit (billiard raises SystemExit from its signal
            # handler) and the library it interrupted raised an error of its own while
            # unwinding, such as SQLAlchemy's "This transaction is closed" mid-commit. That is
            # not the narration failing: exit as asked, and the message goes back to the
            # broker (acks_late, reject_on_worker_lost) instead of failing the narration.
            told = exit_behind(exc)
            if told is not None:
                raise told from exc
            raise

    @classmethod
    def on_bound(cls, app: Any) -> None:
        # When the app binds its tasks (at worker start), not at import: settings are read then.
        settings = get_settings()
        cls.retry_backoff_max = max(2, min(60, settings.visibility_timeout_s // 2))
        cls.max_retries = max(0, settings.max_attempts - 1)

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        narration_id = args[0] if args else kwargs.get("narration_id")
        if narration_id is None:
            return
        if isinstance(exc, errors.InputError):
            reason = str(exc)
        elif isinstance(exc, errors.NarratorError):
            reason = f"{exc} (gave up after {self.request.retries + 1} tries)"
        else:
            reason = (
                f"internal error in {self.name}: {type(exc).__name__}: {exc} "
                f"(after {self.request.retries + 1} tries)"
            )
        log.error("narration %s failed: %s", narration_id, reason)
        try:
            reaper.fail_narration(context(), narration_id, reason)
        except Exception:  # the reaper will fail it later; do not mask the original error
            log.exception("could not record the failure of %s", narration_id)


@shared_task(name=NARRATE, base=NarrationTask, bind=True)
def narrate_task(self: NarrationTask, narration_id: str) -> None:
    render.start_narration(context(), narration_id, may_defer=True)


@shared_task(name=PLAN_REST, base=NarrationTask, bind=True)
def plan_rest_task(self: NarrationTask, narration_id: str) -> None:
    render.plan_rest(context(), narration_id)


@shared_task(name=RENDER_CHUNK, base=NarrationTask, bind=True)
def render_chunk_task(self: NarrationTask, narration_id: str, index: int, count: int = 1) -> None:
    render.render_chunks(context(), narration_id, int(index), int(count))


@shared_task(name=LISTEN, base=NarrationTask, bind=True)
def listen_task(self: NarrationTask, narration_id: str) -> None:
    render.listen(context(), narration_id)


@shared_task(name=ASSEMBLE, base=NarrationTask, bind=True)
def assemble_task(self: NarrationTask, narration_id: str) -> None:
    render.assemble_narration(context(), narration_id)


@shared_task(name=REAP, acks_late=True, ignore_result=True)
def reap_task() -> None:
    reaper.reap(context())


@shared_task(name=DELIVER_WEBHOOK, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver_webhook_task(delivery_id: str) -> None:
    # No Celery retries: a failed attempt sets the delivery's next time, and the dispatcher
    # sends it then (narrator.webhooks.delivery).
    delivery.deliver(context(), delivery_id)


@shared_task(name=POLL_SOURCE, acks_late=True, ignore_result=True)
def poll_source_task(source_id: str) -> None:
    outcome = source_poll.poll(context(), source_id)
    log.info("source %s: %s", source_id, outcome)


@shared_task(name=POLL_DUE, acks_late=True, ignore_result=True)
def poll_due_task() -> None:
    ctx = context()
    source_schedule.send_due(ctx.db, ctx.send)


# --- the reaper thread: every worker runs one, so no beat process is required ---------------

_reaper_stop = threading.Event()


def _reaper_loop(interval: float) -> None:
    # Jitter so that many workers do not reap in lockstep; a replacement is a conditional
    # DELETE of the lost task's row, so two reapers never send the same task again. The sweep
    # walks all of storage, so it runs at start (a restarted worker cleans up after the one it
    # replaces) and then rarely.
    next_sweep = 0.0
    while True:
        if time.monotonic() >= next_sweep:
            next_sweep = time.monotonic() + SWEEP_INTERVAL_S
            try:
                reaper.sweep_temp(context())
            except Exception:
                log.warning("temp file sweep failed; trying again later", exc_info=True)
        if _reaper_stop.wait(interval * random.uniform(0.8, 1.2)):
            return
        try:
            resent, failed = reaper.reap(context())
            if resent or failed:
                log.warning("reaper: %d tasks sent again, %d narrations failed", resent, failed)
        except Exception:
            log.warning("reaper pass failed; trying again later", exc_info=True)


@worker_ready.connect
def _start_worker_beat(sender: Any = None, **_: Any) -> None:
    app = get_app()
    queues = sorted(app.amqp.queues.consume_from or app.amqp.queues)
    # The pool's size: how many tasks this worker renders at once (admission counts them).
    slots = getattr(getattr(sender, "controller", None), "concurrency", None)
    keeper = _keepers[os.getpid()] = leases.Keeper(
        context(),
        leases.holder_tag(),
        queues=queues,
        in_hand=_in_hand,
        slots=int(slots or app.conf.worker_concurrency or 1),
    )
    keeper.start()


@worker_shutdown.connect
def _hand_back(**_: Any) -> None:
    # A warm shutdown: what was reserved and not started goes back to the broker, so its rows
    # wait again instead of expiring as if this worker had died.
    keeper = _keepers.pop(os.getpid(), None)
    if keeper is not None:
        keeper.stop()
        try:
            keeper.hand_back()
        except Exception:
            log.warning(
                "could not hand back reserved tasks; their leases will expire", exc_info=True
            )


@worker_ready.connect
def _start_reaper(**_: Any) -> None:
    settings = get_settings()
    if not settings.reaper:
        return
    interval = reap_interval(settings)
    threading.Thread(
        target=_reaper_loop, args=(interval,), name="narrator-reaper", daemon=True
    ).start()


@worker_shutdown.connect
def _stop_reaper(**_: Any) -> None:
    _reaper_stop.set()


_dispatchers: list[dispatch.Dispatcher] = []


@worker_ready.connect
def _start_webhook_dispatcher(**_: Any) -> None:
    # Every worker runs one: retries come due, and a delivery whose message was lost (its
    # worker died, the broker restarted) is sent again once its lease runs out.
    dispatcher = dispatch.Dispatcher(context())
    dispatcher.start()
    _dispatchers.append(dispatcher)


@worker_shutdown.connect
def _stop_webhook_dispatcher(**_: Any) -> None:
    while _dispatchers:
        _dispatchers.pop().stop()


def _poller_loop(tick: float) -> None:
    # Every worker looks; a compare-and-set on each due source lets one of them send its poll.
    while not _reaper_stop.wait(tick * random.uniform(0.8, 1.2)):
        try:
            ctx = context()
            source_schedule.send_due(ctx.db, ctx.send)
        except Exception:
            log.warning("looking for sources due a poll failed; trying again", exc_info=True)


@worker_ready.connect
def _start_poller(**_: Any) -> None:
    settings = get_settings()
    if settings.source_poller:
        threading.Thread(
            target=_poller_loop, args=(settings.source_tick_s,), name="narrator-poller", daemon=True
        ).start()


@worker_shutdown.connect
def _mark_clean_stop(**_: Any) -> None:
    # Only a warm shutdown gets here (running tasks finished, the rest back in the broker).
    # The embedded worker tells the next `narrator serve` that nothing was interrupted.
    settings = get_settings()
    if not settings.broker_url:
        embedded.clean_stop_marker(settings).write_text(f"{os.getpid()}\n")
