"""narrator.store.repo on SQLite and on PostgreSQL (the `db` fixture runs each test on both)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from narrator import errors
from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import Article, ChunkCache, Narration, Queue, Status, utcnow

SOURCE = "The harbor was quiet.\n\nThen the boats came in, one by one."


def make_article(db: Database, source: str = SOURCE, **kwargs: Any) -> Article:
    with db.session() as s:
        article, _ = repo.create_article(s, source=source, source_kind="text", **kwargs)
        return article


def make_narration(db: Database, article: Article, **kwargs: Any) -> Narration:
    settings: dict[str, Any] = dict(
        voice="en-us", speed=1.0, fmt="mp3", engine="espeak", engine_version="1.52"
    )
    settings.update(kwargs)
    with db.session() as s:
        narration, _ = repo.create_narration(s, article, **settings)
        return narration


def run_threads(n: int, target: Callable[[int], Any]) -> list[Any]:
    """Run target(i) in n threads released together; re-raise the first failure."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    if failures:
        raise failures[0]
    return results


# --- keys --------------------------------------------------------------------------------------


def test_content_hash_ignores_layout_whitespace_but_not_words() -> None:
    base = repo.content_hash("One two.\n\nThree.", title="T")
    assert repo.content_hash("  One   two.\r\n\r\n\r\n Three.  \n", title=" T ") == base
    assert repo.content_hash("One two.\n\nThree!", title="T") != base
    assert repo.content_hash("One two.\n\nThree.", title="U") != base
    assert repo.content_hash("One two.\n\nThree.", title="T", author="A") != base
    # title and author are separate fields, not a concatenation
    assert repo.content_hash("x", title="ab", author="c") != repo.content_hash(
        "x", title="a", author="bc"
    )


def test_chunk_cache_key_changes_with_everything_that_shapes_audio() -> None:
    base: dict[str, Any] = dict(
        voice="en-us", pace=1.1, pauses_ms=[300, 700], engine="espeak", engine_version="1"
    )
    key = repo.chunk_cache_key(["A.", "B."], **base)
    assert key == repo.chunk_cache_key(["A.", "B."], **base)
    for change in (
        {"voice": "en-gb"},
        {"pace": 1.2},
        {"pauses_ms": [300, 0]},
        {"engine_version": "2"},
    ):
        assert repo.chunk_cache_key(["A.", "B."], **{**base, **change}) != key
    assert repo.chunk_cache_key(["A.", "C."], **base) != key
    with pytest.raises(ValueError, match="one entry per sentence"):
        repo.chunk_cache_key(["A."], **base)


def test_ids_are_prefixed_and_url_safe(db: Database) -> None:
    article = make_article(db)
    narration = make_narration(db, article)
    assert article.id.startswith("art_") and len(article.id) == 20
    assert narration.id.startswith("nar_") and len(narration.id) == 20
    assert narration.id[4:].isalnum() and narration.id == narration.id.lower()


# --- articles ----------------------------------------------------------------------------------


def test_create_article_stores_source_and_is_idempotent(db: Database) -> None:
    with db.session() as s:
        article, created = repo.create_article(
            s,
            source=SOURCE,
            source_kind="text",
            title="Harbor",
            author="Ann",
            words=12,
            sentences=2,
            collection="daily",
            external_id="ext-1",
        )
        assert created
    with db.session() as s:
        again, created = repo.create_article(
            s, source=SOURCE + "\n\n", source_kind="text", title="Harbor", author="Ann"
        )
        assert not created
        assert again.id == article.id
        loaded = repo.load_article(s, article.id)
        assert loaded.source == SOURCE
        assert (loaded.words, loaded.sentences, loaded.collection) == (12, 2, "daily")
        assert loaded.created_at.tzinfo is not None
        assert repo.find_article_by_hash(s, article.content_hash) is loaded
        assert s.scalar(select(func.count()).select_from(Article)) == 1


def test_missing_article(db: Database) -> None:
    with db.session() as s:
        assert repo.get_article(s, "art_missing") is None
        with pytest.raises(errors.NotFound, match="art_missing"):
            repo.load_article(s, "art_missing")


def test_unknown_source_kind_is_rejected(db: Database) -> None:
    with db.session() as s, pytest.raises(ValueError):
        repo.create_article(s, source="x", source_kind="pdf")


def test_delete_article_cascades_and_returns_storage_keys(db: Database) -> None:
    article = make_article(db)
    first = make_narration(db, article)
    make_narration(db, article, speed=1.5)
    with db.session() as s:
        repo.mark_ready(s, first.id, audio_key="a.mp3", timings_key="t.json", captions_key="c.vtt")
    with db.session() as s:
        keys = repo.delete_article(s, article.id)
    assert sorted(keys) == ["a.mp3", "c.vtt", "t.json"]
    with db.session() as s:
        assert repo.get_article(s, article.id) is None
        assert s.scalar(select(func.count()).select_from(Narration)) == 0
        with pytest.raises(errors.NotFound):
            repo.delete_article(s, article.id)


def test_database_cascades_article_delete(db: Database) -> None:
    """ON DELETE CASCADE holds in the database itself (SQLite needs foreign_keys=ON)."""
    article = make_article(db)
    make_narration(db, article)
    with db.session() as s:
        s.execute(delete(Article).where(Article.id == article.id))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Narration)) == 0


# --- narrations --------------------------------------------------------------------------------


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
    real_find = repo.find_narration_by_cache_key
    calls: list[str] = []

    def find_misses_once(session: Any, key: str) -> Narration | None:
        calls.append(key)
        return None if len(calls) == 1 else real_find(session, key)

    monkeypatch.setattr(repo, "find_narration_by_cache_key", find_misses_once)
    with db.session() as s:
        other = make_article_in(s)  # the outer transaction has work that must survive
        loser, created = repo.create_narration(
            s, article, voice="en-us", speed=1.0, fmt="mp3", engine="espeak", engine_version="1.52"
        )
    assert (loser.id, created, len(calls)) == (winner.id, False, 2)
    with db.session() as s:
        assert repo.get_article(s, other.id) is not None
        assert s.scalar(select(func.count()).select_from(Narration)) == 1


def make_article_in(session: Any) -> Article:
    article, _ = repo.create_article(session, source="Another story.", source_kind="text")
    return article


def test_missing_narration(db: Database) -> None:
    with db.session() as s:
        assert repo.get_narration(s, "nar_missing") is None
        for call in (
            lambda: repo.load_narration(s, "nar_missing"),
            lambda: repo.mark_processing(s, "nar_missing", 3),
            lambda: repo.mark_ready(s, "nar_missing", audio_key="x"),
            lambda: repo.mark_failed(s, "nar_missing", "boom"),
            lambda: repo.bump_attempt(s, "nar_missing"),
            lambda: repo.requeue(s, "nar_missing"),
            lambda: repo.delete_narration(s, "nar_missing"),
        ):
            with pytest.raises(errors.NotFound, match="nar_missing"):
                call()
        assert repo.touch(s, "nar_missing") is False
        assert repo.record_chunk_done(s, "nar_missing") is None


def test_lifecycle_queued_processing_ready(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        assert repo.mark_processing(s, narration.id, chunks_total=4)
        n = repo.load_narration(s, narration.id)
        assert (n.status, n.chunks_total, n.chunks_done, n.progress) == (Status.PROCESSING, 4, 0, 0)
        assert n.started_at is not None
        started = n.started_at
    with db.session() as s:
        assert repo.record_chunk_done(s, narration.id) == repo.Progress(1, 4, 0.25)
        assert repo.load_narration(s, narration.id).chunks_done == 1  # loaded copy refreshed
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
        assert repo.record_chunk_done(s, narration.id) is None


def test_failure_attempts_and_retry(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        repo.mark_processing(s, narration.id, 2)
        repo.record_chunk_done(s, narration.id)
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


def test_concurrent_chunk_counts_are_exact(db: Database) -> None:
    n = 12
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        repo.mark_processing(s, narration.id, chunks_total=n)

    def done(_: int) -> int:
        with db.session() as s:
            progress = repo.record_chunk_done(s, narration.id)
            assert progress is not None
            return progress.done

    seen = run_threads(n, done)
    assert sorted(seen) == list(range(1, n + 1))  # every increment saw its own result
    with db.session() as s:
        final = repo.load_narration(s, narration.id)
        assert (final.chunks_done, final.progress) == (n, 1.0)


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


def _age(db: Database, narration_id: str, seconds: float, status: Status) -> None:
    with db.session() as s:
        s.execute(
            update(Narration)
            .where(Narration.id == narration_id)
            .values(heartbeat_at=utcnow() - timedelta(seconds=seconds), status=status)
        )


def test_find_stale_and_requeue_for_the_reaper(db: Database) -> None:
    article = make_article(db)
    stuck, waiting, fresh, done, old_failed = (
        make_narration(db, article, speed=s) for s in (1.0, 1.1, 1.2, 1.3, 1.4)
    )
    _age(db, stuck.id, 600, Status.PROCESSING)
    _age(db, waiting.id, 300, Status.QUEUED)
    _age(db, fresh.id, 5, Status.PROCESSING)
    _age(db, done.id, 900, Status.READY)
    _age(db, old_failed.id, 900, Status.FAILED)
    with db.session() as s:
        assert [n.id for n in repo.find_stale(s, 120)] == [stuck.id, waiting.id]  # oldest first
        assert [n.id for n in repo.find_stale(s, 120, [Status.QUEUED])] == [waiting.id]
        assert [n.id for n in repo.find_stale(s, 120, limit=1)] == [stuck.id]
        later = utcnow() + timedelta(seconds=200)
        assert {n.id for n in repo.find_stale(s, 120, now=later)} == {
            stuck.id,
            waiting.id,
            fresh.id,
        }
    cutoff = utcnow() - timedelta(seconds=120)
    with db.session() as s:
        assert repo.requeue(s, stuck.id, stale_before=cutoff)
        assert not repo.requeue(s, fresh.id, stale_before=cutoff)  # alive: keep it
        assert not repo.requeue(s, done.id, stale_before=cutoff)  # finished: leave it
    with db.session() as s:
        assert repo.load_narration(s, stuck.id).status == Status.QUEUED
        assert repo.load_narration(s, fresh.id).status == Status.PROCESSING
        assert repo.find_stale(s, 120) == [repo.load_narration(s, waiting.id)]


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


def test_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        repo.create_article(s, source="Rolled back.", source_kind="text")
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 0


# --- chunk cache -------------------------------------------------------------------------------


def test_chunk_cache_put_get_and_race(db: Database) -> None:
    key = repo.chunk_cache_key(
        ["Hello."], voice="v", pace=1.0, pauses_ms=[0], engine="e", engine_version="1"
    )
    with db.session() as s:
        assert repo.get_chunk(s, key) is None
        chunk = repo.put_chunk(
            s,
            key,
            audio_key=f"chunks/{key}.wav",
            sample_rate=22050,
            duration_ms=900,
            sentence_ms=[(0, 900)],
        )
        assert chunk.sentence_ms == [[0, 900]]
    with db.session() as s:
        again = repo.put_chunk(
            s, key, audio_key="other.wav", sample_rate=16000, duration_ms=1, sentence_ms=[]
        )
        assert (again.audio_key, again.sample_rate) == (f"chunks/{key}.wav", 22050)
        got = repo.get_chunk(s, key)
        assert got is not None and got.sentence_ms == [[0, 900]] and got.duration_ms == 900


def test_concurrent_chunk_puts_keep_one_row(db: Database) -> None:
    def put(i: int) -> str:
        with db.session() as s:
            return repo.put_chunk(
                s, "k" * 64, audio_key=f"w{i}.wav", sample_rate=1, duration_ms=1, sentence_ms=[]
            ).audio_key

    winners = set(run_threads(6, put))
    assert len(winners) == 1


def test_get_chunk_refreshes_last_used_and_evict_forgets_unused(db: Database) -> None:
    with db.session() as s:
        for key in ("a" * 64, "b" * 64):
            repo.put_chunk(
                s,
                key,
                audio_key=f"chunks/{key[0]}.wav",
                sample_rate=1,
                duration_ms=1,
                sentence_ms=[],
            )
        s.execute(update(ChunkCache).values(last_used_at=utcnow() - timedelta(days=30)))
    with db.session() as s:
        assert repo.get_chunk(s, "a" * 64) is not None
    with db.session() as s:
        a = repo.get_chunk(s, "a" * 64)
        assert a is not None and a.last_used_at > utcnow() - timedelta(minutes=5)
        assert repo.evict_chunks(s, utcnow() - timedelta(days=7)) == ["chunks/b.wav"]
    with db.session() as s:
        assert repo.get_chunk(s, "b" * 64) is None
        assert repo.evict_chunks(s, utcnow() - timedelta(days=7)) == []


def test_datetimes_come_back_aware_utc(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        loaded = s.scalars(
            select(Narration)
            .where(Narration.id == narration.id)
            .execution_options(populate_existing=True)
        ).one()
        assert loaded.created_at.utcoffset() == timedelta(0)
        assert abs(loaded.created_at - datetime.now(UTC)) < timedelta(minutes=5)
