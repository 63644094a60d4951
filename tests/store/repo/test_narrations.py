"""narrator.store.repo.narrations on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from narrator import errors
from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import ArticleRecord, Narration, Queue, Status
from narrator.store.repo import narrations
from tests.helpers.records import make_article, make_narration
from tests.helpers.threads import run_threads


def test_create_narration_is_idempotent_per_settings(db: Database) -> None:
    article = make_article(db)
    with db.session() as s:
        first, created = repo.create_narration(
            s, article, voice="en-us", speed=1.25, fmt="mp3", engine="espeak", engine_version="1"
        )
        assert created
        assert first.status == Status.QUEUED and first.queue == Queue.INTERACTIVE
        assert first.heartbeat_at is not None
    with db.session() as s:
        same, created = repo.create_narration(
            s, article, voice="en-us", speed=1.25, fmt="mp3", engine="espeak", engine_version="1"
        )
        assert (same.id, created) == (first.id, False)
        other, created = repo.create_narration(
            s,
            article,
            voice="en-us",
            speed=1.5,
            fmt="mp3",
            engine="espeak",
            engine_version="1",
            queue="batch",
        )
        assert created and other.id != first.id and other.queue == Queue.BATCH
        assert [n.id for n in repo.list_narrations(s, article.id)] == [first.id, other.id]
        assert repo.find_narration_by_cache_key(s, first.cache_key) is not None


def test_concurrent_identical_creates_end_with_one_row(db: Database) -> None:
    article = make_article(db)

    def create(_: int) -> tuple[str, bool]:
        with db.session() as s:
            narration, created = repo.create_narration(
                s, article, voice="en-us", speed=1.0, fmt="ogg", engine="e", engine_version="1"
            )
            return narration.id, created

    results = run_threads(8, create)
    assert len({narration_id for narration_id, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Narration)) == 1


def test_losing_the_insert_race_returns_the_winner(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The IntegrityError path: another transaction commits between our lookup and insert."""
    article = make_article(db)
    winner = make_narration(db, article)
    real_find = narrations.find_narration_by_cache_key
    calls: list[str] = []

    def find_misses_once(session: Any, key: str) -> Narration | None:
        calls.append(key)
        return None if len(calls) == 1 else real_find(session, key)

    # create_narration looks the name up in its own module, so that is where to patch it.
    monkeypatch.setattr(narrations, "find_narration_by_cache_key", find_misses_once)
    with db.session() as s:
        other = make_article_in(s)  # the outer transaction has work that must survive
        loser, created = repo.create_narration(
            s, article, voice="en-us", speed=1.0, fmt="mp3", engine="espeak", engine_version="1.52"
        )
    assert (loser.id, created, len(calls)) == (winner.id, False, 2)
    with db.session() as s:
        assert repo.get_article(s, other.id) is not None
        assert s.scalar(select(func.count()).select_from(Narration)) == 1


def make_article_in(session: Any) -> ArticleRecord:
    article, _ = repo.create_article(session, source="Another story.", source_kind="text")
    return article


def test_missing_narration(db: Database) -> None:
    with db.session() as s:
        assert repo.get_narration(s, "nar_missing") is None
        for call in (
            lambda: repo.load_narration(s, "nar_missing"),
            lambda: repo.delete_narration(s, "nar_missing"),
        ):
            with pytest.raises(errors.NotFound, match="nar_missing"):
                call()


def test_delete_narration_returns_storage_keys(db: Database) -> None:
    article = make_article(db)
    narration = make_narration(db, article)
    with db.session() as s:
        repo.mark_ready(s, narration.id, audio_key="a.mp3")
    with db.session() as s:
        assert repo.delete_narration(s, narration.id) == ["a.mp3"]
    with db.session() as s:
        assert repo.get_narration(s, narration.id) is None
        assert repo.get_article(s, article.id) is not None


def test_counts_by_status_lists_every_status(db: Database) -> None:
    article = make_article(db)
    with db.session() as s:
        assert repo.counts_by_status(s) == dict.fromkeys(Status, 0)
    a, b, _ = (make_narration(db, article, speed=s) for s in (1.0, 1.5, 2.0))
    with db.session() as s:
        repo.mark_processing(s, a.id, 1)
        repo.mark_failed(s, b.id, "x")
        assert repo.counts_by_status(s) == {
            Status.QUEUED: 1,
            Status.PROCESSING: 1,
            Status.READY: 0,
            Status.FAILED: 1,
        }
