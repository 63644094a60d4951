"""Shared fixtures: a real Redis, real Celery worker processes, real databases, local storage.

redis_server        redis-server on a free port, appendonly, its own dir; .restart()
database_url        a SQLite file (and PostgreSQL on 127.0.0.1:5432 where asked for)
data_dir, settings  Settings for one test: short stale/visibility timeouts
worker_settings     `settings` with the test Redis as broker
celery_worker_proc  start(...) `celery -A workers.celery_app worker` subprocesses
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from narrator.config import Settings
from tests.support import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
PG_HOST = os.environ.get("NARRATOR_TEST_PG_HOST", "127.0.0.1")


# --- Redis ------------------------------------------------------------------------------------


@dataclass
class RedisServer:
    port: int
    dir: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--daemonize",
                "no",
                "--protected-mode",
                "no",
            ],
            stdout=(self.dir / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self.ping, 10, what="redis-server to answer PING")

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        """SIGTERM: Redis flushes its append-only file and exits, like a service restart."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(port=free_port(), dir=directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- databases --------------------------------------------------------------------------------


def _postgres_available() -> bool:
    try:
        import psycopg2

        psycopg2.connect(
            host=PG_HOST, user="postgres", dbname="postgres", connect_timeout=2
        ).close()
        return True
    except Exception:
        return False


@pytest.fixture
def postgres_url() -> Iterator[str]:
    if not _postgres_available():
        pytest.skip(f"no PostgreSQL on {PG_HOST}:5432 (user postgres, trust auth)")
    import psycopg2

    name = f"narrator_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(host=PG_HOST, user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg2://postgres@{PG_HOST}:5432/{name}"
    finally:
        with admin.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "var"
    path.mkdir()
    return path


@pytest.fixture(params=["sqlite"])
def database_url(request: pytest.FixtureRequest, data_dir: Path) -> str:
    """SQLite by default; a test parametrizes `database_url` indirectly with "postgres"."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{data_dir / 'narrator.db'}"


@pytest.fixture
def settings(data_dir: Path, database_url: str) -> Settings:
    """Settings for one test (embedded broker), migrated. Short timeouts: recovery in seconds."""
    from narrator.store import db

    s = Settings(
        data_dir=data_dir,
        database_url=database_url,
        storage_url=f"file://{data_dir / 'files'}",
        stale_after_s=6,
        visibility_timeout_s=8,
        task_time_limit_s=60,
        max_attempts=3,
        default_voice="fake",
        chunk_chars=200,  # several chunks even for a short test article
    )
    db.migrate(s.resolved_database_url)
    return s


# --- Celery workers ---------------------------------------------------------------------------


def settings_env(settings: Settings) -> dict[str, str]:
    from narrator.supervisor import settings_env as env_of

    return env_of(settings)


@dataclass
class WorkerProc:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group: the worker and its pool processes."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@dataclass
class WorkerFactory:
    settings: Settings
    tmp: Path
    workers: list[WorkerProc] = field(default_factory=list)

    def start(
        self,
        *,
        queues: str = "interactive,batch",
        concurrency: int = 1,
        app: str = "workers.celery_app",
        env: dict[str, str] | None = None,
        settings: Settings | None = None,
        wait: bool = True,
    ) -> WorkerProc:
        name = f"w{len(self.workers) + 1}-{uuid.uuid4().hex[:6]}"
        log = self.tmp / f"{name}.log"
        full_env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("NARRATOR_")},
            **settings_env(settings or self.settings),
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT), str(ROOT / "tests" / "workers"), os.environ.get("PYTHONPATH", "")]
            ).rstrip(os.pathsep),
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        proc = subprocess.Popen(
            [
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
            ],
            cwd=ROOT,
            env=full_env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() reaches the pool too
        )
        worker = WorkerProc(name=name, proc=proc, log=log)
        self.workers.append(worker)
        if wait:
            wait_for(
                lambda: " ready." in worker.output() or proc.poll() is not None,
                60,
                what=f"worker {name} to be ready",
            )
            if proc.poll() is not None:
                raise AssertionError(f"worker {name} exited:\n{worker.output()[-4000:]}")
        return worker

    def stop_all(self) -> None:
        for worker in self.workers:
            worker.kill(signal.SIGKILL)


@pytest.fixture
def worker_settings(settings: Settings, redis_server: RedisServer) -> Settings:
    """`settings` with the test Redis as broker: the distributed deployment."""
    return settings.model_copy(update={"broker_url": redis_server.url})


@pytest.fixture
def celery_worker_proc(worker_settings: Settings, tmp_path: Path) -> Iterator[WorkerFactory]:
    factory = WorkerFactory(settings=worker_settings, tmp=tmp_path)
    try:
        yield factory
    finally:
        factory.stop_all()


@pytest.fixture
def celery_app(worker_settings: Settings):  # type: ignore[no-untyped-def]
    """A sending-only Celery app for these settings (what the API uses)."""
    from workers.celery_app import make_celery

    app = make_celery(worker_settings)
    yield app
    app.close()
