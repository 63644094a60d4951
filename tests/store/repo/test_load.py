"""narrator.store.repo.load on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

from narrator.store import ledger, repo
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
