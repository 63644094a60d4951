"""Stored narrations and articles as the API shows them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from narrator.api import views
from narrator.api.deps import Links
from narrator.config import Settings
from narrator.store.models import Narration, Queue, Status
from tests.api.conftest import submit

LINKS = Links(base="https://listen.example.com", settings=Settings(signing_key=None))


def narration(**fields: Any) -> Narration:
    now = datetime(2024, 5, 1, tzinfo=UTC)
    values: dict[str, Any] = dict(
        id="nar_abcdefghij234567",
        article_id="art_abcdefghij234567",
        status=Status.QUEUED,
        queue=Queue.BATCH,
        voice="en-us",
        speed=1.25,
        format="mp3",
        engine="espeak",
        engine_version="e1",
        progress=0.0,
        chunks_total=0,
        chunks_done=0,
        created_at=now,
        updated_at=now,
    )
    return Narration(**{**values, **fields})


def test_get_status(client: TestClient) -> None:
    body = submit(client)
    r = client.get(f"/v1/narrations/{body['id']}")
    assert r.status_code == 200
    got = r.json()
    for key in (
        "id",
        "status",
        "progress",
        "voice",
        "speed",
        "format",
        "duration_s",
        "words",
        "wpm",
        "error",
        "audio_url",
        "captions_url",
        "timings_url",
        "player_url",
        "created_at",
        "updated_at",
        "finished_at",
    ):
        assert key in got
    assert got["progress"] == 0.0


def test_ready_status(ready: dict[str, Any]) -> None:
    assert ready["status"] == "ready"
    assert ready["progress"] == 1.0
    assert (ready["duration_s"], ready["words"], ready["wpm"]) == (3.0, 10, 200.0)
    assert ready["finished_at"] is not None


def test_narration_public_shows_enums_as_strings_and_absolute_links() -> None:
    public = views.narration_public(narration(), LINKS)
    assert (public.status, public.queue, public.target_wpm) == ("queued", "batch", 250.0)
    assert public.audio_url == "https://listen.example.com/v1/narrations/nar_abcdefghij234567/audio"
    assert public.player_url.endswith("/player")


def test_progress_counts_chunks_and_is_1_once_ready() -> None:
    assert views.progress_of(narration(progress=0.1, chunks_total=4, chunks_done=3)) == 0.75
    assert views.progress_of(narration(progress=0.9, chunks_total=4, chunks_done=1)) == 0.9
    assert views.progress_of(narration(progress=1.7)) == 1.0
    assert views.progress_of(narration(status=Status.READY, progress=0.2)) == 1.0


def test_created_response_is_202_for_new_work_and_200_for_a_repeat() -> None:
    n = narration()
    new = views.created_response(n, True, LINKS)
    again = views.created_response(n, False, LINKS)
    assert (new.status_code, again.status_code) == (202, 200)
    assert new.headers["location"] == LINKS.narration(n.id)
