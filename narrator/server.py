"""`narrator serve`: the API, and unless a broker URL is set, the embedded worker beside it.

Two deployments, one code path:

* NARRATOR_BROKER_URL unset (the default): `serve` runs the API and, beside it, a Celery worker
  child process on an embedded broker: kombu's SQLAlchemy transport on var/broker.sqlite,
  with the records in var/narrator.db. Nothing else to install or run.
* NARRATOR_BROKER_URL=redis://...: `serve` runs the API only (it enqueues by task name);
  `narrator worker --concurrency N --queues interactive,batch` runs anywhere, and
  `narrator worker --concurrency 1 --queues live` is a live lane (see narrator.schedule).

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

import socket
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

import uvicorn

from narrator import schedule
from narrator.api.app import create_app
from narrator.api.queue import declare_embedded_queues, make_send_task
from narrator.api.voice_catalog import VoiceCatalog
from narrator.config import Settings
from narrator.context import build_context, migrate_database
from narrator.contract import LIVE
from narrator.recovery.embedded import recover_embedded
from narrator.startup import browser_url, startup_message
from narrator.supervisor import WorkerProcess


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """The API; and unless a broker URL is set, the embedded broker and worker beside it.

    Once it listens, one block on stdout says where to go (narrator.startup); the worker's
    banner and the web server's info and access logs only with settings.verbose. Errors and
    warnings always show.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    workers: list[WorkerProcess] = []
    if not settings.broker_url:
        migrate_database(settings)
        declare_embedded_queues(settings)
        ctx = build_context(settings, make_send_task(settings))
        try:
            recover_embedded(ctx)
        finally:
            ctx.close()
        # The worker, and its live lane: one more process that takes only what a listener
        # waits on now (narrator.schedule), so pressing play never waits for a busy process.
        # The worker runs a little nicer than the lane and the API (the streams' encoders): on
        # busy cores the lane's first sentence and the streams get the CPU first.
        workers = [
            WorkerProcess(settings, niceness=schedule.POOL_NICENESS),
            WorkerProcess(settings, 1, [LIVE]),
        ]
        for worker in workers:
            worker.start()
    app = create_app(settings)
    processes = workers[0].concurrency if workers else None

    def announce() -> None:
        message = startup_message(
            settings, browser_url(host, port), _voices_of(app.state.voices, settings), processes
        )
        print(message, flush=True)

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info" if settings.verbose else "warning",
        access_log=settings.verbose,
    )
    server = AnnouncingServer(config, announce)
    try:
        server.run()
    finally:
        for worker in workers:
            worker.stop()
    if not server.started:
        sys.exit(3)  # what uvicorn.run does when start-up failed (the port is taken, ...)


def _voices_of(
    catalog: VoiceCatalog, settings: Settings
) -> Callable[[], tuple[Sequence[Any], str]]:
    def voices() -> tuple[Sequence[Any], str]:
        return catalog.voices(), catalog.resolve(settings.default_voice).id

    return voices


class AnnouncingServer(uvicorn.Server):
    """A uvicorn server that calls `announce` once it listens, in a thread of its own.

    A thread: listing the voices may wait for the catalog's probe, and requests must be
    answered meanwhile.
    """

    def __init__(self, config: uvicorn.Config, announce: Callable[[], None]) -> None:
        super().__init__(config)
        self.announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            threading.Thread(target=self.announce, name="announce", daemon=True).start()
