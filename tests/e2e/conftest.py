"""End-to-end fixtures: every part of the product as a real process, talked to over HTTP.

stack           start_api(...) / start_worker(...): `narrator serve` and `narrator worker`
                subprocesses (tests/helpers/stack.py: the CLI, so serve() and run_worker()
                run as deployed), each in its own process group, all SIGKILLed at teardown
                with their descendants; their logs are printed when a test fails
redis_server    (tests/conftest.py) the session's redis-server, flushed; .restart()
moto_s3         (endpoint URL, fresh bucket) on the session's moto server (tests/conftest.py)
postgres_url    (tests/conftest.py) a fresh PostgreSQL database, dropped after the test
browser         headless Chromium (Selenium WebDriver; tests/helpers/browser.py)
third_party     (URL, directory) of a static site on another port: a publisher's origin
"""

from __future__ import annotations

import functools
import http.server
import secrets
import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import s3
from tests.helpers.browser import chromium
from tests.helpers.stack import Stack


@pytest.fixture
def stack(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Stack]:
    s = Stack(tmp=tmp_path)
    try:
        yield s
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            print(s.logs())
        s.stop_all()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item, so `stack` can print the logs of a failed test."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def moto_s3(moto_server: str) -> tuple[str, str]:
    bucket = f"narrator-e2e-{secrets.token_hex(5)}"
    s3.client(moto_server).create_bucket(Bucket=bucket)
    return moto_server, bucket


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.fixture
def third_party(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static site on another port (another origin): (its URL, the directory it serves)."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
