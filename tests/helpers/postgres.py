"""Throwaway PostgreSQL databases on the test server.

NARRATOR_TEST_POSTGRES_URL names the server's maintenance database
(default postgresql+psycopg2://postgres@127.0.0.1:5432/postgres, trust auth). Where nothing
answers there (a fresh machine: `make setup` installs Debian's postgresql, whose own cluster
wants a password), the suite starts a private cluster of its own: initdb with trust auth in a
temporary folder, on a free port, stopped when the session ends.
"""

from __future__ import annotations

import atexit
import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.helpers.processes import free_port

ADMIN_URL = os.environ.get(
    "NARRATOR_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
_private: dict[str, str] = {}


def _answers(url: str) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            return True
    except Exception:
        return False
    finally:
        engine.dispose()


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_postgres(argv: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package made a `postgres` user for it.
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _start_private_cluster() -> str:
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail("PostgreSQL is needed for these tests: run `make setup`", pytrace=False)
    folder = Path(tempfile.mkdtemp(prefix="narrator-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-U", "postgres", "--auth=trust"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        check=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
    subprocess.run(
        _as_postgres(start), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, check=True
    )
    stop = _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"])
    atexit.register(lambda: subprocess.run(stop, capture_output=True, check=False))
    return f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres"


def admin_url() -> str:
    """The server to make test databases on: the configured one, else a private cluster."""
    if "url" not in _private:
        _private["url"] = ADMIN_URL if _answers(ADMIN_URL) else _start_private_cluster()
    return _private["url"]


def create_database() -> str:
    """Create an empty database with a random name; returns its URL."""
    name = f"narrator_test_{secrets.token_hex(6)}"
    admin = admin_url()
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.fail(f"PostgreSQL at {admin} is needed for these tests: {exc}", pytrace=False)
    finally:
        engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop it, closing whatever connections a killed process left open."""
    name = make_url(url).database
    engine = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
