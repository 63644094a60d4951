"""narrator.store.repo.lifecycle on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from narrator import errors
from narrator.store import progress, repo
from narrator.store.db import Database
from narrator.store.models import Narration, Status, utcnow
from tests.helpers.records import make_article, make_narration
from tests.helpers.threads import run_threads


def test_state_changes_of_a_missing_narration(db: Database) -> None:
    with db.session() as s:
        for call in (
            lambda: repo.mark_processing(s, "nar_missing", 3),
            lambda: repo.mark_ready(s, "nar_missing", audio_key="x"),
            lambda: repo.mark_failed(s, "nar_missing", "boom"),
            lambda: repo.bump_attempt(s, "nar_missing"),
            lambda: repo.requeue(s, "nar_missing"),
        ):
            with pytest.raises(errors.NotFound, match="nar_missing"):
                call()
        assert repo.touch(s, "nar_missing") is False
        assert progress.mark_chunk_done(s, "nar_missing", 0) is None


def test_lifecycle_queued_processing_ready(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        assert repo.mark_processing(s, narration.id, chunks_total=4)
        n = repo.load_narration(s, narration.id)
        assert (n.status, n.chunks_total, n.chunks_done, n.progress) == (Status.PROCESSING, 4, 0, 0)
        assert n.started_at is not None
        started = n.started_at
    with db.session() as s:
        assert progress.mark_chunk_done(s, narration.id, 2) == progress.Progress(1, 4)
        n = repo.load_narration(s, narration.id)
        assert (n.chunks_done, n.progress) == (1, 0.25)  # loaded copy refreshed
    with db.session() as s:
        ready = repo.mark_ready(
            s,
            narration.id,
            audio_key="narrations/x/audio.mp3",
            timings_key="narrations/x/timings.json",
            captions_key="narrations/x/captions.vtt",
            duration_s=12.5,
            words=40,
            wpm=192.0,
            lufs=-16.1,
            etag="abc",
            size_bytes=1234,
        )
        assert ready.status == Status.READY and ready.progress == 1.0 and ready.chunks_done == 4
        assert ready.finished_at is not None and ready.started_at == started
    with db.session() as s:
        n = repo.load_narration(s, narration.id)
        assert (n.duration_s, n.words, n.wpm, n.lufs, n.size_bytes) == (
            12.5,
            40,
            192.0,
            -16.1,
            1234,
        )
        assert n.storage_keys == [
            "narrations/x/audio.mp3",
            "narrations/x/timings.json",
            "narrations/x/captions.vtt",
        ]
        # a duplicate delivery of the task finds nothing to do
        assert repo.mark_processing(s, narration.id, chunks_total=4) is False
        assert progress.mark_chunk_done(s, narration.id, 3) is None


def test_failure_attempts_and_retry(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        repo.mark_processing(s, narration.id, 2)
        progress.mark_chunk_done(s, narration.id, 0)
        assert repo.bump_attempt(s, narration.id) == 1
        assert repo.bump_attempt(s, narration.id) == 2
        failed = repo.mark_failed(s, narration.id, "engine crashed")
        assert (failed.status, failed.error, failed.attempts) == (
            Status.FAILED,
            "engine crashed",
            2,
        )
        assert repo.mark_processing(s, narration.id, 2) is False
    with db.session() as s:
        assert repo.requeue(s, narration.id)
        n = repo.load_narration(s, narration.id)
        assert (n.status, n.error, n.chunks_done, n.progress, n.attempts) == (
            Status.QUEUED,
            None,
            0,
            0.0,
            2,
        )


def test_concurrent_chunk_marks_are_exact_and_duplicates_count_once(db: Database) -> None:
    n = 12
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        repo.mark_processing(s, narration.id, chunks_total=n)

    def done(i: int) -> int:
        with db.session() as s:
            marked = progress.mark_chunk_done(s, narration.id, i % n)  # each index twice
            assert marked is not None
            return marked.done

    seen = run_threads(2 * n, done)
    assert max(seen) == n and len(seen) == 2 * n
    with db.session() as s:
        final = repo.load_narration(s, narration.id)
        assert (final.chunks_done, final.progress) == (n, 1.0)


def test_a_second_start_keeps_the_chunks_done(db: Database) -> None:
    """A re-delivered narrate claims the narration again without moving progress back."""
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        repo.mark_processing(s, narration.id, chunks_total=4)
        progress.mark_chunk_done(s, narration.id, 0)
        progress.mark_chunk_done(s, narration.id, 1)
    with db.session() as s:
        assert repo.mark_processing(s, narration.id, chunks_total=4)
        n = repo.load_narration(s, narration.id)
        assert (n.chunks_done, n.progress) == (2, 0.5)


def test_touch_moves_the_heartbeat(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    old = utcnow() - timedelta(hours=1)
    with db.session() as s:
        s.execute(update(Narration).values(heartbeat_at=old))
    with db.session() as s:
        assert repo.touch(s, narration.id)
    with db.session() as s:
        heartbeat = repo.load_narration(s, narration.id).heartbeat_at
        assert heartbeat is not None and heartbeat > old + timedelta(minutes=59)
