"""Fixtures: an app on a temporary data dir (SQLite + local files), a recording send_task,
a fixed voice catalog (no engine probe), and a helper that makes a narration ready."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api.app import create_app
from narrator.api.voice_catalog import CatalogVoice
from narrator.config import Settings
from narrator.store import repo
from narrator.store.files import Storage

VOICES = [
    CatalogVoice("en-us", "English (America)", "en-us", "espeak", "espeak-test/1", "male"),
    CatalogVoice("en-gb", "English (Great Britain)", "en-gb", "espeak", "espeak-test/1", "male"),
    CatalogVoice("en-us+f3", "English (America) f3", "en-us", "espeak", "espeak-test/1", "female"),
    CatalogVoice("fr-fr", "French", "fr-fr", "espeak", "espeak-test/1", "male"),
    CatalogVoice("de", "German", "de", "espeak", "espeak-test/1", "male"),
]

ARTICLE = (
    "Harbor Opens New Ferry Line\n\n"
    "The city opened a new ferry line on Monday. Officials said the route will carry "
    "two thousand riders a day.\n\n"
    "Service runs every twenty minutes from six in the morning until midnight."
)
# 10 000 bytes whose every position is distinguishable in Range tests.
AUDIO = bytes(i % 251 for i in range(10_000))
TIMINGS = [
    {"start_ms": 0, "end_ms": 1200, "start_char": 0, "end_char": 10, "text": "First."},
    {"start_ms": 1500, "end_ms": 3000, "start_char": 11, "end_char": 20, "text": "Second."},
]
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nFirst.\n"


@dataclass
class Recorder:
    """A fake send_task: records (name, args, queue)."""

    calls: list[tuple[str, list[Any], str]] = field(default_factory=list)
    fail: bool = False

    def __call__(
        self, name: str, args: list[Any], queue: str, *, task_id: str | None = None
    ) -> None:
        if self.fail:
            raise ConnectionError("broker down")
        self.calls.append((name, list(args), queue))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        max_text_chars=20_000,
        max_upload_bytes=50_000,
        public_url="",
    )


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


def submit(client: TestClient, **body: Any) -> dict[str, Any]:
    body.setdefault("text", ARTICLE)
    r = client.post("/v1/narrations", json=body)
    assert r.status_code in (200, 202), r.text
    result: dict[str, Any] = r.json()
    return result


def make_ready(app: FastAPI, narration_id: str, audio: bytes = AUDIO) -> None:
    """What a worker leaves behind: the files under narrations/<id>/ and a ready row."""
    storage: Storage = app.state.storage
    with app.state.db.session() as s:
        n = repo.load_narration(s, narration_id)
        fmt = n.format
    prefix = f"narrations/{narration_id}/"
    storage.put_bytes(prefix + f"audio.{fmt}", audio)
    storage.put_bytes(prefix + "timings.json", json.dumps(TIMINGS).encode())
    storage.put_bytes(prefix + "captions.vtt", CAPTIONS.encode())
    storage.put_bytes(prefix + "script.txt", b"First.\nSecond.\n")
    with app.state.db.session() as s:
        repo.mark_processing(s, narration_id, 1)
        repo.mark_ready(
            s,
            narration_id,
            audio_key=prefix + f"audio.{fmt}",
            duration_s=3.0,
            words=10,
            wpm=200.0,
            etag="abc123",
            size_bytes=len(audio),
        )


@pytest.fixture
def ready(app: FastAPI, client: TestClient) -> dict[str, Any]:
    body = submit(client)
    make_ready(app, body["id"])
    result: dict[str, Any] = client.get(f"/v1/narrations/{body['id']}").json()
    return result
