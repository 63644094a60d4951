"""`narrator worker`, and the worker child of `narrator serve`: a Celery worker kept running.

The speech engine must never be created in a process that later forks: the worker is a
separate `celery worker` process (fork+exec), and its pool processes create the engine lazily
on their first task. The supervising process never creates one.
"""

from __future__ import annotations

import contextlib
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

from narrator import schedule
from narrator.config import Settings
from narrator.contract import QUEUES, check_queues

log = logging.getLogger(__name__)


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
        elif isinstance(value, dict):
            value = json.dumps(value)  # read back as JSON, as pydantic-settings reads a dict
        env[f"NARRATOR_{name.upper()}"] = str(value)
    return env


def engine_threads_env(settings: Settings, concurrency: int | None) -> dict[str, str]:
    """NARRATOR_ENGINE_THREADS for a worker of `concurrency` processes: the cores shared out."""
    if settings.engine_threads:
        return {}
    cores = os.cpu_count() or 1
    return {"NARRATOR_ENGINE_THREADS": str(max(1, cores // (concurrency or cores)))}


# The embedded worker's warnings filter (PYTHONWARNINGS) unless verbose: Celery warns about
# running as root (celery.platforms) on every start, though the embedded worker only takes
# JSON (no pickle) from a broker file in its own data folder, and a person trying the
# service as root (a container, a fresh VM) can do nothing about it.
ROOT_WARNING_FILTER = "ignore:You're running the worker with superuser privileges"


def default_concurrency() -> int:
    """Pool processes of a worker `narrator serve` starts when none is asked for."""
    return max(1, min(2, os.cpu_count() or 1))


def worker_argv(
    concurrency: int | None, queues: Sequence[str], loglevel: str = "INFO", *, quiet: bool = False
) -> list[str]:
    # --quiet: no start-up banner (a celery option, given before the subcommand).
    argv = [
        *(["--quiet"] if quiet else []),
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


def run_worker(
    settings: Settings, concurrency: int | None = None, queues: Sequence[str] = QUEUES
) -> None:
    """`narrator worker`: a supervisor that keeps one Celery worker child running.

    The child is this same command line re-executed (so whatever the command imported comes
    along), marked by Settings.worker_child; it runs the Celery worker in-process. Why supervise:
    when Redis restarts while a late ack is pending, Celery/kombu can take the whole worker
    down (an AttributeError in the Redis transport's ack on a closed connection; seen in CI).
    The work is safe in Redis, but a dead worker processes nothing until someone restarts it,
    so the supervisor restarts it at once. SIGTERM/SIGINT: a warm shutdown of the child.

    A worker of batch and listeners' work supervises a second child, its lane: one process
    for listeners' work alone, beside a pool that runs nicer (narrator.schedule.lane_queues).
    """
    consumed = check_queues(queues)
    if settings.worker_child:
        # The child: its environment came from settings_env, so the app reads these settings.
        from workers.celery_app import get_app

        get_app().worker_main(argv=worker_argv(concurrency, queues))
        return
    argv = [sys.executable, *sys.orig_argv[1:]]
    child = {"NARRATOR_WORKER_CHILD": "1"}
    lane = schedule.lane_queues(queues) if settings.worker_lane else []
    workers = [
        WorkerProcess(
            settings,
            argv=argv,
            env={**child, **engine_threads_env(settings, concurrency)},
            niceness=schedule.POOL_NICENESS if lane else 0,
        )
    ]
    if lane:
        # The same command line, its queues and concurrency overridden (the last one counts).
        lane_argv = [*argv, f"--queues={','.join(lane)}", "--concurrency=1"]
        lane_env = {**child, **engine_threads_env(settings, 1)}
        workers.append(WorkerProcess(settings, argv=lane_argv, env=lane_env))
    print(describe(concurrency or os.cpu_count() or 1, consumed, lane), flush=True)
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        if stop.is_set():  # a second Ctrl-C: do not wait for running tasks
            for worker in workers:
                worker.kill()
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    for worker in workers:
        worker.start()
    while not stop.wait(1):
        pass
    # Running tasks get their time limit to finish; whatever is killed is redelivered.
    stoppers = [
        threading.Thread(target=worker.stop, args=(settings.task_time_limit_s + 10,))
        for worker in workers
    ]
    for stopper in stoppers:
        stopper.start()
    for stopper in stoppers:
        stopper.join()


def describe(processes: int, queues: Sequence[str], lane: Sequence[str]) -> str:
    """What `narrator worker` runs, in one line, before the Celery workers' own logs."""
    plural = "es" if processes != 1 else ""
    line = f"narrator worker: {processes} pool process{plural} ({', '.join(queues)})"
    if lane:
        line += (
            f" and a lane of 1 process ({', '.join(lane)}) that keeps listeners' work from "
            "waiting behind batch work (--no-lane: without)"
        )
    return line


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _nice_session(niceness: int) -> None:
    # With autogroup scheduling (Linux's default on desktops and many servers) the CPU is
    # shared between sessions first, and a process's nice value only counts inside its own
    # session; each worker child has a session of its own. The session's nice makes the
    # process nicer than the other sessions too. Raising it needs no privilege.
    with contextlib.suppress(OSError):
        Path("/proc/self/autogroup").write_text(str(niceness))


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
        niceness: int = 0,
    ) -> None:
        concurrency = concurrency or default_concurrency()
        self.concurrency = concurrency
        self.niceness = niceness
        self.env = {
            **os.environ,
            # A crash inside an engine (C code) leaves a Python traceback in the worker's log.
            "PYTHONFAULTHANDLER": "1",
            **settings_env(settings),
            **engine_threads_env(settings, concurrency),
            **(env or {}),
        }
        if argv is not None:
            self.argv = list(argv)
        else:
            # The embedded worker of `narrator serve`: quiet (warnings and errors only)
            # unless settings.verbose.
            loud = settings.verbose
            self.argv = [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "workers.celery_app",
                *worker_argv(concurrency, queues, "INFO" if loud else "WARNING", quiet=not loud),
            ]
            if not loud:
                given = self.env.get("PYTHONWARNINGS")
                self.env["PYTHONWARNINGS"] = ",".join(filter(None, [given, ROOT_WARNING_FILTER]))
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
            self.argv, env=self.env, preexec_fn=self._prepare_child, start_new_session=True
        )

    def _prepare_child(self) -> None:
        _die_with_parent()
        if self.niceness:
            os.nice(self.niceness)
            _nice_session(self.niceness)

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
