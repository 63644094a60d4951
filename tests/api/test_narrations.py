from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api.app import create_app
from narrator.config import Settings
from tests.helpers.app import VOICES, Recorder, make_ready
from tests.helpers.articles import ARTICLE
from tests.helpers.client import submit

NARRATE = "narrator.narrate"


def test_create_from_text_is_queued_and_sent_by_name(client: TestClient, sent: Recorder) -> None:
    r = client.post("/v1/narrations", json={"text": ARTICLE, "speed": 1.25, "voice": "en-us"})
    assert r.status_code == 202
    body = r.json()
    assert body["id"].startswith("nar_") and body["article_id"].startswith("art_")
    assert body["status"] == "queued"
    assert body["target_wpm"] == 250.0
    assert r.headers["location"] == body["status_url"]
    for key in ("status_url", "audio_url", "player_url", "captions_url", "timings_url"):
        assert body[key].startswith("http://testserver/v1/narrations/" + body["id"])
    # Its first task goes to the live lane, most urgent: a listener may be pressing play.
    assert sent.calls == [(NARRATE, [body["id"]], "live")] and sent.priorities == [0]


def test_batch_narrations_start_in_the_gaps(client: TestClient, sent: Recorder) -> None:
    body = submit(client, queue="batch")
    assert sent.calls == [(NARRATE, [body["id"]], "batch")] and sent.priorities == [9]


def test_defaults_come_from_settings(client: TestClient) -> None:
    body = submit(client)
    assert (body["voice"], body["speed"], body["format"]) == ("en-us", 1.0, "mp3")
    assert body["engine"] == "espeak" and body["engine_version"] == "espeak-test/1"


def test_repeat_post_returns_the_same_narration_fast_and_sends_once(
    client: TestClient, sent: Recorder
) -> None:
    first = client.post("/v1/narrations", json={"text": ARTICLE, "speed": 1.5})
    assert first.status_code == 202
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        again = client.post("/v1/narrations", json={"text": ARTICLE, "speed": 1.5})
        timings.append(time.perf_counter() - start)
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]
    assert min(timings) < 0.05, timings
    assert len(sent.calls) == 1


def test_repeat_of_a_ready_narration_is_ready_at_once(app: FastAPI, client: TestClient) -> None:
    body = submit(client)
    make_ready(app, body["id"])
    again = client.post("/v1/narrations", json={"text": ARTICLE})
    assert again.status_code == 200
    assert again.json()["status"] == "ready" and again.json()["progress"] == 1.0


def test_whitespace_differences_are_the_same_article(client: TestClient) -> None:
    a = submit(client, text=ARTICLE)
    b = submit(client, text="  " + ARTICLE.replace(". ", ".  ") + "\n\n")
    assert a["id"] == b["id"]


def test_other_speed_voice_or_format_is_another_narration_of_the_same_article(
    client: TestClient, sent: Recorder
) -> None:
    a = submit(client)
    b = submit(client, speed=2)
    c = submit(client, voice="en-gb")
    d = submit(client, format="ogg")
    assert len({a["id"], b["id"], c["id"], d["id"]}) == 4
    assert len({a["article_id"], b["article_id"], c["article_id"], d["article_id"]}) == 1
    assert len(sent.calls) == 4


def test_voice_ids_are_normalized(client: TestClient) -> None:
    assert submit(client, voice="EN_US")["voice"] == "en-us"
    assert submit(client, voice="fr-FR")["voice"] == "fr-fr"
    # A variant of an installed voice:
    assert submit(client, voice="en-us+m3")["voice"] == "en-us+m3"


def test_batch_queue(client: TestClient, sent: Recorder) -> None:
    body = submit(client, queue="batch")
    assert body["queue"] == "batch"
    assert sent.calls[-1] == (NARRATE, [body["id"]], "batch")


def test_failed_narration_is_retried_by_submitting_again(
    app: FastAPI, client: TestClient, sent: Recorder
) -> None:
    from narrator.store import repo

    body = submit(client)
    with app.state.db.session() as s:
        repo.mark_failed(s, body["id"], "engine crashed")
    failed = client.get(f"/v1/narrations/{body['id']}").json()
    assert failed["status"] == "failed" and failed["error"] == "engine crashed"
    again = submit(client)
    assert again["id"] == body["id"] and again["status"] == "queued"
    assert [c[1] for c in sent.calls] == [[body["id"]], [body["id"]]]


def test_broker_down_is_a_503_and_the_row_stays_for_the_reaper(
    client: TestClient, sent: Recorder
) -> None:
    sent.fail = True
    r = client.post("/v1/narrations", json={"text": ARTICLE})
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "unavailable"


def test_a_database_locked_past_its_wait_is_a_503_not_a_500(
    make_app: Callable[..., FastAPI], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from narrator.store import db as store_db

    monkeypatch.setattr(store_db, "SQLITE_BUSY_TIMEOUT_MS", 200)  # engines built from here on
    with TestClient(make_app()) as client:
        # Another process's writer holds SQLite's write lock for longer than the API waits.
        other = sqlite3.connect(settings.resolved_database_url.removeprefix("sqlite:///"))
        other.isolation_level = None
        other.execute("BEGIN IMMEDIATE")
        try:
            r = client.post("/v1/narrations", json={"text": ARTICLE})
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "unavailable"
        assert "again" in r.json()["error"]["message"] and r.headers["Retry-After"] == "5"
        again = client.post("/v1/narrations", json={"text": ARTICLE})  # the lock is gone
        assert again.status_code == 202, again.text


def test_delete_narration_removes_row_and_files(app: FastAPI, client: TestClient) -> None:
    body = submit(client)
    make_ready(app, body["id"])
    assert client.delete(f"/v1/narrations/{body['id']}").status_code == 204
    assert client.get(f"/v1/narrations/{body['id']}").status_code == 404
    assert list(app.state.storage.iter_keys(f"narrations/{body['id']}")) == []
    assert client.delete(f"/v1/narrations/{body['id']}").status_code == 404


def test_article_with_its_narrations(client: TestClient) -> None:
    a = submit(client)
    b = submit(client, speed=1.25)
    r = client.get(f"/v1/articles/{a['article_id']}")
    assert r.status_code == 200
    article = r.json()
    assert article["id"] == a["article_id"]
    assert article["title"] == "Harbor Opens New Ferry Line"
    assert article["words"] > 10 and article["source_kind"] == "text"
    assert {n["id"] for n in article["narrations"]} == {a["id"], b["id"]}


def test_another_reading_of_an_article_is_rendered_once(client: TestClient, sent: Recorder) -> None:
    a = submit(client)
    url = f"/v1/articles/{a['article_id']}/narrations"
    first = client.post(url, json={"voice": "en-gb", "speed": 1.5})
    assert first.status_code == 202
    second = client.post(url, json={"voice": "en-gb", "speed": 1.5})
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    same_as_original = client.post(url, json={})
    assert same_as_original.status_code == 200 and same_as_original.json()["id"] == a["id"]
    assert len(sent.calls) == 2


def test_delete_article_removes_its_narrations(app: FastAPI, client: TestClient) -> None:
    a = submit(client)
    b = submit(client, speed=2)
    make_ready(app, a["id"])
    assert client.delete(f"/v1/articles/{a['article_id']}").status_code == 204
    assert client.get(f"/v1/articles/{a['article_id']}").status_code == 404
    for n in (a, b):
        assert client.get(f"/v1/narrations/{n['id']}").status_code == 404
    assert list(app.state.storage.iter_keys("narrations")) == []


def test_voices(client: TestClient) -> None:
    r = client.get("/v1/voices")
    assert r.status_code == 200
    body = r.json()
    assert body["default"] == "en-us"
    assert [v["id"] for v in body["voices"]] == [v.id for v in VOICES]


def test_public_url_prefixes_links(make_app: Any) -> None:
    with TestClient(make_app(public_url="https://listen.example.com/")) as c:
        body = submit(c)
    assert body["audio_url"] == f"https://listen.example.com/v1/narrations/{body['id']}/audio"


@pytest.mark.slow
def test_api_process_loads_no_engine_or_worker_code(settings: Any) -> None:
    import subprocess
    import sys

    code = f"""
import sys
from fastapi.testclient import TestClient
from narrator.api.app import create_app
from narrator.api.voice_catalog import CatalogVoice
from narrator.config import Settings
v = [CatalogVoice("en-us", "E", "en-us", "espeak", "1")]
s = Settings(data_dir={str(settings.data_dir)!r})
app = create_app(s, send_task=lambda *a, **k: None, voices=v)
c = TestClient(app)
assert c.post("/v1/narrations", json={{"text": "Hello there, world."}}).status_code == 202
bad = [m for m in sys.modules if m.split(".")[0] in ("pyttsx3", "piper", "onnxruntime", "workers")
       or m in ("narrator.pipeline", "narrator.render", "narrator.speech.espeak")]
assert not bad, bad
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_create_app_without_overrides_builds_its_own_clients(settings: Any) -> None:
    app = create_app(settings, warm_voices=False)
    assert callable(app.state.send_task)
