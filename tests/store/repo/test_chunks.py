"""narrator.store.repo.chunks on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import ChunkCache, utcnow
from tests.helpers.threads import run_threads


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


def test_cached_chunks_finds_many_at_once_and_refreshes_them(db: Database) -> None:
    keys = [f"{i:064d}" for i in range(1203)]  # more than one query's worth
    with db.session() as s:
        for key in keys[::2]:
            repo.put_chunk(s, key, audio_key=key, sample_rate=1, duration_ms=1, sentence_ms=[])
        s.execute(update(ChunkCache).values(last_used_at=utcnow() - timedelta(days=30)))
    with db.session() as s:
        assert repo.cached_chunks(s, keys) == set(keys[::2])
        assert repo.cached_chunks(s, []) == set()
    with db.session() as s:
        # Refreshed: none of them is evicted as unused.
        assert repo.evict_chunks(s, utcnow() - timedelta(days=7)) == []
