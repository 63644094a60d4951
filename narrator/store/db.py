"""Engines, sessions and migrations: SQLite by default, PostgreSQL via NARRATOR_DATABASE_URL.

    db = open_database(get_settings())      # migrates to head (safe when many processes start)
    with db.session() as session:           # one transaction: commit on exit, rollback on error
        narration = repo.get_narration(session, narration_id)

SQLite runs in WAL mode, and every session transaction starts with BEGIN IMMEDIATE: writers
queue on busy_timeout instead of failing with "database is locked" when a transaction that
read first tries to write. A long read-only session (e.g. one held open while a response
streams) should use `db.session(readonly=True)`, which begins DEFERRED and blocks nobody.
"""

from __future__ import annotations

import contextlib
import os
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from narrator.config import Settings

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Held while migrating so that processes starting together migrate one after the other.
_PG_MIGRATION_LOCK = zlib.crc32(b"narrator.store.migrate")
_DEFERRED = "narrator_sqlite_deferred"


def make_engine(url: str | URL, *, echo: bool = False, _foreign_keys: bool = True) -> Engine:
    """An engine tuned for the backend: SQLite (WAL, busy_timeout, FKs) or PostgreSQL."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)

    in_memory = url.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {}
    if in_memory:
        kwargs["poolclass"] = StaticPool  # one shared connection, or each gets its own empty db
    elif url.database:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy emits BEGIN itself (below); the driver's own transaction handling is off.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if _foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        deferred = conn.get_execution_options().get(_DEFERRED, False)
        conn.exec_driver_sql("BEGIN DEFERRED" if deferred else "BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: a route returns what it just saved.
    return sessionmaker(bind=engine, expire_on_commit=False)


class ForkGuard:
    """No fork while another thread of this process is inside a transaction.

    A Celery worker's main process forks pool processes while its own threads (the lease keeper,
    the reaper, the consumer recording receipts) use the database. A child forked mid-
    transaction inherits a connection that believes it holds SQLite's write lock; when the
    child drops it, SQLite rolls back into the shared WAL index, and every process then waited
    out busy_timeout on a lock nobody held ("database is locked", seen in a Redis-restart test).
    So a fork waits for other threads' transactions to end, and new ones wait for the fork.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._cond = threading.Condition()
        self._depth: dict[int, int] = {}
        self._forking = False

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            while self._forking and me not in self._depth:
                self._cond.wait()
            self._depth[me] = self._depth.get(me, 0) + 1
        try:
            yield
        finally:
            with self._cond:
                self._depth[me] -= 1
                if not self._depth[me]:
                    del self._depth[me]
                self._cond.notify_all()

    def before_fork(self) -> None:
        me = threading.get_ident()
        self._cond.acquire()  # held across the fork: no transaction starts meanwhile
        self._forking = True
        while any(t != me for t in self._depth):
            self._cond.wait()

    def after_fork_in_parent(self) -> None:
        self._forking = False
        self._cond.notify_all()
        self._cond.release()

    def after_fork_in_child(self) -> None:
        self._reset()  # the child has one thread and no transaction


FORK_GUARD = ForkGuard()
os.register_at_fork(
    before=FORK_GUARD.before_fork,
    after_in_parent=FORK_GUARD.after_fork_in_parent,
    after_in_child=FORK_GUARD.after_fork_in_child,
)


@contextlib.contextmanager
def session_scope(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back if it raises, always close."""
    with FORK_GUARD.transaction(), sessions.begin() as session:
        yield session


def alembic_config(url: str | URL | None = None) -> Config:
    """Alembic configured in code: no alembic.ini needed at runtime."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        rendered = url if isinstance(url, str) else url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def migrate(url: str | URL, revision: str = "head") -> None:
    """Upgrade the database to `revision`. Idempotent; concurrent callers take turns."""
    url = make_url(url)
    engine = make_engine(url, _foreign_keys=False)  # SQLite table rebuilds must not cascade
    try:
        with _file_lock(url), engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            config = alembic_config(url)
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def current_revision(url: str | URL) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


@contextlib.contextmanager
def _file_lock(url: URL) -> Iterator[None]:
    """An exclusive lock file next to a SQLite database (a no-op for other databases)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    import fcntl

    path = Path(str(url.database)).with_name(Path(str(url.database)).name + ".migrate.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Database:
    """An engine and its session factories, built once at start-up and passed in."""

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = make_url(url)
        self.engine = make_engine(self.url, echo=echo)
        self.sessions = make_session_factory(self.engine)
        self._read_sessions = make_session_factory(
            self.engine.execution_options(**{_DEFERRED: True})
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(settings.resolved_database_url)

    def session(self, *, readonly: bool = False) -> contextlib.AbstractContextManager[Session]:
        """A transaction scope. `readonly` only matters on SQLite: BEGIN DEFERRED, no write lock."""
        return session_scope(self._read_sessions if readonly else self.sessions)

    def migrate(self) -> None:
        migrate(self.url)

    def dispose(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"<Database {self.url.render_as_string(hide_password=True)}>"


def open_database(settings: Settings, *, run_migrations: bool = True) -> Database:
    """The database named by the settings, migrated to head unless told otherwise."""
    db = Database.from_settings(settings)
    if run_migrations:
        db.migrate()
    return db
