"""What the API and the workers must agree on, in one light module both import.

Queue names, task names, the send-task signature and the Celery configuration built from
Settings. It imports nothing but the standard library and the settings, so the API process can
import it without loading Celery's worker, the pipeline or any speech engine: the API sends work
by task name (`send(NARRATE, [narration_id], INTERACTIVE)`), the worker registers its tasks
under the same names.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from narrator import errors
from narrator.config import Settings


# A person is waiting on "interactive"; backfills go to "batch". A narration is submitted to one
# of these two (SUBMIT_QUEUES). "live" carries the tasks a listener is waiting on right now (the
# first sentence, the next seconds of a stream): every worker takes it first, and `narrator
# serve` runs one more worker process that takes only it, so a press of play never waits for a
# free process (narrator.schedule decides what goes where). Order matters: a worker asks the
# queues in this order on every fetch.
def engine_of(voice_id: str) -> str:
    """The engine a voice id names by its form: "piper/..." is piper's, a bare id espeak's."""
    return voice_id.split("/", 1)[0] if "/" in voice_id else "espeak"


LIVE = "live"
INTERACTIVE = "interactive"
BATCH = "batch"
QUEUES = (LIVE, INTERACTIVE, BATCH)
SUBMIT_QUEUES = (INTERACTIVE, BATCH)

# Task names: the worker registers its tasks under these, the API sends them by name.
NARRATE = "narrator.narrate"  # a narration's first sentence (narrator.render.speak_first)
PLAN_REST = "narrator.plan_rest"  # the rest of narrate: the whole plan, the chunks sent
RENDER_CHUNK = "narrator.render_chunk"
ASSEMBLE = "narrator.assemble"
LISTEN = "narrator.listen"  # someone started streaming a narration: render by its deadlines
REAP = "narrator.reap"
DELIVER_WEBHOOK = "narrator.deliver_webhook"  # one attempt of one webhook delivery (its id)

# What a webhook endpoint may subscribe to; the workers emit them, the API validates them.
NARRATION_READY = "narration.ready"
NARRATION_FAILED = "narration.failed"
BATCH_FINISHED = "batch.finished"
WEBHOOK_EVENTS = (NARRATION_READY, NARRATION_FAILED, BATCH_FINISHED)

POLL_SOURCE = "narrator.poll_source"  # [source_id]: fetch a feed, narrate what is new or edited
POLL_DUE = "narrator.poll_due"  # send the polls that are due (celery beat, or a worker thread)

# A poll is short (a fetch, a few rows, the narrations it creates go on their own queues): it
# goes ahead of batch work, so that a large backfill does not hold up a feed, and behind
# anything a listener waits on.
POLL_QUEUE = INTERACTIVE
POLL_PRIORITY = 7

# Message priorities, 0 the most urgent (Redis and the embedded broker both take the lowest
# number first). narrator.schedule assigns them; here only the range both sides configure.
PRIORITIES = range(10)
LOWEST_PRIORITY = PRIORITIES[-1]


def message_priority(priority: int | None) -> int:
    """The priority a message is published with. Celery's send_task publishes "none" as 0, the
    most urgent (task_default_priority does not apply to it): none must wait behind everything."""
    return LOWEST_PRIORITY if priority is None else priority


class SendTask(Protocol):
    """send(name, args, queue, task_id=..., priority=...): Celery's send_task in the API and
    the workers, a direct call in a test or a local run. task_id: the id the task ledger
    recorded it under; priority: 0 (most urgent) to 9."""

    def __call__(
        self,
        name: str,
        args: list[Any],
        queue: str,
        *,
        task_id: str | None = None,
        priority: int | None = None,
    ) -> None: ...


# kombu transport names of the embedded broker (a SQLite file under the data dir): the API
# publishes with upstream kombu's SQLAlchemy transport; the worker reads with a subclass that only
# changes how messages are fetched (workers/embedded_broker.py), registered under this alias.
EMBEDDED_SEND_TRANSPORT = "sqla"
EMBEDDED_WORKER_TRANSPORT = "narrator-sqla"

REAP_INTERVAL_S = 30.0
# Celery's Redis transport keeps each priority of a queue in its own list: "<queue>" for 0, and
# "<queue>\x06\x16<p>" for the others. Every priority gets its own list (kombu's default folds
# ten into four), and BRPOP asks them priority by priority across all the queues consumed.
REDIS_PRIORITY_STEPS = tuple(PRIORITIES)


def check_queue(queue: str | None) -> str:
    """The queue a narration is submitted to; unset means interactive."""
    q = queue or INTERACTIVE
    if q not in SUBMIT_QUEUES:
        raise errors.InputError(f"queue must be one of {', '.join(SUBMIT_QUEUES)}, got {q!r}")
    return q


def check_queues(queues: Iterable[str]) -> list[str]:
    """The queues a worker consumes, in fetch order. A worker of interactive also takes live:
    live is the urgent part of interactive work, and is no queue to forget."""
    wanted = [q for q in queues if q]
    unknown = [q for q in wanted if q not in QUEUES]
    if unknown or not wanted:
        raise errors.InputError(
            f"unknown queue {', '.join(unknown) or '(none)'}: use {', '.join(QUEUES)}"
        )
    return with_live(wanted)


def with_live(queues: Iterable[str]) -> list[str]:
    """The queues a worker consumes, in fetch order, live added when interactive is there."""
    wanted = set(queues)
    if INTERACTIVE in wanted:
        wanted.add(LIVE)
    return sorted(wanted, key=lambda q: QUEUES.index(q) if q in QUEUES else len(QUEUES))


def queue_or_default(value: object) -> str:
    """A narration's stored queue name, falling back to interactive for anything unknown."""
    name = getattr(value, "value", value)
    return name if isinstance(name, str) and name in SUBMIT_QUEUES else INTERACTIVE


def is_redis(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("redis://", "rediss://", "unix://", "sentinel://"))


def broker_url(settings: Settings, transport: str = EMBEDDED_SEND_TRANSPORT) -> str:
    """NARRATOR_BROKER_URL, or the embedded broker read through the given kombu transport."""
    if not settings.broker_url:
        _write_ahead(settings.embedded_broker_path)
    return settings.broker_url_for(transport)


def _write_ahead(path: Path) -> None:
    """Put the embedded broker's SQLite file in WAL mode (it stays so): the workers' polls then
    never hold up a publish, and a publish appends to the log instead of making, syncing and
    removing a journal file (every POST sends one). Best effort: a file another process holds
    in the old mode keeps working, only slower."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error:
        pass


def reap_interval(settings: Settings) -> float:
    return max(1.0, min(REAP_INTERVAL_S, settings.stale_after_s / 3))


def soft_time_limit(settings: Settings) -> int:
    limit = settings.task_time_limit_s
    return max(1, limit - 30) if limit > 60 else max(1, int(limit * 0.8))


def celery_config(settings: Settings) -> dict[str, Any]:
    """The Celery configuration of both sides: the API's client and the workers' app."""
    from kombu import Queue  # kombu is light (no worker code); the API imports it when sending

    transport_options: dict[str, Any] = {}
    if is_redis(settings.broker_url):
        transport_options = {
            # An unacked task (worker killed) comes back after this, not after 1 hour.
            "visibility_timeout": settings.visibility_timeout_s,
            "queue_order_strategy": "priority",
            "priority_steps": list(REDIS_PRIORITY_STEPS),
            "socket_timeout": 30,
            "socket_connect_timeout": 10,
            "health_check_interval": 10,
            "retry_on_timeout": True,
        }
    interval = reap_interval(settings)
    return {
        "task_queues": tuple(Queue(q, routing_key=q) for q in QUEUES),
        "task_default_queue": INTERACTIVE,
        "task_default_routing_key": INTERACTIVE,
        "task_create_missing_queues": False,
        # A message sent without a priority (a task sent by hand) must not jump ahead of a
        # listener's: Redis would read "none" as 0, the most urgent.
        "task_default_priority": LOWEST_PRIORITY,
        "broker_transport_options": transport_options,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,  # a restarted Redis is waited for, not fatal
        # Work survives a crash: ack after the task, re-queue if the pool process dies.
        "task_acks_late": True,
        # Tasks are idempotent and acked late: a lost broker connection re-delivers them.
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_time_limit": settings.task_time_limit_s,
        "task_soft_time_limit": soft_time_limit(settings),
        # State lives in the database; no result backend.
        "task_ignore_result": True,
        "result_backend": None,
        "task_serializer": "json",
        "accept_content": ["json"],
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "broker_heartbeat": 0,
        # For deployments that prefer `celery beat` to the reaper thread in each worker.
        "beat_schedule": {
            "narrator-reap": {
                "task": REAP,
                "schedule": interval,
                "options": {
                    "queue": INTERACTIVE,
                    "expires": interval,
                    "priority": LOWEST_PRIORITY,
                },
            },
            "narrator-poll-due": {
                "task": POLL_DUE,
                "schedule": settings.source_tick_s,
                "options": {
                    "queue": POLL_QUEUE,
                    "expires": settings.source_tick_s,
                    "priority": POLL_PRIORITY,
                },
            },
        },
        "timezone": "UTC",
    }
