"""Fixtures: an app on the test's `settings` (SQLite + local files), a recording send_task, a
fixed voice catalog (no engine probe), and a narration made ready as a worker would.

The stand-ins themselves (VOICES, Recorder, make_ready, ...) are in tests/helpers/app.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.mark.expression import Expression
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api.app import create_app
from narrator.config import Settings
from tests.helpers.app import VOICES, Recorder, make_ready
from tests.helpers.client import submit


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Collecting test_schema.py costs about 17 CPU-seconds (schemathesis draws the schema's
    coverage cases then), paid by every xdist worker: skip it where `-m` deselects its tests,
    which are marked `slow` and nothing else (`make test`'s first pass and lanes but one,
    `make test-fast`)."""
    markexpr = config.option.markexpr
    if collection_path.name != "test_schema.py" or not markexpr:
        return None
    return not Expression.compile(markexpr).evaluate(lambda name, **_: name == "slow")


@pytest.fixture
def sent() -> Recorder:
    return Recorder()


@pytest.fixture
def make_app(settings: Settings, sent: Recorder) -> Callable[..., FastAPI]:
    def make(**overrides: Any) -> FastAPI:
        s = settings.model_copy(update=overrides) if overrides else settings
        return create_app(s, send_task=sent, voices=VOICES)

    return make


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def ready(app: FastAPI, client: TestClient) -> dict[str, Any]:
    body = submit(client)
    make_ready(app, body["id"])
    result: dict[str, Any] = client.get(f"/v1/narrations/{body['id']}").json()
    return result
