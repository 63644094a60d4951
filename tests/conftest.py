"""Shared fixtures: a real Redis, real Celery worker processes, real databases, local storage.

redis_server        the session's redis-server (appendonly, its own dir), up and flushed for
                    each test; .restart() / .stop() / .start() are fine: the next test gets it
                    back up
database_url        a SQLite file; PostgreSQL where a test parametrizes it indirectly
postgres_url        a fresh PostgreSQL database, dropped after the test
data_dir, settings  the one Settings of a test: migrated, short stale/visibility timeouts,
                    small chunks; change it with settings.model_copy(update={...})
worker_settings     `settings` with the test Redis as broker
celery_worker_proc  start(...) `celery -A workers.celery_app worker` subprocesses
celery_app          a sending-only Celery app for worker_settings
moto_server         (session) endpoint URL of a moto S3 server process

Helpers (not fixtures) are in tests/helpers/. Tests that run real workers, servers, engines or
browsers, or take more than about a second, are marked `slow`: `make test-fast` skips them.
Slow tests that mostly wait on the clock are also marked `waiting`: `make test` runs them in a
lane of their own beside the other slow tests; those that compare timings under load with an
idle reference are marked `alone`, and run last with nothing beside them (the Makefile).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from narrator.config import Settings
from tests.helpers import postgres
from tests.helpers.celery_workers import WorkerFactory
from tests.helpers.processes import free_port
from tests.helpers.redis_server import RedisServer
from tests.helpers.s3 import moto_server as running_moto_server

# --- lanes of the slow pass ----------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # `make test` places `waiting` and `alone` tests by their mark among the slow ones: one that
    # is not slow would run in the fast pass instead, timed against the busy cores.
    for item in items:
        for lane in ("waiting", "alone"):
            if item.get_closest_marker(lane) and not item.get_closest_marker("slow"):
                raise pytest.UsageError(f"{item.nodeid} is marked {lane} but not slow")


# --- Redis ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _redis_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(port=free_port(), dir=tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_server(_redis_session: RedisServer) -> RedisServer:
    """One redis-server per session (starting one per test cost more than most tests): each
    test gets it running and empty, whatever the test before did to it."""
    _redis_session.fresh()
    return _redis_session


# --- databases --------------------------------------------------------------------------------


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "var"
    path.mkdir()
    return path


@pytest.fixture
def database_url(request: pytest.FixtureRequest, data_dir: Path) -> str:
    """SQLite by default; a test parametrizes `database_url` indirectly with "postgres"."""
    if getattr(request, "param", "sqlite") == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{data_dir / 'narrator.db'}"


@pytest.fixture
def settings(data_dir: Path, database_url: str) -> Settings:
    """Settings for one test (embedded broker), migrated. Short timeouts: recovery in seconds;
    small chunks: several even for a short article; API limits small enough to test."""
    from narrator.store import db

    s = Settings(
        data_dir=data_dir,
        database_url=database_url,
        storage_url=f"file://{data_dir / 'files'}",
        public_url="",
        max_text_chars=20_000,
        max_upload_bytes=50_000,
        stale_after_s=6,
        visibility_timeout_s=8,
        task_time_limit_s=60,
        max_attempts=3,
        chunk_chars=200,
    )
    db.migrate(s.resolved_database_url)
    return s


# --- Celery workers ---------------------------------------------------------------------------


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
def celery_app(worker_settings: Settings) -> Iterator[Any]:
    """A sending-only Celery app for these settings (what the API uses)."""
    from workers.celery_app import make_celery

    app = make_celery(worker_settings)
    yield app
    app.close()


# --- S3 ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_moto_server(tmp_path_factory.mktemp("moto")) as url:
        yield url
