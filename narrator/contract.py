"""What the API and the workers must agree on, in one light module both import.

Queue names, task names, the send-task signature and the Celery configuration built from
Settings. It imports nothing but the standard library and the settings, so the API process can
import it without loading Celery's worker, the pipeline or any speech engine: the API sends work
by task name (`send(NARRATE, [narration_id], INTERACTIVE)`), the worker registers its tasks
under the same names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from narrator import errors
from narrator.config import Settings

# A person is waiting on "interactive"; backfills go to "batch". Order matters: a worker that
# consumes both asks interactive first on every fetch.
INTERACTIVE = "interactive"
BATCH = "batch"
QUEUES = (INTERACTIVE, BATCH)

# Task names: the worker registers its tasks under these, the API sends them by name.
NARRATE = "narrator.narrate"
RENDER_CHUNK = "narrator.render_chunk"
ASSEMBLE = "narrator.assemble"
REAP = "narrator.reap"


class SendTask(Protocol):
    """send(name, args, queue, task_id=...): Celery's send_task in the API and the workers, a
    direct call in a test or a local run. task_id: the id the task ledger recorded it under."""

    def __call__(
        self, name: str, args: list[Any], queue: str, *, task_id: str | None = None
    ) -> None: ...


# kombu transport names of the embedded broker (a SQLite file under the data dir): the API
# publishes with upstream kombu's SQLAlchemy transport; the worker reads with a subclass that only
# changes how messages are fetched (workers/embedded_broker.py), registered under this alias.
EMBEDDED_SEND_TRANSPORT = "sqla"
EMBEDDED_WORKER_TRANSPORT = "narrator-sqla"

REAP_INTERVAL_S = 30.0
# Celery's Redis transport keeps priorities 3, 6, 9 in sibling lists "<queue>\x06\x16<p>".
REDIS_PRIORITY_STEPS = (3, 6, 9)


def check_queue(queue: str | None) -> str:
    """The queue a narration goes to; unset means interactive."""
    q = queue or INTERACTIVE
    if q not in QUEUES:
        raise errors.InputError(f"queue must be one of {', '.join(QUEUES)}, got {q!r}")
    return q


def check_queues(queues: Iterable[str]) -> list[str]:
    """The queues a worker consumes, interactive first."""
    wanted = [q for q in queues if q]
    unknown = [q for q in wanted if q not in QUEUES]
    if unknown or not wanted:
        raise errors.InputError(
            f"unknown queue {', '.join(unknown) or '(none)'}: use {' and/or '.join(QUEUES)}"
        )
    return sorted(set(wanted), key=QUEUES.index)


def queue_or_default(value: object) -> str:
    """A stored or delivered queue name, falling back to interactive for anything unknown."""
    name = getattr(value, "value", value)
    return name if isinstance(name, str) and name in QUEUES else INTERACTIVE


def is_redis(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("redis://", "rediss://", "unix://", "sentinel://"))


def broker_url(settings: Settings, transport: str = EMBEDDED_SEND_TRANSPORT) -> str:
    """NARRATOR_BROKER_URL, or the embedded broker read through the given kombu transport."""
    return settings.broker_url_for(transport)


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
                "options": {"queue": INTERACTIVE, "expires": interval},
            }
        },
        "timezone": "UTC",
    }
