"""The distributed deployment, end to end: HTTP -> Redis -> `narrator worker` -> files -> Range.

`narrator serve` with NARRATOR_BROKER_URL set only enqueues (no embedded worker); the work is
done by separate `narrator worker` processes; everything is checked through HTTP.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.articles import article_text
from tests.helpers.client import check_served, download_playable, status, submit, wait_ready
from tests.helpers.stack import base_env

pytestmark = pytest.mark.slow  # real `narrator` processes, Redis, engines


def narration_files(data_dir: Path, narration_id: str) -> list[str]:
    folder = data_dir / "files" / "narrations" / narration_id
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
def test_submit_narrate_stream_renarrate_delete(
    redis_server, data_dir, database_url, tmp_path, stack
):
    env = base_env(data_dir, broker_url=redis_server.url, database_url=database_url)
    api, _ = stack.start_api_and_worker(env, concurrency=2)
    client = api.client()
    assert not any(p.name == "broker.sqlite" for p in data_dir.iterdir())  # Redis, not embedded

    words = "days of debate"
    started = time.monotonic()
    response = client.post(
        "/v1/narrations", json={"text": article_text(4, "e2e", sentences=2), "voice": "fake"}
    )
    assert response.status_code == 202, response.text
    n = response.json()
    assert response.headers["location"] == n["status_url"]
    assert n["status"] == "queued" and n["id"].startswith("nar_")
    n = wait_ready(client, [n["id"]], 60, logs=stack.logs)[n["id"]]
    ready_s = time.monotonic() - started
    assert n["progress"] == 1.0 and n["duration_s"] > 0 and n["words"] > 20 and n["wpm"]

    check_served(client, n, tmp_path, words=words)
    assert narration_files(data_dir, n["id"]) == sorted(
        ["audio.mp3", "captions.vtt", "plan.json", "script.txt", "timings.json"]
    )

    # The same article again: the same narration, answered from the database.
    t0 = time.monotonic()
    again = client.post(
        "/v1/narrations", json={"text": article_text(4, "e2e", sentences=2), "voice": "fake"}
    )
    repeat_s = time.monotonic() - t0
    assert again.status_code == 200 and again.json()["id"] == n["id"]
    assert again.json()["status"] == "ready"
    assert repeat_s < 1.0, repeat_s

    # Another speed of the stored article: rendered once, then the same narration.
    article_url = f"/v1/articles/{n['article_id']}/narrations"
    faster = client.post(article_url, json={"speed": 1.5, "voice": "fake"})
    assert faster.status_code == 202, faster.text
    fast = wait_ready(client, [faster.json()["id"]], 60, logs=stack.logs)[faster.json()["id"]]
    assert fast["id"] != n["id"] and fast["speed"] == 1.5 and fast["target_wpm"] == 300
    assert fast["duration_s"] < n["duration_s"]
    download_playable(client, fast, tmp_path)
    cached = client.post(article_url, json={"speed": 1.5, "voice": "fake"})
    assert cached.status_code == 200 and cached.json()["id"] == fast["id"]
    assert cached.json()["status"] == "ready"
    article = client.get(f"/v1/articles/{n['article_id']}").json()
    assert sorted(x["id"] for x in article["narrations"]) == sorted([n["id"], fast["id"]])

    if database_url.startswith("postgresql"):
        engine = create_engine(database_url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, status FROM narrations ORDER BY id")).all()
        engine.dispose()
        assert sorted(rows) == sorted([(n["id"], "ready"), (fast["id"], "ready")])
        assert not (data_dir / "narrator.db").exists()

    # DELETE a narration: record and files gone; then the article with the other one.
    assert client.delete(f"/v1/narrations/{n['id']}").status_code == 204
    assert client.get(f"/v1/narrations/{n['id']}").status_code == 404
    assert client.get(n["audio_url"]).status_code == 404
    assert narration_files(data_dir, n["id"]) == []
    assert narration_files(data_dir, fast["id"])
    assert client.delete(f"/v1/articles/{n['article_id']}").status_code == 204
    assert client.get(f"/v1/articles/{n['article_id']}").status_code == 404
    assert client.get(f"/v1/narrations/{fast['id']}").status_code == 404
    assert narration_files(data_dir, fast["id"]) == []
    kind = database_url.split(":")[0]
    print(f"{kind}: fake voice ready in {ready_s:.2f} s, repeat POST {repeat_s * 1000:.0f} ms")


HTML = """<!doctype html><html><head><title>Harbor ferry returns</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbor ferry returns</h1>
<p>The harbor ferry returned to service on Monday after a month of repairs.</p>
<p>Riders said the morning crossing was calm and quick.</p></article>
<footer>Copyright 2026 The Daily Courier</footer></body></html>"""


def test_html_upload_real_espeak_voice(redis_server, data_dir, tmp_path, stack):
    env = base_env(data_dir, broker_url=redis_server.url, chunk_chars="1500")
    api, _ = stack.start_api_and_worker(env, concurrency=1)
    client = api.client()

    started = time.monotonic()
    response = client.post(
        "/v1/narrations",
        files={"file": ("ferry.html", HTML.encode(), "text/html")},
        data={"voice": "en-us", "format": "mp3"},
    )
    assert response.status_code == 202, response.text
    nid = response.json()["id"]
    n = wait_ready(client, [nid], 90, logs=stack.logs)[nid]
    ready_s = time.monotonic() - started
    assert n["voice"] == "en-us" and n["engine"] == "espeak"
    assert 150 < n["wpm"] < 250, n["wpm"]  # 1x = 200 WPM, measured on the real audio

    check_served(client, n, tmp_path, words="harbor ferry returned")
    script = client.get(n["script_url"]).text
    assert "Copyright" not in script and "Home" not in script  # page furniture is not read
    assert status(client, nid)["status"] == "ready"
    print(f"espeak en-us HTML upload ready in {ready_s:.2f} s ({n['duration_s']:.1f} s audio)")


def test_repeat_upload_is_idempotent(redis_server, data_dir, stack):
    """The same text twice while queued: one narration, one task."""
    env = base_env(data_dir, broker_url=redis_server.url)
    api = stack.start_api(env)
    client = api.client()
    text_ = article_text(2, "idem", sentences=2)
    first = submit(client, text_)
    second = submit(client, text_)
    assert first["id"] == second["id"] and second["status"] == "queued"
    from narrator.api.queue import redis_queue_depths

    # No worker yet: exactly one message waits, on the live queue (a first task).
    assert redis_queue_depths(redis_server.url) == {"live": 1, "interactive": 0, "batch": 0}
    stack.start_worker(env)
    wait_ready(client, [first["id"]], 60, logs=stack.logs)
