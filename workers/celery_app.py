"""The Celery app and its settings. `celery -A workers.celery_app worker` starts a worker.

Importing this module imports no task, pipeline or engine code, so the API may use `app` to
send tasks by name: `app.send_task("narrator.narrate", [narration_id], queue="interactive")`.

Queues: "interactive" (a person is waiting) and "batch" (backfills). Interactive work is never
starved by a batch backlog:
  * every chunk and assembly of a narration goes to the queue its narration came in on, so a new
    interactive narration never waits behind batch chunks;
  * a worker consuming both (`-Q interactive,batch`, the default) asks for interactive first on
    every fetch (Redis: BRPOP with keys in that fixed order, `queue_order_strategy=priority`;
    embedded broker: the same order), and with prefetch 1 it holds no backlog of its own,
    so an interactive task waits at most for one running task per worker process;
  * for a hard guarantee run dedicated consumers: `narrator worker --queues interactive`.

Broker: NARRATOR_BROKER_URL (redis://...) or, unset, the embedded broker: kombu's SQLAlchemy
transport on a SQLite file under NARRATOR_DATA_DIR (see narrator/server.py for why).
"""

from __future__ import annotations

from json import loads
from typing import Any

from celery import Celery
from kombu import Queue
from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import sqlalchemy as kombu_sqla
from kombu.utils.encoding import bytes_to_str
from kombu.utils.scheduling import FairCycle
from sqlalchemy import bindparam, literal, select, text

from narrator.config import Settings, get_settings

INTERACTIVE = "interactive"
BATCH = "batch"
REAP_INTERVAL_S = 30.0
POLL_S = 0.05  # the embedded broker's poll interval (see EmbeddedTransport)


class _InOrder(FairCycle):
    """Try the queues in their declared order on every fetch: interactive before batch."""

    def get(self, callback: Any, **kwargs: Any) -> Any:
        self.pos = 0
        return super().get(callback, **kwargs)


class EmbeddedChannel(kombu_sqla.Channel):
    def _reset_cycle(self) -> None:
        self._cycle = _InOrder(self._get_and_deliver, self._active_queues, kombu_sqla.Empty)

    _waiting_stmt: Any = None

    def _waiting(self, queue: str) -> bool:
        """Is a message waiting in `queue`? One indexed read, no lock, no ORM objects."""
        if self._waiting_stmt is None:
            m, q = self.message_cls.__table__, self.queue_cls.__table__
            self._waiting_stmt = (
                select(literal(1))
                .select_from(m.join(q, m.c.queue_id == q.c.id))
                .where(q.c.name == bindparam("name"), m.c.visible.is_not(False))
                .limit(1)
            )
        try:
            return self.session.execute(self._waiting_stmt, {"name": queue}).first() is not None
        finally:
            self.session.commit()  # end the read transaction: the next poll sees new rows

    def _get(self, queue: str, timeout: Any = None) -> Any:
        # Polled every POLL_S: an empty queue is answered by a plain read, so an idle worker
        # neither takes the write lock 40 times a second (the API's publishes would queue
        # behind it) nor builds ORM queries. The locked read below decides who gets a message.
        if not self._waiting(queue):
            raise kombu_sqla.Empty()
        # Delete on fetch (upstream keeps every delivered row forever, marked invisible): the
        # table holds exactly the waiting messages, which narrator.server.recover_embedded reads.
        obj = self._get_or_create(queue)
        if self.session.bind.name == "sqlite":
            self.session.execute(text("BEGIN IMMEDIATE TRANSACTION"))
        try:
            msg = (
                self.session.query(self.message_cls)
                .filter(self.message_cls.queue_id == obj.id)
                .filter(self.message_cls.visible != False)  # noqa: E712
                .order_by(self.message_cls.sent_at, self.message_cls.id)
                .limit(1)
                .first()
            )
            if msg is None:
                raise kombu_sqla.Empty()
            payload = loads(bytes_to_str(msg.payload))
            self.session.delete(msg)
            return payload
        finally:
            self.session.commit()


class EmbeddedTransport(kombu_sqla.Transport):
    """kombu's SQLAlchemy transport with queue priority and a short poll (one local file).

    An idle consumer sleeps POLL_S between looks at its queues, so every hop of a narration
    (narrate -> chunks -> assemble) waits up to that long for a free worker to notice it: at
    0.2 s the hops of a 1000-word article added about a second. A look at an empty queue is
    one indexed read of a local file (well under a millisecond).
    """

    Channel = EmbeddedChannel
    polling_interval = POLL_S


TRANSPORT_ALIASES.setdefault("narrator-sqla", "workers.celery_app:EmbeddedTransport")


def broker_url(settings: Settings) -> str:
    return settings.broker_url_for("narrator-sqla")


def reap_interval(settings: Settings) -> float:
    return max(1.0, min(REAP_INTERVAL_S, settings.stale_after_s / 3))


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    url = broker_url(settings)
    transport_options: dict[str, Any] = {}
    if url.startswith(("redis://", "rediss://", "sentinel://")):
        transport_options = {
            # An unacked task (worker killed) comes back after this, not after 1 hour.
            "visibility_timeout": settings.visibility_timeout_s,
            "queue_order_strategy": "priority",
            "socket_timeout": 30,
            "socket_connect_timeout": 10,
            "health_check_interval": 10,
            "retry_on_timeout": True,
        }
    app = Celery("narrator", broker=url, include=["workers.tasks"])
    app.conf.update(
        task_queues=(Queue(INTERACTIVE, routing_key=INTERACTIVE), Queue(BATCH, routing_key=BATCH)),
        task_default_queue=INTERACTIVE,
        task_default_routing_key=INTERACTIVE,
        task_create_missing_queues=False,
        broker_transport_options=transport_options,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a restarted Redis is waited for, not fatal
        # Work survives a crash: ack after the task, re-queue if the pool process dies.
        task_acks_late=True,
        # Tasks are idempotent and acked late: a lost broker connection re-delivers them.
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=settings.task_time_limit_s,
        task_soft_time_limit=max(1, settings.task_time_limit_s - 30)
        if settings.task_time_limit_s > 60
        else max(1, int(settings.task_time_limit_s * 0.8)),
        # State lives in the database; no result backend.
        task_ignore_result=True,
        result_backend=None,
        task_serializer="json",
        accept_content=["json"],
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        broker_heartbeat=0,
        # For deployments that prefer `celery beat` to the reaper thread in each worker.
        beat_schedule={
            "narrator-reap": {
                "task": "narrator.reap",
                "schedule": reap_interval(settings),
                "options": {"queue": INTERACTIVE, "expires": reap_interval(settings)},
            }
        },
        timezone="UTC",
    )
    return app


app = make_celery()
