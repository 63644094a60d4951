"""narrator.store.repo.load on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from narrator.store import ledger, models, progress, repo
from narrator.store.db import Database
from narrator.store.models import utcnow
from narrator.store.repo import load
from tests.helpers.records import make_article, make_narration


def test_the_line_of_listeners_told_to_wait(db: Database) -> None:
    article = make_article(db)
    first, second, gone = (make_narration(db, article, speed=s) for s in (1.0, 1.25, 1.5))
    now = utcnow()
    with db.session() as s:
        repo.keep_waiting(s, second.id, now - timedelta(seconds=5), now + timedelta(seconds=30))
        repo.keep_waiting(s, first.id, now - timedelta(seconds=9), now + timedelta(seconds=30))
        repo.keep_waiting(s, gone.id, now - timedelta(seconds=60), now - timedelta(seconds=1))
    with db.session() as s:
        assert [x.narration_id for x in load.waiting_streams(s, now)] == [first.id, second.id]
        before_second = load.waiting_streams(s, now, before=now - timedelta(seconds=5))
        assert [x.narration_id for x in before_second] == [first.id]
    with db.session() as s:  # its stream began: out of the line
        assert repo.mark_listened(s, first.id) is not None
    with db.session() as s:
        assert [x.narration_id for x in load.waiting_streams(s, now)] == [second.id]
        row = repo.load_narration(s, first.id)
        assert row.waiting_since is None and row.waiting_until is None


def test_slots_count_at_most_as_many_per_machine_as_it_has_cpus(db: Database) -> None:
    now = utcnow()
    with db.session() as s:
        # `narrator serve` on 2 cores: a pool of 2 and a live lane; another machine with 4.
        ledger.beat_worker(
            s, "aaaaaaaaaaaa-10", ["interactive", "live"], idle_since=None, slots=2, cpus=2
        )
        ledger.beat_worker(s, "aaaaaaaaaaaa-11", ["live"], idle_since=None, slots=1, cpus=2)
        ledger.beat_worker(s, "bbbbbbbbbbbb-10", ["interactive"], idle_since=None, slots=4, cpus=8)
        ledger.beat_worker(s, "cccccccccccc-10", ["batch"], idle_since=None, slots=4, cpus=8)
        ledger.beat_worker(s, "dddddddddddd-10", ["live"], idle_since=None, slots=3)  # no cpus
    with db.session() as s:
        queues = ("live", "interactive")
        assert load.live_slots(s, now - timedelta(seconds=15), queues) == 2 + 4 + 3


def test_a_narration_rendering_is_weighed_by_the_audio_its_chunks_measured(db: Database) -> None:
    article = make_article(db)  # its words say how long it lasts at 200 WPM until measured
    measured, early = make_narration(db, article), make_narration(db, article, speed=1.5)
    with db.session() as s:
        assert repo.mark_processing(s, measured.id, 4)
        assert repo.mark_processing(s, early.id, 4)
        # A voice slower than its nominal pace: a fifth of the script took 30 s.
        progress.mark_chunk_done(s, measured.id, 0, audio_ms=12_000, share=0.08)
        progress.mark_chunk_done(s, measured.id, 1, audio_ms=18_000, share=0.12)
        # One short first sentence is too little to go by.
        progress.mark_chunk_done(s, early.id, 0, audio_ms=9_000, share=0.05)
    with db.session() as s:
        words = s.get(models.ArticleRecord, article.id).words  # type: ignore[union-attr]
        weighed = load.stream_of(s, repo.load_narration(s, measured.id))
        assert weighed.audio_s == pytest.approx(150.0) and weighed.done == pytest.approx(0.2)
        estimated = load.stream_of(s, repo.load_narration(s, early.id))
        assert estimated.audio_s == pytest.approx(60.0 * max(words, 1) / (200 * 1.5))
        assert estimated.done == pytest.approx(0.25)  # a chunk of four
        # A duplicate delivery of a chunk counts once, its audio too.
        progress.mark_chunk_done(s, measured.id, 1, audio_ms=18_000, share=0.12)
    with db.session() as s:
        weighed = load.stream_of(s, repo.load_narration(s, measured.id))
        assert weighed.audio_s == pytest.approx(150.0) and weighed.done == pytest.approx(0.2)
