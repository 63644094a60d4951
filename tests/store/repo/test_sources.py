"""narrator.store.repo.sources and the podcast feed's source and batch filters, on SQLite and
on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import Status, utcnow
from narrator.store.repo import batches, sources
from narrator.store.repo.feeds import FeedFilter, feed_page
from tests.helpers.records import make_article, make_narration

OPTIONS = {
    "voice": "en-us",
    "speed": 1.0,
    "format": "mp3",
    "engine": "espeak",
    "engine_version": "1.52",
}


def new_source(db: Database, url: str = "https://news.example/feed") -> str:
    with db.session() as s:
        return sources.create_source(
            s, url=url, interval_s=60, polls=0, not_modified=0, **OPTIONS
        ).id


def ready(db: Database, text: str) -> str:
    n = make_narration(db, make_article(db, text))
    with db.session() as s:
        repo.mark_processing(s, n.id, 1)
        repo.mark_ready(s, n.id, audio_key=f"narrations/{n.id}/audio.mp3", duration_s=1.0)
    return n.id


def test_entries_counts_and_versions(db: Database) -> None:
    source_id = new_source(db)
    first, second, failed = (
        ready(db, "One."),
        ready(db, "Two."),
        make_narration(db, make_article(db, "Three.")),
    )
    with db.session() as s:
        repo.mark_failed(s, failed.id, "boom")
        sources.save_entry(
            s, source_id, "a" * 64, narration_id=first, error=None, key="a", fingerprint="1"
        )
        sources.save_entry(
            s, source_id, "b" * 64, narration_id=failed.id, error=None, key="b", fingerprint="1"
        )
        sources.save_entry(
            s, source_id, "c" * 64, narration_id=None, error="404", key="c", fingerprint=""
        )
    with db.session() as s:
        # An edit: the entry's new narration is one more version.
        entry = sources.save_entry(
            s, source_id, "a" * 64, narration_id=second, error=None, fingerprint="2"
        )
        assert entry.versions == 2
        counts = sources.entry_counts(s, [source_id])[source_id]
        assert counts == sources.EntryCounts(entries=3, ready=1, active=0, failed=2, versions=3)
        assert sources.has_retryable_entries(s, source_id)
    with db.session() as s:
        page = feed_page(s, FeedFilter(source=source_id), 10)
        assert [n.id for n, _ in page] == [second]  # the current version only


def test_poll_schedule_and_lease(db: Database) -> None:
    source_id = new_source(db)
    now = utcnow()
    with db.session() as s:
        due = sources.due_sources(s, now + timedelta(seconds=1))
        assert [i for i, _ in due] == [source_id]
        expected = due[0][1]
        assert sources.advance_poll(s, source_id, expected=expected, to=now + timedelta(minutes=1))
    with db.session() as s:
        assert not sources.advance_poll(s, source_id, expected=expected, to=now)
        assert sources.due_sources(s, now + timedelta(seconds=1)) == []
        until = now + timedelta(seconds=30)
        assert sources.claim_poll(s, source_id, "a-1", until)
        assert not sources.claim_poll(s, source_id, "b-2", until)
        sources.release_poll(s, source_id, "a-1")
        assert sources.claim_poll(s, source_id, "b-2", until)
    with db.session() as s:
        # A lease that ran out (its holder died) is taken over.
        sources.claim_poll(s, source_id, "b-2", now - timedelta(seconds=1))
        assert sources.claim_poll(s, source_id, "c-3", until)


def test_record_poll_keeps_the_error_until_a_poll_succeeds(db: Database) -> None:
    source_id = new_source(db)
    with db.session() as s:
        sources.record_poll(s, source_id, error="answered HTTP 500")
    with db.session() as s:
        src = sources.load_source(s, source_id)
        assert (src.last_error, src.polls) == ("answered HTTP 500", 1)
        sources.record_poll(s, source_id, not_modified=True)
    with db.session() as s:
        src = sources.load_source(s, source_id)
        assert (src.last_error, src.polls, src.not_modified) == (None, 2, 1)
        sources.record_poll(
            s, source_id, validators=('"e1"', "Mon, 30 Nov 2026 08:00:00 GMT"), title="T"
        )
    with db.session() as s:
        src = sources.load_source(s, source_id)
        assert (src.etag, src.title) == ('"e1"', "T")
        sources.delete_source(s, source_id)
    with db.session() as s:
        assert sources.list_sources(s, 10) == []


def test_feed_of_a_batch_lists_its_linked_narrations(db: Database) -> None:
    items = [
        batches.NewItem(name=f"a{i}", external_id=None, payload={"data": "x"}, error=None)
        for i in range(2)
    ]
    with db.session() as s:
        batch_id = batches.create_batch(s, items, **OPTIONS).id
    mine, other = ready(db, "In the batch."), ready(db, "Not in it.")
    with db.session() as s:
        batches.settle_items(s, batch_id, {0: mine}, {1: "bad"})
    with db.session() as s:
        assert [n.id for n, _ in feed_page(s, FeedFilter(batch=batch_id), 10)] == [mine]
        assert {n.id for n, _ in feed_page(s, FeedFilter(), 10)} == {mine, other}
        assert [n.status for n, _ in feed_page(s, FeedFilter(batch=batch_id), 10)] == [Status.READY]
