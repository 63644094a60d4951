"""A send-only Celery client: the API enqueues tasks by name and never imports `workers/`.

    send = make_send_task(settings)
    send(contract.NARRATE, [narration_id], contract.INTERACTIVE)

Queue and task names, the Celery configuration and the broker URL come from narrator.contract,
which the workers import too. Broker: NARRATOR_BROKER_URL (redis://...) or, unset, the
embedded broker the in-process worker reads: a SQLite file under the data dir. The worker reads
it with a subclass of kombu's SQLAlchemy transport that only changes how messages are fetched;
sending is upstream kombu's, so the API writes to the same tables with plain `sqla+sqlite://`.
"""

from __future__ import annotations

import threading
from typing import Any

from narrator import contract
from narrator.config import Settings
from narrator.contract import SendTask

# A request waits while a task is sent: fail fast on a dead Redis (the workers' longer timeouts
# suit a consumer that waits anyway). The narration row stays queued for the reaper.
_SEND_TIMEOUTS = {"socket_timeout": 10, "socket_connect_timeout": 5}


def make_celery_client(settings: Settings) -> Any:
    from celery import Celery

    app = Celery("narrator-api", broker=contract.broker_url(settings), set_as_current=False)
    config = contract.celery_config(settings)
    if contract.is_redis(settings.broker_url):
        config["broker_transport_options"] = {
            **config["broker_transport_options"],
            **_SEND_TIMEOUTS,
        }
    app.conf.update(config)
    return app


def make_send_task(settings: Settings) -> SendTask:
    """`send(name, args, queue)`; the Celery client is built on first use."""
    lock = threading.Lock()
    holder: dict[str, Any] = {}

    def send(
        name: str,
        args: list[Any],
        queue: str,
        *,
        task_id: str | None = None,
        priority: int | None = None,
    ) -> None:
        if "app" not in holder:
            with lock:
                holder.setdefault("app", make_celery_client(settings))
        holder["app"].send_task(
            name,
            args=args,
            queue=queue,
            task_id=task_id,
            priority=contract.message_priority(priority),
        )

    return send


def declare_embedded_queues(settings: Settings) -> None:
    """Every queue of the embedded broker, made before its processes start (nothing to do on
    Redis). kombu's SQLAlchemy transport makes a queue's row on its first use, by a read and
    then an insert: the API and two worker processes using `live` first at the same moment
    collided on its unique name, and the first POST after `narrator serve` started failed."""
    if settings.broker_url:
        return
    from kombu import Connection

    with Connection(contract.broker_url(settings)) as conn:
        channel = conn.channel()
        for name in contract.QUEUES:
            channel.queue_declare(queue=name)


def redis_queue_depths(url: str, timeout_s: float = 2.0) -> dict[str, int]:
    """Messages waiting per queue on a Redis broker (LLEN of the queue's lists)."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
    try:
        pipe = client.pipeline()
        for q in contract.QUEUES:
            pipe.llen(q)
            for p in contract.REDIS_PRIORITY_STEPS[1:]:  # priority 0 is the list "<q>" itself
                pipe.llen(f"{q}\x06\x16{p}")
        counts = pipe.execute()
    finally:
        client.close()
    per = len(contract.REDIS_PRIORITY_STEPS)
    return {q: int(sum(counts[i * per : (i + 1) * per])) for i, q in enumerate(contract.QUEUES)}


def ping_broker(settings: Settings, timeout_s: float = 2.0) -> None:
    """Raise if the broker cannot be reached."""
    url = contract.broker_url(settings)
    if contract.is_redis(url):
        import redis

        client = redis.Redis.from_url(
            url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s
        )
        try:
            client.ping()
        finally:
            client.close()
        return
    from kombu import Connection

    with Connection(url, connect_timeout=timeout_s) as conn:
        conn.ensure_connection(max_retries=1, timeout=timeout_s)
