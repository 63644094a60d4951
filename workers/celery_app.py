"""The workers' Celery app. `celery -A workers.celery_app worker` starts a worker.

The app is built on first use from Settings (`get_app()`; `app` is that same object for
Celery's `-A`), never at import, so importing this module reads no settings. Its configuration
and the queue and task names come from narrator.contract, which the API imports too.

Queues: "interactive" (a person is waiting) and "batch" (backfills). Interactive work is never
starved by a batch backlog:
  * every chunk and assembly of a narration goes to the queue its narration came in on, so a new
    interactive narration never waits behind batch chunks;
  * a worker consuming both (`-Q interactive,batch`, the default) asks for interactive first on
    every fetch (Redis: BRPOP with keys in that fixed order, `queue_order_strategy=priority`;
    embedded broker: the same order), and with prefetch 1 it holds no backlog of its own,
    so an interactive task waits at most for one running task per worker process;
  * for a hard guarantee run dedicated consumers: `narrator worker --queues interactive`.
"""

from __future__ import annotations

import threading
from typing import Any

from celery import Celery

from narrator import contract
from narrator.config import Settings, get_settings
from workers import embedded_transport

_apps: dict[str, Celery] = {}
_lock = threading.Lock()


def make_celery(settings: Settings) -> Celery:
    embedded_transport.register()
    app = Celery(
        "narrator",
        broker=contract.broker_url(settings, contract.EMBEDDED_WORKER_TRANSPORT),
        include=["workers.tasks"],
    )
    app.conf.update(contract.celery_config(settings))
    return app


def get_app() -> Celery:
    """The process's app, built from the settings on first use."""
    with _lock:
        if "app" not in _apps:
            _apps["app"] = make_celery(get_settings())
        return _apps["app"]


def __getattr__(name: str) -> Any:
    # `celery -A workers.celery_app` and `from workers.celery_app import app` look for `app`.
    if name == "app":
        return get_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
