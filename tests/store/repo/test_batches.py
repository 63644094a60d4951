"""narrator.store.repo.batches on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import Status, utcnow
from narrator.store.repo import batches
from tests.helpers.records import make_article, make_narration

OPTIONS = {
    "voice": "en-us",
    "speed": 1.0,
    "format": "mp3",
    "engine": "espeak",
    "engine_version": "1.52",
}


def new_batch(db: Database, n: int, failed: int = 0) -> str:
    items = [
        batches.NewItem(name=f"a{i}.txt", external_id=f"e{i}", payload={"data": "x"}, error=None)
        for i in range(n)
    ] + [
        batches.NewItem(name=None, external_id=None, payload=None, error="bad")
        for _ in range(failed)
    ]
    with db.session() as s:
        return batches.create_batch(s, items, **OPTIONS).id


def link(db: Database, batch_id: str, count: int, queue: str = "batch") -> list[str]:
    ids = []
    for i in range(count):
        n = make_narration(db, make_article(db, f"Article {batch_id} {i}."), queue=queue)
        ids.append(n.id)
    with db.session() as s:
        batches.settle_items(s, batch_id, dict(enumerate(ids)), {})
    return ids


def test_tally_counts_progress_audio_and_items_by_status(db: Database) -> None:
    batch_id = new_batch(db, 4, failed=1)
    ids = link(db, batch_id, 3)  # the fourth stays pending
    with db.session() as s:
        repo.mark_processing(s, ids[0], 4)
        s.execute(
            batches.update(batches.Narration)
            .where(batches.Narration.id == ids[0])
            .values(chunks_done=2)
        )
        repo.mark_processing(s, ids[1], 1)
        repo.mark_ready(s, ids[1], audio_key="k", duration_s=12.5)
    with db.session(readonly=True) as s:
        t = batches.tally(s, batches.load_batch(s, batch_id))
        assert t.counts == {"queued": 2, "processing": 1, "ready": 1, "failed": 1, "canceled": 0}
        assert t.audio_s == 12.5 and t.ended_here == 1
        assert abs(t.progress - (2 + 0.5) / 5) < 1e-9
        assert t.last_finished is not None and t.last_finished.tzinfo is not None
        rows = batches.list_items(s, batch_id, limit=10, statuses=["failed", "ready"])
        assert [(i.index, st) for i, st, _ in rows] == [(1, "ready"), (4, "failed")]
        page = batches.list_items(s, batch_id, limit=2, after=1)
        assert [i.index for i, _, _ in page] == [2, 3]
        one = batches.list_items(s, batch_id, limit=10, external_id="e2")
        assert [i.index for i, _, _ in one] == [2]


def test_cancel_spares_what_others_need(db: Database) -> None:
    mine = new_batch(db, 3)
    ids = link(db, mine, 3)
    other = new_batch(db, 1)
    with db.session() as s:
        batches.settle_items(s, other, {0: ids[0]}, {})  # another batch needs ids[0]
        repo.mark_processing(s, ids[2], 1)
        repo.mark_ready(s, ids[2], audio_key="k", duration_s=1.0)
    with db.session() as s:
        failed = batches.cancel(s, mine, "canceled with batch")
    assert failed == [ids[1]]
    with db.session(readonly=True) as s:
        assert repo.load_narration(s, ids[0]).status == Status.QUEUED
        assert repo.load_narration(s, ids[1]).status == Status.FAILED
        t = batches.tally(s, batches.load_batch(s, mine))
        assert t.counts == {"queued": 0, "processing": 0, "ready": 1, "failed": 0, "canceled": 2}


def test_claim_is_exclusive_until_the_lease_runs_out(db: Database) -> None:
    batch_id = new_batch(db, 1)
    soon, later = utcnow() + timedelta(seconds=30), utcnow() - timedelta(seconds=1)
    with db.session() as s:
        assert batches.claim(s, batch_id, "a-1", soon, steal=False)
        assert not batches.claim(s, batch_id, "b-2", soon, steal=False)
        assert batches.claim(s, batch_id, "a-1", later, steal=False)  # renewed (to the past)
        assert batches.claim(s, batch_id, "b-2", soon, steal=False)  # expired: taken over
        batches.finish_expansion(s, batch_id, "b-2")
        assert batches.load_batch(s, batch_id).expanded_at is None  # an item is still pending
    with db.session() as s:
        batches.settle_items(s, batch_id, {}, {0: "no"})
        batches.finish_expansion(s, batch_id, "b-2")  # released already: changes nothing
        assert batches.load_batch(s, batch_id).expanded_at is None
        assert batches.claim(s, batch_id, "b-2", soon, steal=False)
        batches.finish_expansion(s, batch_id, "b-2")
    with db.session() as s:
        assert batches.load_batch(s, batch_id).expanded_at is not None
        assert not batches.claim(s, batch_id, "c-3", soon, steal=True)
