"""The task ledger: a task reserved by a worker's main process is held, yet nobody renders it."""

from __future__ import annotations

from narrator.config import Settings
from narrator.contract import RENDER_CHUNK
from narrator.store import db as store_db
from narrator.store import ledger
from narrator.store.models import Task
from tests.helpers.articles import article_text
from tests.helpers.records import create_narration


def test_only_a_started_chunk_is_being_rendered(settings: Settings) -> None:
    nid = create_narration(settings, article_text(2, "ledger-started"))
    db = store_db.Database.from_settings(settings)
    with db.session() as s:
        reserved = ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 1, 2], "interactive")
        running = ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 4, 1], "live")
    with db.session() as s:
        assert ledger.hold(s, reserved.id, "main-1", 60, started=False)
        assert ledger.hold(s, running.id, "pool-2", 60, started=True)
    with db.session() as s:
        # Chunks 1-2 wait in a main process for a free pool process: not being rendered.
        assert ledger.held_chunks(s, nid, RENDER_CHUNK) == {4}
        assert ledger.held_chunks(s, nid, RENDER_CHUNK, besides="pool-2") == set()
    with db.session() as s:
        assert ledger.hold(s, reserved.id, "pool-3", 60, started=True)
        # The main process's receipt noted late takes nothing back from its runner.
        assert not ledger.hold(s, reserved.id, "main-1", 60, started=False)
    with db.session() as s:
        row = s.get(Task, reserved.id)
        assert row is not None and row.holder == "pool-3" and row.started_at is not None
        assert ledger.held_chunks(s, nid, RENDER_CHUNK) == {1, 2, 4}
        ledger.unhold(s, reserved.id)  # a retry: it waits again
    with db.session() as s:
        row = s.get(Task, reserved.id)
        assert row is not None and (row.holder, row.started_at) == (None, None)
        assert ledger.held_chunks(s, nid, RENDER_CHUNK) == {4}
    db.dispose()


def test_of_two_copies_started_together_exactly_one_steps_aside(settings: Settings) -> None:
    nid = create_narration(settings, article_text(2, "ledger-copies"))
    db = store_db.Database.from_settings(settings)
    with db.session() as s:
        first = ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 3, 1], "interactive")
        hurried = ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 3, 1], "live")
        other = ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 5, 1], "interactive")
    with db.session() as s:
        assert ledger.hold(s, first.id, "pool-1", 60, started=True)
        assert ledger.hold(s, hurried.id, "pool-2", 60, started=True)
        assert ledger.hold(s, other.id, "pool-3", 60, started=True)
    with db.session() as s:
        # Each sees the other's copy of chunk 3: only the later one leaves it to the earlier.
        assert ledger.held_chunks(s, nid, RENDER_CHUNK, besides="pool-1") == set()
        assert ledger.held_chunks(s, nid, RENDER_CHUNK, besides="pool-2") == {3}
        # Chunk 5 started last: the others do not count it (they have no copy of it anyway).
        assert ledger.held_chunks(s, nid, RENDER_CHUNK, besides="pool-3") == {3}
        # A process with no start on record (a task sent by hand) defers to every start.
        assert ledger.held_chunks(s, nid, RENDER_CHUNK, besides="pool-9") == {3, 5}
        assert ledger.held_chunks(s, nid, RENDER_CHUNK) == {3, 5}
    db.dispose()
