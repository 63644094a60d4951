"""The default deployment: `narrator serve` alone (embedded broker and worker), no Redis at all."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import time

import pytest

from tests.helpers.articles import article_text
from tests.helpers.client import check_served, download_playable, status, submit, wait_ready
from tests.helpers.processes import wait_for
from tests.helpers.stack import base_env

pytestmark = pytest.mark.slow  # real `narrator` processes, Redis, engines


@pytest.mark.waiting
def test_serve_alone_narrates_and_streams(stack, data_dir, tmp_path):
    api = stack.start_api(base_env(data_dir))
    client = api.client()
    assert client.get("/readyz").status_code == 200

    started = time.monotonic()
    n = submit(client, article_text(3, "embedded", sentences=2))
    n = wait_ready(client, [n["id"]], 60, logs=stack.logs)[n["id"]]
    ready_s = time.monotonic() - started

    check_served(client, n, tmp_path, words="days of debate")
    assert (data_dir / "broker.sqlite").is_file() and (data_dir / "narrator.db").is_file()
    assert (data_dir / "files" / "narrations" / n["id"] / "audio.mp3").is_file()

    # A normal stop (docker stop, systemd): SIGTERM to the server only; the embedded worker,
    # in a session of its own, must not outlive it.
    tree = api.proc.remember_children()
    assert tree, "serve started no embedded worker"
    api.proc.popen.send_signal(signal.SIGTERM)
    api.proc.popen.wait(30)
    wait_for(lambda: not any(map(_alive, tree)), 30, what="the embedded worker to exit")
    assert (data_dir / "worker-stopped-cleanly").is_file(), "the warm shutdown left no marker"
    print(f"embedded: ready in {ready_s:.2f} s")


@pytest.mark.waiting
def test_serve_restarted_gracefully_mid_narration_counts_no_attempt(stack, data_dir, tmp_path):
    """Three SIGTERM restarts mid-narration (max_attempts is 3): the narration still finishes."""
    env = base_env(data_dir)
    api = stack.start_api(env)
    client = api.client()
    nid = submit(client, article_text(16, "restart", sentences=2))["id"]
    stops = 0
    progress = 0.0  # moved on: a chunk rendered by the worker of this run
    for _ in range(3):
        # Progress never goes back across a restart: wait until this run has moved it on.
        wait_for(
            lambda c=client, p=progress: (
                status(c, nid)["status"] == "ready" or status(c, nid)["progress"] > p
            ),
            60,
            interval=0.05,
            what="the narration to move on",
        )
        if status(client, nid)["status"] == "ready":
            break
        tree = api.proc.remember_children()
        api.proc.popen.send_signal(signal.SIGTERM)  # docker stop, systemctl restart
        api.proc.popen.wait(60)
        wait_for(lambda t=tree: not any(map(_alive, t)), 30, what="the embedded worker to exit")
        assert (data_dir / "worker-stopped-cleanly").is_file()
        stops += 1
        api = stack.start_api(env)
        client = api.client()
        after = status(client, nid)["progress"]
        assert after >= progress  # the last run's work is kept
        progress = after
    assert stops >= 2, "the narration finished before the restarts: make the article longer"
    n = wait_ready(client, [nid], 90, logs=stack.logs)[nid]
    download_playable(client, n, tmp_path)
    with sqlite3.connect(data_dir / "narrator.db") as db:
        [(attempts,)] = db.execute("SELECT attempts FROM narrations WHERE id = ?", (nid,))
    assert attempts == 0
    assert not (data_dir / "worker-stopped-cleanly").exists()  # taken by the last start


def test_serve_killed_mid_narration_recovers_on_restart(stack, data_dir, tmp_path):
    """SIGKILL the server and its embedded worker mid-narration; the next start finishes it."""
    env = base_env(data_dir)
    api = stack.start_api(env)
    client = api.client()
    nid = submit(client, article_text(16, "crash", sentences=2))["id"]

    def half_done() -> bool:
        n = status(client, nid)
        assert n["status"] != "ready", "finished before the kill: make the article longer"
        return n["status"] == "processing" and 0 < n["progress"] < 0.6

    wait_for(half_done, 60, interval=0.05, what="the narration to be half done")
    before = status(client, nid)["progress"]
    tree = api.proc.remember_children()
    assert tree, "serve started no embedded worker"
    api.proc.kill(signal.SIGKILL)  # like a container kill: the server and every child at once
    wait_for(lambda: not any(map(_alive, tree)), 10, what="every killed process to die")
    assert not (data_dir / "worker-stopped-cleanly").exists()

    restarted = time.monotonic()
    again = stack.start_api(env)
    client = again.client()
    n = wait_ready(client, [nid], 90, logs=stack.logs)[nid]
    recovery_s = time.monotonic() - restarted
    with sqlite3.connect(data_dir / "narrator.db") as db:
        [(attempts, note)] = db.execute(
            "SELECT attempts, recovery_note FROM narrations WHERE id = ?", (nid,)
        )
    # The kill lands while a task is held (one attempt, whatever else was lost with it) or, by
    # chance, between tasks, when everything was still in the broker file (nothing to redo).
    if re.search(r"sent again [1-9]\d* tasks interrupted", again.proc.output()):
        assert attempts <= 1 and "interrupted" in note
    else:
        assert attempts == 0
    check_served(client, n, tmp_path)
    leftovers = [p.name for p in (data_dir / "files").rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers, leftovers
    print(f"embedded: killed at {before:.0%}, ready {recovery_s:.1f} s after the restart")


def _alive(pid: int) -> bool:
    """Running (a zombie whose parent was killed counts as dead: init reaps it)."""
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False
