"""narrator.store.db: engines, sessions, migrations on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from narrator.config import Settings
from narrator.store import db as store_db
from narrator.store import repo
from narrator.store.models import ArticleRecord, Base

ROOT = Path(__file__).resolve().parents[2]
HEAD = ScriptDirectory.from_config(store_db.alembic_config()).get_current_head()


def schema_diff(url: str) -> list[object]:
    engine = store_db.make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_migrate_from_empty_matches_the_models(empty_db_url: str) -> None:
    assert store_db.current_revision(empty_db_url) is None
    store_db.migrate(empty_db_url)
    assert store_db.current_revision(empty_db_url) == HEAD
    engine = store_db.make_engine(empty_db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"articles", "narrations", "chunk_cache", "alembic_version"} <= tables
    assert schema_diff(empty_db_url) == []
    store_db.migrate(empty_db_url)  # idempotent
    assert store_db.current_revision(empty_db_url) == HEAD


def test_downgrade_and_upgrade_again(empty_db_url: str) -> None:
    """The alembic environment also works without a passed-in connection (CLI use)."""
    config = store_db.alembic_config(empty_db_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert store_db.current_revision(empty_db_url) is None
    store_db.migrate(empty_db_url)
    assert store_db.current_revision(empty_db_url) == HEAD


@pytest.mark.slow
def test_processes_migrating_at_once_take_turns(empty_db_url: str) -> None:
    code = "import sys; from narrator.store.db import migrate; migrate(sys.argv[1])"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, empty_db_url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], "\n".join(outputs)
    assert store_db.current_revision(empty_db_url) == HEAD


def test_sqlite_engine_settings(sqlite_url: str) -> None:
    engine = store_db.make_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (
                conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
                == store_db.SQLITE_BUSY_TIMEOUT_MS
            )
    finally:
        engine.dispose()


def test_sqlite_engine_creates_the_data_dir(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'dir' / 'narrator.db'}"
    store_db.migrate(url)
    assert (tmp_path / "new" / "dir" / "narrator.db").is_file()


def test_postgres_engine_pings(postgres_db: store_db.Database) -> None:
    assert postgres_db.engine.pool._pre_ping
    with postgres_db.session() as s:
        assert s.scalar(text("SELECT 1")) == 1


def test_sqlite_readonly_session_does_not_block_writers(sqlite_db: store_db.Database) -> None:
    """A long read (e.g. a response streaming) must not hold SQLite's write lock."""
    with sqlite_db.session(readonly=True) as reader:
        assert repo.get_article(reader, "art_x") is None
        wrote = threading.Event()

        def write() -> None:
            with sqlite_db.session() as s:
                repo.create_article(s, source="Written meanwhile.", source_kind="text")
            wrote.set()

        thread = threading.Thread(target=write)
        started = time.monotonic()
        thread.start()
        thread.join(timeout=10)
        assert wrote.is_set() and time.monotonic() - started < 5


def test_sqlite_writers_queue_instead_of_failing(sqlite_db: store_db.Database) -> None:
    """Read-then-write transactions in parallel: BEGIN IMMEDIATE makes them wait their turn."""
    errors: list[BaseException] = []

    def read_then_write(i: int) -> None:
        try:
            with sqlite_db.session() as s:
                repo.find_article_by_hash(s, "nothing")
                time.sleep(0.01)
                repo.create_article(s, source=f"Story {i}.", source_kind="text")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=read_then_write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []


def test_session_rolls_back_on_error(db: store_db.Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        repo.create_article(s, source="Rolled back.", source_kind="text")
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ArticleRecord)) == 0


def test_open_database_from_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    database = store_db.open_database(settings)
    try:
        assert (tmp_path / "var" / "narrator.db").is_file()
        with database.session() as s:
            _, created = repo.create_article(s, source="Hello.", source_kind="text")
            assert created
        assert "narrator.db" in repr(database)
    finally:
        database.dispose()


def test_alembic_config_needs_no_ini_file() -> None:
    config = store_db.alembic_config("postgresql+psycopg2://u:p%40ss@h/db")
    assert config.config_file_name is None
    assert config.get_main_option("sqlalchemy.url") == "postgresql+psycopg2://u:p%40ss@h/db"
    assert Path(str(config.get_main_option("script_location"))) == store_db.MIGRATIONS_DIR


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_sqlite_works(url: str) -> None:
    engine = store_db.make_engine(url)
    try:
        Base.metadata.create_all(engine)
        sessions = store_db.make_session_factory(engine)
        with store_db.session_scope(sessions) as s:
            repo.create_article(s, source="In memory.", source_kind="text")
        with store_db.session_scope(sessions) as s:
            assert repo.find_article_by_hash(s, repo.content_hash("In memory.")) is not None
    finally:
        engine.dispose()
