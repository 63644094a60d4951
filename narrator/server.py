"""`narrator serve` and `narrator worker`: the processes, not the HTTP routes.

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
visibility timeout). That gap is covered by the database: on start, `recover_embedded`
re-queues every narration a previous run left queued-without-a-message or processing, and the
reaper re-queues anything whose heartbeat goes stale while running.

The speech engine must never be created in a process that later forks: the worker is a
separate `celery worker` process (fork+exec), and its pool processes create the engine lazily
on their first task. The API process and the worker's parent never create one.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.config import Settings

log = logging.getLogger(__name__)

QUEUES = ("interactive", "batch")


def settings_env(settings: Settings) -> dict[str, str]:
    """NARRATOR_* variables that make a child process read exactly these settings."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        if isinstance(value, list):
            value = ",".join(map(str, value))
        elif isinstance(value, Path):
            value = str(value.resolve())
        env[f"NARRATOR_{name.upper()}"] = str(value)
    return env


def check_queues(queues: Sequence[str]) -> list[str]:
    queues = [q for q in queues if q]
    unknown = [q for q in queues if q not in QUEUES]
    if unknown or not queues:
        raise errors.InputError(
            f"unknown queue {', '.join(unknown) or '(none)'}: use {' and/or '.join(QUEUES)}"
        )
    # Interactive first: a worker consuming both always asks interactive first.
    return sorted(queues, key=QUEUES.index)


def worker_argv(
    concurrency: int | None, queues: Sequence[str], loglevel: str = "INFO"
) -> list[str]:
    argv = [
        "worker",
        f"--queues={','.join(check_queues(queues))}",
        f"--loglevel={loglevel}",
        "--pool=prefork",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    return argv


SUPERVISED_ENV = "NARRATOR_WORKER_SUPERVISED"


def run_worker(
    settings: Settings, concurrency: int | None = None, queues: Sequence[str] = QUEUES
) -> None:
    """`narrator worker`: a supervisor that keeps one Celery worker child running.

    The child is this same command line re-executed (so whatever the command imported comes
    along), marked by SUPERVISED_ENV; it runs the Celery worker in-process. Why a supervisor:
    when Redis restarts while a late ack is pending, Celery/kombu can take the whole worker
    down (an AttributeError in the Redis transport's ack on a closed connection; seen in CI).
    The work is safe in Redis, but a dead worker processes nothing until someone restarts it,
    so the supervisor restarts it at once. SIGTERM/SIGINT: a warm shutdown of the child.
    """
    check_queues(queues)
    os.environ.update(settings_env(settings))
    from narrator.config import get_settings

    get_settings.cache_clear()
    if os.environ.get(SUPERVISED_ENV) == "1":
        from workers.celery_app import app

        app.worker_main(argv=worker_argv(concurrency, queues))
        return
    argv = [sys.executable, *sys.orig_argv[1:]]
    worker = WorkerProcess(settings, argv=argv, env={SUPERVISED_ENV: "1"})
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        if stop.is_set():  # a second Ctrl-C: do not wait for running tasks
            worker.kill()
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    worker.start()
    while not stop.wait(1):
        pass
    # Running tasks get their time limit to finish; whatever is killed is redelivered.
    worker.stop(timeout=settings.task_time_limit_s + 10)


# --- embedded mode ----------------------------------------------------------------------------


def _pending_narrations(broker_db: Path) -> set[str]:
    """Narration ids named by messages still waiting in the embedded broker."""
    import sqlite3

    if not broker_db.exists():
        return set()
    ids: set[str] = set()
    con = sqlite3.connect(broker_db)
    try:
        rows = con.execute("SELECT payload FROM kombu_message WHERE visible = 1").fetchall()
    except sqlite3.OperationalError:  # no table yet: nothing was ever sent
        return set()
    finally:
        con.close()
    for (payload,) in rows:
        try:
            message = json.loads(payload)
            body = message["body"]
            if message.get("properties", {}).get("body_encoding") == "base64":
                body = base64.b64decode(body)
            args = json.loads(body)[0]
            if args:
                ids.add(str(args[0]))
        except (ValueError, KeyError, IndexError, TypeError):
            continue
    return ids


def clean_stop_marker(settings: Settings) -> Path:
    """Written by the embedded worker after a warm shutdown; read by the next recover_embedded."""
    return settings.data_dir / "worker-stopped-cleanly"


def recover_embedded(settings: Settings) -> int:
    """Before the embedded worker starts: re-queue what a killed previous run left behind.

    Delivered-but-unacked messages died with that run's worker, so every narration still
    processing is re-queued (an attempt), and every queued one without a waiting message.
    Re-running a stage is safe: chunks already rendered are cache hits. After a warm shutdown
    (the worker left clean_stop_marker) nothing died: processing narrations are re-queued all
    the same, but without counting an attempt, so restarts never fail a narration.
    """
    from narrator import render
    from narrator.store import repo
    from narrator.store.models import utcnow

    marker = clean_stop_marker(settings)
    stopped_cleanly = marker.exists()
    marker.unlink(missing_ok=True)  # a crash of this run must not pass for a clean stop
    pending = _pending_narrations(settings.embedded_broker_path)
    ctx = _embedded_context(settings)
    started = utcnow()
    with ctx.db.session() as s:
        active = [
            (n.id, n.status, n.attempts, render.queue_of(n))
            for n in repo.find_stale(s, 0, now=started, limit=100_000)
        ]
    count = 0
    for narration_id, status, attempts, queue in active:
        if status == "queued" and narration_id in pending:
            continue  # its message is still waiting in the broker
        interrupted = status == "processing" and not stopped_cleanly
        if interrupted and attempts + 1 >= settings.max_attempts:
            render.fail(
                ctx,
                narration_id,
                f"interrupted {attempts + 1} times (the server stopped while narrating)",
            )
            continue
        with ctx.db.session() as s:
            if not repo.requeue(s, narration_id, stale_before=started):
                continue
            if interrupted:
                repo.bump_attempt(s, narration_id)
        ctx.send(render.NARRATE, [narration_id], queue)
        count += 1
    render.sweep_temp(ctx)  # the last run's writers are all gone: their temp files go too
    ctx.db.dispose()
    if count:
        log.warning("re-queued %d narrations interrupted by the last shutdown", count)
    return count


def _embedded_context(settings: Settings) -> Any:
    from narrator import render
    from narrator.store import db, files
    from workers.celery_app import app

    def send(name: str, args: list[Any], queue: str) -> None:
        app.send_task(name, args=args, queue=queue)

    return render.Context(
        settings=settings,
        db=db.open_database(settings),
        storage=files.make_storage(settings.resolved_storage_url, settings.s3_endpoint_url),
        send=send,
    )


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class WorkerProcess:
    """A worker child process, restarted if it dies, stopped with its parent.

    By default a `celery worker` for the embedded broker; `narrator worker` passes its own argv.
    A child that keeps dying at start (a bad setting, a missing module) is restarted with a
    growing delay, up to MAX_BACKOFF_S, instead of in a tight loop.
    """

    MAX_BACKOFF_S = 30.0
    HEALTHY_AFTER_S = 60.0

    def __init__(
        self,
        settings: Settings,
        concurrency: int | None = None,
        queues: Sequence[str] = QUEUES,
        *,
        argv: Sequence[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.env = {**os.environ, **settings_env(settings), **(env or {})}
        self.argv = (
            list(argv)
            if argv is not None
            else [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "workers.celery_app",
                *worker_argv(concurrency or max(1, min(2, os.cpu_count() or 1)), queues),
            ]
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._started_at = 0.0
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def _spawn(self) -> subprocess.Popen[bytes]:
        # Linux: the worker gets SIGTERM if this process dies, even by SIGKILL, or by uvicorn
        # re-raising SIGTERM after its graceful shutdown (before our `finally` could run).
        # Its own session: a Ctrl-C or group signal reaches this process only, and the worker
        # then gets one orderly SIGTERM (signals straight to its pool processes can deadlock
        # billiard's shutdown).
        self._started_at = time.monotonic()
        return subprocess.Popen(
            self.argv, env=self.env, preexec_fn=_die_with_parent, start_new_session=True
        )

    def start(self) -> None:
        self.proc = self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="worker-watch", daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            proc = self.proc
            if proc is not None and proc.poll() is not None and not self._stopping.is_set():
                if time.monotonic() - self._started_at > self.HEALTHY_AFTER_S:
                    delay = 1.0
                log.error("worker exited with %s; restarting in %.0f s", proc.returncode, delay)
                if self._stopping.wait(delay):
                    break
                self.proc = self._spawn()
                self.restarts += 1
                delay = min(self.MAX_BACKOFF_S, delay * 2)
            self._stopping.wait(0.5)

    def kill(self) -> None:
        self._stopping.set()
        proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    def stop(self, timeout: float = 20) -> None:
        self._stopping.set()
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # warm shutdown: running tasks finish
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()  # what it held is re-queued (recover_embedded, or Redis redelivery)
            proc.wait()


def _create_app(settings: Settings) -> Any:
    import inspect

    from narrator.api.app import create_app

    return create_app(settings) if inspect.signature(create_app).parameters else create_app()


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """The API; and unless a broker URL is set, the embedded broker and worker beside it."""
    import uvicorn

    os.environ.update(settings_env(settings))
    from narrator.config import get_settings

    get_settings.cache_clear()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    worker: WorkerProcess | None = None
    if not settings.broker_url:
        recover_embedded(settings)
        worker = WorkerProcess(settings)
        worker.start()
    try:
        uvicorn.run(_create_app(settings), host=host, port=port, log_level="info")
    finally:
        if worker is not None:
            worker.stop()
