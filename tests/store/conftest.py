"""Real backends for the store tests: SQLite files, a PostgreSQL database, a moto S3 server.

Reusable fixtures (function scope unless noted):
    db               a migrated Database, parametrized over SQLite and PostgreSQL
    sqlite_db        a migrated Database on a SQLite file in tmp_path
    postgres_db      a migrated Database on the session's PostgreSQL database, emptied per test
    postgres_session_url     (session) URL of a fresh PostgreSQL database, dropped at the end
    empty_db_url     URL of an empty database (no tables), parametrized sqlite/postgresql
    moto_server      (session) endpoint URL of a moto S3 server subprocess
    s3_bucket        a fresh, empty bucket on that server
    s3_storage       S3Storage on s3_bucket under a prefix
    local_storage    LocalStorage in tmp_path
    storage          parametrized over local_storage and s3_storage

PostgreSQL: NARRATOR_TEST_POSTGRES_URL names the server's maintenance database
(default postgresql+psycopg2://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from narrator.store.db import Database
from narrator.store.files import LocalStorage, S3Storage, Storage
from narrator.store.models import Base

POSTGRES_ADMIN_URL = os.environ.get(
    "NARRATOR_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


# --- PostgreSQL ------------------------------------------------------------------------------


def create_postgres_database(admin_url: str = POSTGRES_ADMIN_URL) -> str:
    """Create an empty database with a random name; returns its URL."""
    name = f"narrator_test_{secrets.token_hex(6)}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.fail(f"PostgreSQL at {admin_url} is needed for these tests: {exc}", pytrace=False)
    finally:
        engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str, admin_url: str = POSTGRES_ADMIN_URL) -> None:
    name = make_url(url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_session_url() -> Iterator[str]:
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session")
def _postgres_database(postgres_session_url: str) -> Iterator[Database]:
    database = Database(postgres_session_url)
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture
def postgres_db(_postgres_database: Database) -> Database:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with _postgres_database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} CASCADE"))
    return _postgres_database


# --- SQLite ----------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'narrator.db'}"


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = Database(sqlite_url)
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Database:
    name = {"sqlite": "sqlite_db", "postgresql": "postgres_db"}[request.param]
    database: Database = request.getfixturevalue(name)
    return database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


# --- S3 (moto server) ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def aws_env() -> Iterator[None]:
    """Fake credentials for the whole session, so nothing can reach a real account."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in FAKE_AWS.items():
            mp.setenv(name, value)
        for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
            mp.delenv(name, raising=False)
        yield


@pytest.fixture(scope="session")
def moto_server(aws_env: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("moto") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto server did not start:\n{log.read_text()}", pytrace=False)
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def s3_client(moto_server: str) -> object:
    import boto3

    return boto3.client("s3", endpoint_url=moto_server, region_name="us-east-1")


@pytest.fixture
def s3_bucket(s3_client: object) -> str:
    name = f"narrator-test-{secrets.token_hex(6)}"
    s3_client.create_bucket(Bucket=name)  # type: ignore[attr-defined]
    return name


@pytest.fixture
def s3_storage(moto_server: str, s3_bucket: str) -> S3Storage:
    return S3Storage(s3_bucket, "narrator", endpoint_url=moto_server)


@pytest.fixture
def local_storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "files")


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest) -> Storage:
    backend: Storage = request.getfixturevalue(f"{request.param}_storage")
    return backend
