"""Records and checks shared by the worker tests (the API's job, done here without the API)."""

from __future__ import annotations

import hashlib
import time
import uuid
from pathlib import Path
from typing import Any

from narrator.config import Settings
from narrator.store import db as store_db
from narrator.store import models
from tests.support import probe_duration

PLACES = ["Springfield", "Riverton", "Lakeside", "Oakdale", "Hillcrest", "Brookfield"]


NOUNS = [
    "library",
    "bridge",
    "harbor",
    "school",
    "market",
    "stadium",
    "museum",
    "railway",
    "hospital",
    "garden",
    "factory",
    "airport",
    "theater",
    "clinic",
    "tunnel",
    "park",
]
VERBS = ["approved", "delayed", "questioned", "praised", "funded", "rejected", "reviewed"]
PEOPLE = [
    "the mayor",
    "local residents",
    "two engineers",
    "the treasurer",
    "shop owners",
    "a teacher",
    "the planning board",
    "several farmers",
]


def article_text(paragraphs: int, seed: str = "") -> str:
    """Distinct paragraphs of plain news prose (extractors drop repetitive boilerplate)."""
    import random

    rng = random.Random(f"{seed}-{paragraphs}")
    out = []
    for _ in range(paragraphs):
        a, b = rng.sample(NOUNS, 2)
        place = rng.choice(PLACES)
        out.append(
            f"In {place}, {rng.choice(PEOPLE)} {rng.choice(VERBS)} the plan for the {a} "
            f"{seed} after {rng.randint(2, 90)} days of debate. "
            f"{rng.choice(PEOPLE).capitalize()} said the {b} would cost "
            f"{rng.randint(2, 900)} thousand dollars more than expected. "
            f"A final vote on the {a} and the {b} is set for week {rng.randint(2, 50)}."
        )
    return "\n\n".join(out)


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
    database = store_db.Database.from_settings(settings)
    try:
        with database.session() as s:
            salt = uuid.uuid4().hex
            article = models.Article(
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
    database = store_db.Database.from_settings(settings)
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
