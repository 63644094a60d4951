"""An in-process app's stand-ins: a fixed voice catalog (no engine probe), a recording
send_task, and make_ready(), which leaves what a worker would for one narration."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI

from narrator.api.voice_catalog import CatalogVoice
from narrator.store import repo
from narrator.store.files import Storage

VOICES = [
    CatalogVoice("en-us", "English (America)", "en-us", "espeak", "espeak-test/1", "male"),
    CatalogVoice("en-gb", "English (Great Britain)", "en-gb", "espeak", "espeak-test/1", "male"),
    CatalogVoice("en-us+f3", "English (America) f3", "en-us", "espeak", "espeak-test/1", "female"),
    CatalogVoice("fr-fr", "French", "fr-fr", "espeak", "espeak-test/1", "male"),
    CatalogVoice("de", "German", "de", "espeak", "espeak-test/1", "male"),
]

# 10 000 bytes whose every position is distinguishable in Range tests.
AUDIO = bytes(i % 251 for i in range(10_000))
TIMINGS = [
    {"start_ms": 0, "end_ms": 1200, "start_char": 0, "end_char": 10, "text": "First."},
    {"start_ms": 1500, "end_ms": 3000, "start_char": 11, "end_char": 20, "text": "Second."},
]
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nFirst.\n"


@dataclass
class Recorder:
    """A fake send_task: records (name, args, queue), and each priority in `priorities`."""

    calls: list[tuple[str, list[Any], str]] = field(default_factory=list)
    priorities: list[int | None] = field(default_factory=list)
    fail: bool = False

    def __call__(
        self,
        name: str,
        args: list[Any],
        queue: str,
        *,
        task_id: str | None = None,
        priority: int | None = None,
    ) -> None:
        if self.fail:
            raise ConnectionError("broker down")
        self.calls.append((name, list(args), queue))
        self.priorities.append(priority)


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
