"""Real backends for the store tests: SQLite files, a PostgreSQL database, a moto S3 server.

Reusable fixtures (function scope unless noted):
    db               a migrated Database, parametrized over SQLite and PostgreSQL
    sqlite_db        a migrated Database on a SQLite file in tmp_path
    postgres_db      a migrated Database on the session's PostgreSQL database, emptied per test
    postgres_session_url     (session) URL of a fresh PostgreSQL database, dropped at the end
    empty_db_url     URL of an empty database (no tables), parametrized sqlite/postgresql
    aws_env          (session, autouse) fake AWS credentials in this process
    s3_client        a boto3 client of the session's moto server (tests/conftest.py)
    s3_bucket        a fresh, empty bucket on that server
    s3_storage       S3Storage on s3_bucket under a prefix
    local_storage    LocalStorage in tmp_path
    storage          parametrized over local_storage and s3_storage

PostgreSQL: see tests/helpers/postgres.py (NARRATOR_TEST_POSTGRES_URL).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from narrator.store.db import Database
from narrator.store.files import LocalStorage, S3Storage, Storage
from narrator.store.models import Base
from tests.helpers import postgres, s3

# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_session_url() -> Iterator[str]:
    url = postgres.create_database()
    yield url
    postgres.drop_database(url)


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
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


# --- S3 (the moto server process of tests/conftest.py) --------------------------------------


@pytest.fixture(scope="session", autouse=True)
def aws_env() -> Iterator[None]:
    """Fake credentials from the first store test on, so nothing can reach a real account."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in s3.FAKE_AWS.items():
            mp.setenv(name, value)
        for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
            mp.delenv(name, raising=False)
        yield


@pytest.fixture
def s3_client(moto_server: str) -> Any:
    return s3.client(moto_server)


@pytest.fixture
def s3_bucket(s3_client: Any) -> str:
    name = f"narrator-test-{secrets.token_hex(6)}"
    s3_client.create_bucket(Bucket=name)
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
