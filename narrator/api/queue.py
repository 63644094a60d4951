"""A send-only Celery client: the API enqueues tasks by name and never imports `workers/`.

    send = make_send_task(settings)
    send("narrator.narrate", [narration_id], "interactive")

Broker: NARRATOR_BROKER_URL (redis://...) or, unset, the embedded broker the in-process worker
reads: a SQLite file under the data dir (workers/celery_app.py:broker_url). The worker reads it
with a subclass of kombu's SQLAlchemy transport that only changes how messages are fetched;
sending is upstream kombu's, so the API writes to the same tables with plain `sqla+sqlite://`.
"""

from __future__ import annotations

import threading
from typing import Any

from narrator.config import Settings
from narrator.contract import SendTask

NARRATE = "narrator.narrate"
INTERACTIVE = "interactive"
BATCH = "batch"
QUEUES = (INTERACTIVE, BATCH)
# Celery's Redis transport keeps priorities 3, 6, 9 in sibling lists "<queue>\x06\x16<p>".
_REDIS_PRIORITY_STEPS = (3, 6, 9)



def is_redis(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("redis://", "rediss://", "unix://"))


def broker_url(settings: Settings) -> str:
    return settings.broker_url_for("sqla")


def make_celery_client(settings: Settings) -> Any:
    from celery import Celery
    from kombu import Queue

    app = Celery("narrator-api", broker=broker_url(settings), set_as_current=False)
    app.conf.update(
        task_queues=(Queue(q, routing_key=q) for q in QUEUES),
        task_default_queue=INTERACTIVE,
        task_create_missing_queues=False,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        result_backend=None,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"socket_timeout": 10, "socket_connect_timeout": 5}
        if is_redis(settings.broker_url)
        else {},
    )
    return app


def make_send_task(settings: Settings) -> SendTask:
    """`send(name, args, queue)`; the Celery client is built on first use."""
    lock = threading.Lock()
    holder: dict[str, Any] = {}

    def send(name: str, args: list[Any], queue: str, *, task_id: str | None = None) -> None:
        if "app" not in holder:
            with lock:
                holder.setdefault("app", make_celery_client(settings))
        holder["app"].send_task(name, args=args, queue=queue, task_id=task_id)

    return send


def redis_queue_depths(url: str, timeout_s: float = 2.0) -> dict[str, int]:
    """Messages waiting per queue on a Redis broker (LLEN of the queue's lists)."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
    try:
        pipe = client.pipeline()
        for q in QUEUES:
            pipe.llen(q)
            for p in _REDIS_PRIORITY_STEPS:
                pipe.llen(f"{q}\x06\x16{p}")
        counts = pipe.execute()
    finally:
        client.close()
    per = 1 + len(_REDIS_PRIORITY_STEPS)
    return {q: int(sum(counts[i * per : (i + 1) * per])) for i, q in enumerate(QUEUES)}


def ping_broker(settings: Settings, timeout_s: float = 2.0) -> None:
    """Raise if the broker cannot be reached."""
    url = broker_url(settings)
    if is_redis(url):
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
