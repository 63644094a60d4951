"""A backlog is not a death: narrations waiting behind others are never sent again or failed.

Many narrations are submitted at once with a short stale_after_s (the lease), so that each waits
behind the others for many times that long. A client polls every narration the whole time.
Before the task ledger, the reaper took such waits for dead workers: it re-queued them, counted
attempts and sent their progress back to 0 (issue 14). Now, with live workers busy, nothing may
be sent again: no recovery note, no attempt, no log line of the reaper, progress never back.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers.articles import article_text
from tests.helpers.client import Client, status, submit
from tests.helpers.stack import Stack, base_env

pytestmark = pytest.mark.slow  # real `narrator` processes, real engines

STAGES = {"queued": 0, "processing": 1, "ready": 2}
LEASE_S = "3"  # stale_after_s: every narration below waits far longer than this


def watch(
    client: Client, ids: list[str], timeout: float, logs: Any
) -> dict[str, list[tuple[str, float]]]:
    """Poll every narration until all are ready, as a listen widget would; their histories."""
    seen: dict[str, list[tuple[str, float]]] = {i: [] for i in ids}
    deadline = time.monotonic() + timeout
    while True:
        done = True
        for i in ids:
            n = status(client, i)
            assert n["status"] != "failed", (i, n.get("error"), logs())
            seen[i].append((n["status"], n["progress"]))
            done = done and n["status"] == "ready"
        if done:
            return seen
        assert time.monotonic() < deadline, f"not all ready after {timeout} s\n{logs()}"
        time.sleep(0.1)


def assert_never_backwards(history: dict[str, list[tuple[str, float]]]) -> None:
    for narration_id, steps in history.items():
        for (was, p0), (now, p1) in itertools.pairwise(steps):
            assert STAGES[now] >= STAGES[was], (narration_id, steps)
            assert p1 >= p0, (narration_id, steps)


def records(database: Path) -> list[tuple[str, int, str | None]]:
    with sqlite3.connect(database) as db:
        return list(db.execute("SELECT id, attempts, recovery_note FROM narrations"))


def assert_sent_again_only_after_deaths(rows: list[tuple[str, int, str | None]], logs: str) -> None:
    """Nothing that only waited was sent again. A worker process that really died (a crash
    of the engine, seen once as a SIGSEGV in a pool process) loses what it held, and that
    alone may be sent again: one attempt per death, each in the log."""
    deaths = len(re.findall(r"exited with 'signal", logs))
    recovered = [(attempts, note) for _, attempts, note in rows if note or attempts]
    assert len(recovered) <= deaths, (recovered, deaths)
    assert all(note and "died" in note and attempts == 1 for attempts, note in recovered)


def submit_backlog(client: httpx.Client, count: int, **options: Any) -> list[str]:
    ids = []
    for i in range(count):
        text = article_text(6, f"backlog-{i}", sentences=3)
        ids.append(submit(client, text, **options)["id"])
    return ids


def test_embedded_backlog_is_waited_for(stack: Stack, data_dir: Path) -> None:
    """`narrator serve` alone (2 worker processes), 20 narrations in real espeak at once (12
    were all ready in 9.0 s once on a quiet machine: not the backlog of three leases this
    test is about)."""
    env = base_env(data_dir, stale_after_s=LEASE_S)
    api = stack.start_api(env)
    client = api.client()
    started = time.monotonic()
    ids = submit_backlog(client, 20, voice="en-us")
    history = watch(client, ids, 240, stack.logs)
    took = time.monotonic() - started
    assert took > 3 * float(LEASE_S), f"no backlog: all ready in {took:.1f} s"
    assert_never_backwards(history)
    rows = records(data_dir / "narrator.db")
    assert_sent_again_only_after_deaths(rows, api.proc.output())
    print(f"embedded backlog: {len(ids)} narrations ready in {took:.1f} s")


def test_redis_backlog_is_waited_for(stack: Stack, data_dir: Path, redis_server: Any) -> None:
    """Redis, the API and two `narrator worker` processes, a slowed voice: a long queue."""
    env = base_env(data_dir, stale_after_s=LEASE_S, broker_url=redis_server.url)
    api = stack.start_api(env)
    stack.start_worker(env, delay_ms=60)
    stack.start_worker(env, delay_ms=60)
    client = api.client()
    started = time.monotonic()
    ids = submit_backlog(client, 12)
    history = watch(client, ids, 240, stack.logs)
    took = time.monotonic() - started
    assert took > 3 * float(LEASE_S), f"no backlog: all ready in {took:.1f} s"
    assert_never_backwards(history)
    rows = records(data_dir / "narrator.db")
    assert_sent_again_only_after_deaths(rows, "".join(p.output() for p in stack.procs))
    print(f"redis backlog: {len(ids)} narrations ready in {took:.1f} s")
