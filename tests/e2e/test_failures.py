"""Crashes through the real path: a worker SIGKILLed mid-narration, Redis restarted mid-batch.

Workers run the fake voice slowed per sentence (NARRATOR_FAKE_DELAY_MS) so a batch is surely
half done when the failure happens. Success means: every narration submitted over HTTP becomes
ready and its audio, downloaded over HTTP, decodes; no temp, duplicate or corrupt files remain.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest
import redis

from narrator.api.queue import redis_queue_depths
from narrator.store.layout import CHUNK_MAGIC
from tests.helpers.articles import article_text
from tests.helpers.client import download_playable, status, submit, wait_ready
from tests.helpers.processes import descendants, parent, wait_for
from tests.helpers.stack import base_env
from tests.helpers.worker_log import in_flight

# Real `narrator` processes, Redis, engines; and mostly waits on kills and restarts.
pytestmark = [pytest.mark.slow, pytest.mark.waiting]

NARRATION_FILES = ["audio.mp3", "captions.vtt", "plan.json", "script.txt", "timings.json"]


def assert_clean_storage(data_dir: Path, ids: list[str]) -> None:
    root = data_dir / "files"
    temp = [str(p.relative_to(root)) for p in root.rglob("*") if p.name.endswith(".tmp")]
    assert not temp, temp
    folders = sorted(p.name for p in (root / "narrations").iterdir())
    assert folders == sorted(ids)
    for nid in ids:
        assert sorted(p.name for p in (root / "narrations" / nid).iterdir()) == NARRATION_FILES
    chunks = list((root / "chunks").rglob("*.pcm"))
    assert chunks and all(p.read_bytes().startswith(CHUNK_MAGIC) for p in chunks)


def metric(body: str, name: str, **labels: str) -> float:
    inner = ",".join(f'{k}="{v}"' for k, v in labels.items())
    wanted = f"{name}{{{inner}}}" if labels else name
    for line in body.splitlines():
        if line.startswith(wanted + " "):
            return float(line.split()[-1])
    raise AssertionError(f"{wanted} not in /metrics:\n{body}")


def test_worker_sigkilled_mid_batch_every_narration_ready(redis_server, data_dir, tmp_path, stack):
    env = base_env(data_dir, broker_url=redis_server.url)
    survivor = stack.start_worker(env, concurrency=1, delay_ms=150, wait=False)
    api, victim = stack.start_api_and_worker(env, concurrency=2, delay_ms=150)
    stack.wait_worker(survivor)
    client = api.client()
    ids = [
        submit(client, article_text(5, f"kill{i}", sentences=2), queue="batch")["id"]
        for i in range(4)
    ]

    def victim_busy_mid_batch() -> bool:
        rows = [status(client, i) for i in ids]
        half = any(0 < r["progress"] < 1 for r in rows)
        return half and "narrator.render_chunk" in in_flight(victim.output()).values()

    wait_for(victim_busy_mid_batch, 60, interval=0.05, what="the victim to be rendering a chunk")
    lost = sorted(in_flight(victim.output()).values())
    started = time.monotonic()
    victim.kill(signal.SIGKILL)  # the worker and its pool processes, mid-chunk, no ack

    rows = wait_ready(client, ids, 90, logs=stack.logs)
    recovered_s = time.monotonic() - started
    for n in rows.values():
        download_playable(client, n, tmp_path)
    assert_clean_storage(data_dir, ids)
    print(f"SIGKILL holding {', '.join(lost)}: {len(ids)} ready {recovered_s:.1f} s later")


def test_worker_crash_is_restarted_by_narrator_worker(redis_server, data_dir, tmp_path, stack):
    """The Celery process under `narrator worker` dies (as a kombu bug made it do on a Redis
    restart in CI): the supervisor starts a new one, which finishes the batch."""
    env = base_env(data_dir, broker_url=redis_server.url)
    api, worker = stack.start_api_and_worker(env, concurrency=1, delay_ms=100)
    client = api.client()
    ids = [
        submit(client, article_text(4, f"crash{i}", sentences=2), queue="batch")["id"]
        for i in range(2)
    ]
    wait_for(
        lambda: any(status(client, i)["progress"] > 0 for i in ids), 60, what="the batch to start"
    )
    # The Celery worker of the batch (its lane, the other child, takes no batch work).
    (celery_main,) = [p for p in _celery_children(worker.pid) if not _is_lane(p)]
    doomed = [celery_main, *descendants(celery_main)]
    for pid in doomed:  # the Celery process and its pool, not the supervisor
        os.kill(pid, signal.SIGKILL)
    wait_for(
        lambda: worker.output().count(" ready.") > worker.nodes,
        60,
        what="the restarted worker to be ready",
    )
    assert worker.alive()
    assert "worker exited with -9; restarting" in worker.output()
    rows = wait_ready(client, ids, 90, logs=stack.logs)
    for n in rows.values():
        download_playable(client, n, tmp_path)
    assert_clean_storage(data_dir, ids)
    (restarted,) = [p for p in _celery_children(worker.pid) if not _is_lane(p)]
    assert restarted not in doomed


def _celery_children(supervisor: int) -> list[int]:
    return [p for p in descendants(supervisor) if parent(p) == supervisor]


def _is_lane(pid: int) -> bool:
    return "--queues=live,interactive" in Path(f"/proc/{pid}/cmdline").read_text().split("\0")


def test_redis_restarted_mid_batch_nothing_lost(redis_server, data_dir, tmp_path, stack):
    env = base_env(data_dir, broker_url=redis_server.url)
    api, _ = stack.start_api_and_worker(env, concurrency=2, delay_ms=100)
    client = api.client()
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok", "storage": "ok"}

    ids = [
        submit(client, article_text(4, f"rr{i}", sentences=2), queue="batch")["id"]
        for i in range(4)
    ]
    broker = redis.Redis.from_url(redis_server.url)

    def waiting() -> int:  # batch messages, over the queue's priority lists
        return redis_queue_depths(redis_server.url)["batch"]

    def started_with_a_backlog() -> bool:
        return any(status(client, i)["progress"] > 0 for i in ids) and bool(waiting())

    wait_for(started_with_a_backlog, 60, interval=0.05, what="the batch to start")
    backlog = waiting()  # these live only in Redis (append-only file) during the stop
    broker.close()
    redis_server.stop()
    down = client.get("/readyz")
    assert down.status_code == 503, down.text
    checks = down.json()["checks"]
    assert checks["broker"].startswith("unavailable") and checks["database"] == "ok", checks
    # Submitted while the broker is down: saved, refused with 503, then sent by the reaper.
    t0 = time.monotonic()
    during = client.post(
        "/v1/narrations", json={"text": article_text(2, "outage", sentences=2)}, timeout=60
    )
    outage_post_s = time.monotonic() - t0
    assert during.status_code == 503, during.text
    time.sleep(1)
    redis_server.start()

    after = submit(client, article_text(2, "after", sentences=2))  # the API's client reconnects
    assert client.get("/readyz").status_code == 200
    outage_id = _narration_id_of(client, article_text(2, "outage", sentences=2))
    every = [*ids, after["id"], outage_id]
    rows = wait_ready(client, every, 120, logs=stack.logs)
    for n in rows.values():
        download_playable(client, n, tmp_path)
    assert_clean_storage(data_dir, every)

    body = client.get("/metrics").text
    assert metric(body, "narrator_queue_depth", queue="interactive") == 0
    assert metric(body, "narrator_queue_depth", queue="batch") == 0
    assert metric(body, "narrator_narrations", status="ready") == len(every)
    assert metric(body, "narrator_narrations", status="failed") == 0
    assert metric(body, "narrator_audio_seconds") > 0
    assert metric(body, "narrator_scrape_errors", source="broker") == 0
    print(f"Redis restart, {backlog} waiting; POST during it: 503 in {outage_post_s:.1f} s")


def _narration_id_of(client: httpx.Client, text: str) -> str:
    """The narration saved by a submission that was answered 503 (a resubmit finds it)."""
    again = client.post("/v1/narrations", json={"text": text})
    assert again.status_code == 200, again.text  # found, not sent again: the reaper must
    return str(again.json()["id"])
