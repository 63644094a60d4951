"""Rows put in the database directly, as the API would before it enqueues, and read back.

make_article / make_narration go through narrator.store.repo on a Database (the store tests);
create_narration / get / wait_done work from Settings, as the worker tests' processes do.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from pathlib import Path
from typing import Any

from narrator.config import Settings
from narrator.store import models, repo
from narrator.store.db import Database
from tests.helpers.audio import probe_duration

SOURCE = "The harbor was quiet.\n\nThen the boats came in, one by one."


def make_article(db: Database, source: str = SOURCE, **kwargs: Any) -> models.ArticleRecord:
    with db.session() as s:
        article, _ = repo.create_article(s, source=source, source_kind="text", **kwargs)
        return article


def make_narration(db: Database, article: models.ArticleRecord, **kwargs: Any) -> models.Narration:
    settings: dict[str, Any] = dict(
        voice="en-us", speed=1.0, fmt="mp3", engine="espeak", engine_version="1.52"
    )
    settings.update(kwargs)
    with db.session() as s:
        narration, _ = repo.create_narration(s, article, **settings)
        return narration


def create_narration(
    settings: Settings,
    text: str,
    *,
    voice: str = "fake",
    queue: str = "interactive",
    fmt: str = "mp3",
    kind: str = "text",
) -> str:
    """Insert an article and a queued narration, as the API does before it enqueues."""
    database = Database.from_settings(settings)
    try:
        with database.session() as s:
            salt = uuid.uuid4().hex
            article = models.ArticleRecord(
                content_hash=hashlib.sha256((text + salt).encode()).hexdigest(),
                title="Test article",
                source_kind=models.SourceKind(kind),
                source=text,
                words=len(text.split()),
            )
            s.add(article)
            s.flush()
            narration = models.Narration(
                article_id=article.id,
                voice=voice,
                speed=1.0,
                format=fmt,
                engine="fake" if voice == "fake" else "espeak",
                engine_version="test",
                cache_key=hashlib.sha256(salt.encode()).hexdigest(),
                queue=models.Queue(queue),
                heartbeat_at=models.utcnow(),
            )
            s.add(narration)
            s.flush()
            return narration.id
    finally:
        database.dispose()


def get(settings: Settings, narration_id: str) -> models.Narration:
    database = Database.from_settings(settings)
    try:
        with database.session(readonly=True) as s:
            n = s.get(models.Narration, narration_id)
            assert n is not None
            s.expunge(n)
            return n
    finally:
        database.dispose()


def wait_done(
    settings: Settings, ids: list[str], timeout: float, *, what: str = "narrations"
) -> dict[str, models.Narration]:
    """Wait until every narration is ready or failed; return them all."""
    deadline = time.monotonic() + timeout
    while True:
        rows = {i: get(settings, i) for i in ids}
        if all(n.status in ("ready", "failed") for n in rows.values()):
            return rows
        if time.monotonic() > deadline:
            state = {i: (n.status, n.chunks_done, n.chunks_total, n.error) for i, n in rows.items()}
            raise AssertionError(f"{what} not done after {timeout} s: {state}")
        time.sleep(0.2)


def storage_root(settings: Settings) -> Path:
    return Path(settings.resolved_storage_url.removeprefix("file://"))


def assert_playable(settings: Settings, narration: Any) -> float:
    """Ready, one audio file at its key, matching size and etag inputs, and it decodes."""
    assert narration.status == "ready", (narration.status, narration.error)
    root = storage_root(settings)
    audio = root / narration.audio_key
    assert audio.is_file()
    assert audio.stat().st_size == narration.size_bytes
    folder = root / "narrations" / narration.id
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        ["plan.json", f"audio.{narration.format}", "timings.json", "captions.vtt", "script.txt"]
    ), names
    duration = probe_duration(audio)
    assert duration > 0
    return duration
