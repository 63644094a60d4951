"""`narrator serve`: the API, and unless a broker URL is set, the embedded worker beside it.

Two deployments, one code path:

* NARRATOR_BROKER_URL unset (the default): `serve` runs the API and, beside it, a Celery worker
  child process on an embedded broker: kombu's SQLAlchemy transport on var/broker.sqlite,
  with the records in var/narrator.db. Nothing else to install or run.
* NARRATOR_BROKER_URL=redis://...: `serve` runs the API only (it enqueues by task name);
  `narrator worker --concurrency N --queues interactive,batch` runs anywhere.

Why the SQLAlchemy transport for the embedded broker:
  memory      lives in one process, so the worker would be a thread of the API process, and a
              kill loses every queued task;
  filesystem  durable until fetched, but a file per message, unlinked on fetch, no multi-process
              consumer locking;
  sqla        a committed publish is durable (one SQLite transaction), many processes may
              publish and consume (BEGIN IMMEDIATE), one file beside the database.
None of them keeps a delivered-but-unacked task through a kill (Redis does, via its
visibility timeout). That gap is covered by the task ledger: on start, recovery.embedded sends
again every task the previous run held or no longer has a message for, and while it runs the
reaper sends again any task whose holder stops renewing its lease (narrator.recovery).
"""

from __future__ import annotations

from narrator.api.app import create_app
from narrator.api.queue import make_send_task
from narrator.config import Settings
from narrator.context import build_context, migrate_database
from narrator.recovery.embedded import recover_embedded
from narrator.supervisor import WorkerProcess


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """The API; and unless a broker URL is set, the embedded broker and worker beside it."""
    import uvicorn

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    worker: WorkerProcess | None = None
    if not settings.broker_url:
        migrate_database(settings)
        ctx = build_context(settings, make_send_task(settings))
        try:
            recover_embedded(ctx)
        finally:
            ctx.close()
        worker = WorkerProcess(settings)
        worker.start()
    try:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    finally:
        if worker is not None:
            worker.stop()
