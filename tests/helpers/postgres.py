"""Throwaway PostgreSQL databases on the test server.

NARRATOR_TEST_POSTGRES_URL names the server's maintenance database
(default postgresql+psycopg2://postgres@127.0.0.1:5432/postgres, trust auth).
"""

from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy import create_engine, make_url, text

ADMIN_URL = os.environ.get(
    "NARRATOR_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)


def create_database(admin_url: str = ADMIN_URL) -> str:
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


def drop_database(url: str, admin_url: str = ADMIN_URL) -> None:
    """Drop it, closing whatever connections a killed process left open."""
    name = make_url(url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
