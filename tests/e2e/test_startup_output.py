"""What a person sees after `narrator serve` (as `make run` runs it): one block, no banner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.processes import wait_for
from tests.helpers.stack import Stack, base_env


@pytest.mark.slow
def test_serve_prints_where_to_go_and_no_celery_banner(stack: Stack, data_dir: Path) -> None:
    api = stack.start_api(base_env(data_dir))
    out = wait_for(
        lambda: "Stop" in api.proc.output() and api.proc.output(), 60, what="the start-up block"
    )
    assert f"Home page  {api.url}/" in out
    assert f"API docs   {api.url}/docs" in out
    assert str(data_dir.resolve()) in out and "Voices" in out and "embedded" in out
    for noise in ("-------------- celery@", "[tasks]", "superuser", "SecurityWarning", "Uvicorn"):
        assert noise not in out, f"{noise!r} in:\n{out}"
    assert api.client().get("/").status_code == 200


@pytest.mark.slow
def test_serve_verbose_shows_the_worker_banner(stack: Stack, data_dir: Path) -> None:
    api = stack.start_api(base_env(data_dir, verbose="1"))
    out = wait_for(
        lambda: (
            "celery@" in api.proc.output() and "Stop" in api.proc.output() and api.proc.output()
        ),
        60,
        what="the worker banner",
    )
    assert "[tasks]" in out and "Home page" in out
