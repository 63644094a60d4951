"""`celery -A <app> worker` subprocesses for the worker tests, configured by Settings."""

from __future__ import annotations

import signal
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from narrator.config import Settings
from tests.helpers.processes import (
    SLOW_APP,
    Proc,
    narrator_worker_argv,
    narrator_worker_nodes,
    product_env,
    spawn,
    wait_worker_ready,
)


@dataclass
class WorkerFactory:
    settings: Settings
    tmp: Path
    workers: list[Proc] = field(default_factory=list)

    def start(
        self,
        *,
        queues: str = "interactive,batch",
        concurrency: int = 1,
        app: str = "workers.celery_app",
        env: dict[str, str] | None = None,
        settings: Settings | None = None,
        wait: bool = True,
        supervised: bool = False,
    ) -> Proc:
        """A worker of `app` (e.g. tests.helpers.slow_worker), in a process group of its own.

        supervised: `narrator worker` as deployed (its supervisor restarts the Celery worker
        when kombu takes it down, as a Redis restart sometimes does), not a bare `celery worker`.
        """
        from narrator.supervisor import settings_env

        name = f"w{len(self.workers) + 1}-{uuid.uuid4().hex[:6]}"
        if supervised:
            argv = narrator_worker_argv(concurrency, queues, slow=app == SLOW_APP)
        else:
            argv = self._celery_argv(app, name, queues, concurrency)
        full_env = product_env(**settings_env(settings or self.settings), **(env or {}))
        worker = spawn(name, argv, full_env, self.tmp / f"{name}.log")
        if supervised:
            worker.nodes = narrator_worker_nodes(queues, full_env)
        self.workers.append(worker)
        if wait:
            wait_worker_ready(worker, f"worker {name}")
        return worker

    @staticmethod
    def _celery_argv(app: str, name: str, queues: str, concurrency: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            app,
            "worker",
            f"--queues={queues}",
            f"--concurrency={concurrency}",
            "--pool=prefork",
            f"--hostname={name}@%h",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]

    def stop_all(self) -> None:
        for worker in self.workers:
            worker.kill(signal.SIGKILL)
