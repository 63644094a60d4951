"""Batches through the real path: HTTP -> Redis -> `narrator worker` processes -> storage.

Short espeak articles (one paragraph each), so a 100-item batch takes about a minute here.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_failures import assert_clean_storage
from tests.helpers.articles import article_text
from tests.helpers.audio import probe_duration
from tests.helpers.client import Client, submit, wait_ready
from tests.helpers.processes import ROOT, product_env, wait_for
from tests.helpers.stack import base_env
from tests.helpers.worker_log import in_flight

pytestmark = pytest.mark.slow  # real `narrator` processes, Redis, espeak, ffmpeg


def batch_env(redis_url: str | None, data_dir: Path) -> dict[str, str]:
    # One chunk per short article: a narration is a narrate task and an assembly.
    env = base_env(data_dir, default_voice="en-us", chunk_chars="1500")
    if redis_url:
        env["NARRATOR_BROKER_URL"] = redis_url
    return env


def items(n: int, seed: str) -> list[dict[str, Any]]:
    """Short distinct articles: the fixed cost of a narration is what is under test."""
    return [
        {
            "text": f"Note {i} of {seed}.\n\nThe board approved plan {seed} {i} on Monday.",
            "external_id": f"{seed}-{i}",
        }
        for i in range(n)
    ]


def get_batch(client: Client, batch_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/batches/{batch_id}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def all_items(client: Client, batch_id: str) -> list[dict[str, Any]]:
    r = client.get(f"/v1/batches/{batch_id}/items", params={"limit": 1000})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def wait_batch(client: Client, batch_id: str, until: Any, timeout: float, logs: Any) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            b = get_batch(client, batch_id)
        except Exception:  # the API answers slowly while Redis restarts: keep polling
            b = None
        if b is not None and until(b):
            return b
        if time.monotonic() > deadline:
            raise AssertionError(f"batch not there after {timeout} s: {b}\n{logs()}")
        time.sleep(0.3)


def two_workers(stack: Any, env: dict[str, str]) -> tuple[Client, Any]:
    """The API and two `narrator worker --concurrency 1`; (a client, the first worker)."""
    second = stack.start_worker(env, wait=False)
    api, first = stack.start_api_and_worker(env, concurrency=1)
    stack.wait_worker(second)
    return api.client(timeout=30), first


def test_100_items_worker_killed_and_redis_restarted(redis_server, data_dir, stack):
    env = batch_env(redis_server.url, data_dir)
    client, victim = two_workers(stack, env)

    started = time.monotonic()
    r = client.post("/v1/batches", json={"items": items(100, "kill"), "format": "mp3"})
    post_s = time.monotonic() - started
    assert r.status_code == 202, r.text
    batch = r.json()
    assert batch["total"] == 100 and r.headers["location"] == batch["status_url"]
    assert post_s < 2.0, post_s  # 202 at once: stored, not narrated

    ready = lambda n: lambda b: b["counts"]["ready"] >= n  # noqa: E731
    wait_batch(client, batch["id"], ready(15), 120, stack.logs)
    victim.kill(signal.SIGKILL)  # the worker and its pool process, whatever they hold
    stack.start_worker(env, wait=False)
    wait_batch(client, batch["id"], ready(45), 120, stack.logs)
    redis_server.restart(down_s=1.0)
    done = wait_batch(client, batch["id"], lambda b: b["status"] != "processing", 240, stack.logs)
    wall_s = time.monotonic() - started

    assert done["status"] == "finished", done
    assert done["counts"] == {
        "queued": 0,
        "processing": 0,
        "ready": 100,
        "failed": 0,
        "canceled": 0,
    }, done
    assert done["progress"] == 1.0 and done["eta_s"] is None and done["finished_at"]
    rows = all_items(client, batch["id"])
    ids = [row["narration_id"] for row in rows]
    assert len(set(ids)) == 100 and all(row["status"] == "ready" for row in rows)
    assert [row["external_id"] for row in rows] == [f"kill-{i}" for i in range(100)]
    # Nothing narrated twice: one narration and one article per item, one set of files each.
    db = sqlite3.connect(data_dir / "narrator.db")
    assert db.execute("SELECT count(*) FROM narrations").fetchone() == (100,)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (100,)
    db.close()
    assert_clean_storage(data_dir, ids)
    durations = [probe_duration(data_dir / "files/narrations" / i / "audio.mp3") for i in ids]
    assert all(d > 0.5 for d in durations)
    # The files' container durations carry the encoder's padding (about 0.06 s an MP3).
    assert abs(sum(durations) - done["audio_seconds"]) < 0.1 * len(ids)
    print(
        f"100 items, a worker killed and Redis restarted: all ready in {wall_s:.1f} s; "
        f"POST answered in {post_s * 1000:.0f} ms"
    )


def _interactive_s(client: Client, seed: str, logs: Any) -> float:
    started = time.monotonic()
    n = submit(client, article_text(2, seed, sentences=2), voice="en-us")
    wait_ready(client, [n["id"]], 120, logs=logs)
    return time.monotonic() - started


@pytest.mark.alone  # its idle reference and the busy figure are both this machine's
def test_interactive_narration_during_a_batch(redis_server, data_dir, stack):
    client, _ = two_workers(stack, batch_env(redis_server.url, data_dir))
    _interactive_s(client, "warm", stack.logs)  # engines and connections warmed up
    idle = statistics.median(_interactive_s(client, f"idle{i}", stack.logs) for i in range(3))

    r = client.post("/v1/batches", json={"items": items(100, "load")})
    assert r.status_code == 202, r.text
    batch_id = r.json()["id"]
    wait_batch(client, batch_id, lambda b: b["counts"]["ready"] >= 4, 120, stack.logs)
    busy = [_interactive_s(client, f"busy{i}", stack.logs) for i in range(3)]
    left = get_batch(client, batch_id)
    assert left["status"] == "processing", left  # measured while the batch ran
    canceled = client.post(f"/v1/batches/{batch_id}/cancel")
    assert canceled.status_code == 200 and canceled.json()["status"] == "canceled"
    # The workers drop the rest: nothing of the batch is left queued or processing.
    end = wait_batch(client, batch_id, lambda b: b["counts"]["processing"] == 0, 60, stack.logs)
    c = end["counts"]
    assert c["queued"] == 0 and c["canceled"] > 0 and c["ready"] + c["canceled"] == 100, c
    print(
        f"interactive narration: idle {idle:.2f} s, during a 100-item batch "
        f"{', '.join(f'{b:.2f}' for b in busy)} s (median {statistics.median(busy) / idle:.2f}x)"
    )
    assert statistics.median(busy) <= 2 * idle, (idle, busy)


@pytest.mark.parametrize("lane", [True, False], ids=["lane", "no-lane"])
def test_a_listener_does_not_wait_for_the_batch_task_in_hand(lane, redis_server, data_dir, stack):
    """`narrator worker` of interactive and batch work keeps a lane (narrator.schedule): a
    narration submitted while the worker's only pool process holds a batch chunk is ready
    before that chunk is done. Without the lane (the control) it must wait for it."""
    env = base_env(data_dir, chunk_chars="1500", worker_lane=str(lane).lower())
    env["NARRATOR_BROKER_URL"] = redis_server.url
    api, worker = stack.start_api_and_worker(env, concurrency=1, delay_ms=700)
    assert worker.nodes == (2 if lane else 1)
    assert ("and a lane of 1 process (live, interactive)" in worker.output()) is lane
    client = api.client()
    for i in range(2):  # one paragraph: its chunk after the first sentence takes about 7 s
        paragraph = " ".join(f"Part {k} of report {i} says the plan moved on." for k in range(11))
        submit(client, paragraph, queue="batch")

    def batch_chunks() -> list[str]:
        held = in_flight(worker.output())
        return [task for task, name in held.items() if name == "narrator.render_chunk"]

    (held,) = wait_for(batch_chunks, 60, interval=0.05, what="a batch chunk in hand")
    listener = submit(client, "The board met on Monday.")["id"]
    wait_ready(client, [listener], 60, logs=stack.logs)
    assert (held in in_flight(worker.output())) is lane, worker.output()[-3000:]


def _default_sigint() -> None:
    # A shell starts background jobs with SIGINT ignored, and Python then never raises
    # KeyboardInterrupt: the CLI must see Ctrl-C as a terminal user's would, however pytest runs.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(args: list[str], env: dict[str, str], **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "narrator.cli", "batch", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
        **kw,
    )


@pytest.mark.parametrize("broker", ["redis", "embedded"])
def test_cli_interrupted_then_resumed_nothing_done_twice(
    broker, request, data_dir, tmp_path, stack
):
    if broker == "redis":
        redis_url = request.getfixturevalue("redis_server").url
        api, _ = stack.start_api_and_worker(batch_env(redis_url, data_dir), concurrency=2)
    else:  # `narrator serve` alone: the embedded broker and worker
        api = stack.start_api(batch_env(None, data_dir))
    folder = tmp_path / "articles"
    for i in range(12):
        sub = folder / ("deep" if i % 3 == 0 else "")
        sub.mkdir(parents=True, exist_ok=True)
        suffix = ".md" if i % 2 else ".txt"
        # Long enough that the batch is still running when the interrupt lands, on any machine.
        (sub / f"a{i}{suffix}").write_text(article_text(6, f"cli{i}", sentences=3))
    (folder / "blank.txt").write_text("  \n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff not an article")  # not picked up
    cli_env = product_env()
    argv = [str(folder), "--server", api.url, "--json"]

    first = run_cli(argv, cli_env)
    client = api.client()
    db = data_dir / "narrator.db"

    def some_ready() -> bool:
        con = sqlite3.connect(db)
        try:
            return (
                con.execute("SELECT count(*) FROM narrations WHERE status='ready'").fetchone()[0]
                >= 1
            )
        except sqlite3.Error:
            return False
        finally:
            con.close()

    wait_for(some_ready, 120, interval=0.05, what="a first item ready")
    first.send_signal(signal.SIGINT)
    out, err = first.communicate(timeout=30)
    assert first.returncode == 130, (first.returncode, err)
    assert "run the same command again" in err and out == ""

    again = run_cli(argv, cli_env)
    out, err = again.communicate(timeout=240)
    assert again.returncode == 1, err  # blank.txt failed; everything else ready
    import json

    result = json.loads(out.strip().splitlines()[-1])
    assert set(result) == {"batch_id", "total", "ready", "failed", "audio_seconds", "wall_seconds"}
    assert result["total"] == 13 and result["ready"] == 12
    assert result["failed"] == [{"item": "blank.txt", "reason": result["failed"][0]["reason"]}]
    assert "empty" in result["failed"][0]["reason"]
    assert "failed: blank.txt" in err
    con = sqlite3.connect(db)
    narrations = con.execute("SELECT id, attempts FROM narrations").fetchall()
    con.close()
    assert len(narrations) == 12 and all(a == 0 for _, a in narrations)  # each made once
    ids = [i for i, _ in narrations]
    assert_clean_storage(data_dir, ids)
    items_ = all_items(client, result["batch_id"])
    assert sorted(i["narration_id"] for i in items_ if i["narration_id"]) == sorted(ids)
    assert os.path.basename(items_[0]["name"])  # named by path under the folder
