"""A poll, run as the task runs it, against a real feed server and the test's database; the
tasks it sends are recorded instead of run (tests/e2e/test_sources.py runs real workers)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest

from narrator.api.voice_catalog import VoiceCatalog
from narrator.config import Settings
from narrator.context import Context, build_context
from narrator.contract import NARRATE, POLL_SOURCE
from narrator.service import RenderRequest, Services
from narrator.sources import poll, schedule
from narrator.sources import service as sources
from narrator.store import repo as store
from narrator.store.models import utcnow
from narrator.store.repo import sources as repo
from tests.helpers.app import VOICES, Recorder
from tests.helpers.feed_server import FeedEntry, FeedServer

PAGE = (
    "<html><head><title>Library</title></head><body><nav>Home | News</nav><article>"
    "<h1>Library reopens</h1><p>The city library reopens on Monday after a year of work.</p>"
    "<p>Opening hours are longer than before.</p></article></body></html>"
)


@pytest.fixture
def sent() -> Recorder:
    return Recorder()


@pytest.fixture
def ctx(settings: Settings, sent: Recorder) -> Iterator[Context]:
    c = build_context(settings, sent)
    yield c
    c.close()


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    with FeedServer() as f:
        f.entries["bridge"] = FeedEntry(
            title="Bridge approved",
            content="<p>The council approved the bridge.</p><p>Work starts in May.</p>",
        )
        f.entries["library"] = FeedEntry(title="Library reopens", link="/library.html")
        f.pages["/library.html"] = PAGE
        yield f


def create(ctx: Context, sent: Recorder, url: str) -> str:
    services = Services(ctx.db, ctx.settings, VoiceCatalog(VOICES), sent)
    view = sources.create(services, sources.NewSource(url=url, render=RenderRequest(voice="en-us")))
    return view.source.id


def narrated(sent: Recorder) -> list[str]:
    return [args[0] for name, args, _ in sent.calls if name == NARRATE]


def test_new_entries_narrated_once_then_304(ctx: Context, sent: Recorder, feed: FeedServer) -> None:
    source_id = create(ctx, sent, feed.feed_url)
    assert sent.calls[0] == (POLL_SOURCE, [source_id], "interactive")
    assert poll.poll(ctx, source_id) == poll.Outcome("polled", narrated=2)
    assert len(narrated(sent)) == 2
    assert feed.page_requests == 1  # the entry without content: its page, extracted
    with ctx.session() as s:
        entries = repo.entries(s, source_id)
        assert sorted(e.title or "" for e in entries.values()) == [
            "Bridge approved",
            "Library reopens",
        ]
        assert all(e.narration_id and e.versions == 1 and not e.error for e in entries.values())
        link = next(e for e in entries.values() if e.link)
        assert link.narration_id
        narration = store.load_narration(s, link.narration_id)
        assert narration.article.source_url == feed.url + "/library.html"
        assert "library reopens on Monday" in narration.article.source

    assert poll.poll(ctx, source_id).status == "not_modified"
    assert (feed.conditional, feed.answered_304) == (1, 1)
    assert len(narrated(sent)) == 2
    view = sources.view(ctx.db, source_id)
    assert (view.status, view.source.polls, view.source.not_modified) == ("ok", 2, 1)
    assert view.counts.entries == 2 and view.counts.active == 2


def test_an_edited_entry_is_narrated_again(ctx: Context, sent: Recorder, feed: FeedServer) -> None:
    source_id = create(ctx, sent, feed.feed_url)
    poll.poll(ctx, source_id)
    with ctx.session() as s:
        before = {k: e.narration_id for k, e in repo.entries(s, source_id).items()}
    feed.entries[
        "bridge"
    ].content = "<p>The council approved the bridge.</p><p>Work starts in June.</p>"
    feed.entries["fair"] = FeedEntry(title="Fair opens", content="<p>The fair opens today.</p>")
    assert poll.poll(ctx, source_id) == poll.Outcome("polled", narrated=2)
    with ctx.session() as s:
        after = repo.entries(s, source_id)
    changed = [k for k in before if after[k].narration_id != before[k]]
    assert len(changed) == 1 and after[changed[0]].versions == 2
    assert len(after) == 3
    # The new narration names the edited entry's previous one, whose pace it may keep; a new
    # entry has none.
    with ctx.session() as s:
        earlier = {k: store.load_narration(s, e.narration_id).earlier_id for k, e in after.items()}
    assert earlier[changed[0]] == before[changed[0]]
    assert [k for k, v in earlier.items() if v] == changed
    assert len(set(narrated(sent))) == 4
    assert sources.view(ctx.db, source_id).counts.versions == 4


def test_unreachable_and_malformed_feeds_are_recorded(
    ctx: Context, sent: Recorder, feed: FeedServer
) -> None:
    source_id = create(ctx, sent, feed.feed_url)
    feed.mode = "500"
    assert poll.poll(ctx, source_id).status == "error"
    view = sources.view(ctx.db, source_id)
    assert view.status == "error" and "answered HTTP 500" in (view.source.last_error or "")
    feed.mode = "garbage"
    poll.poll(ctx, source_id)
    assert "not an RSS or Atom feed" in (sources.view(ctx.db, source_id).source.last_error or "")
    feed.mode = "ok"
    assert poll.poll(ctx, source_id).narrated == 2
    view = sources.view(ctx.db, source_id)
    assert (view.status, view.source.last_error, view.source.polls) == ("ok", None, 3)


def test_a_page_that_failed_is_fetched_again(
    ctx: Context, sent: Recorder, feed: FeedServer
) -> None:
    page = feed.pages.pop("/library.html")
    source_id = create(ctx, sent, feed.feed_url)
    assert poll.poll(ctx, source_id).narrated == 1
    view = sources.view(ctx.db, source_id)
    assert view.counts.failed == 1
    (failed,) = [e for e, _ in sources.entries(ctx.db, source_id, 10) if e.error]
    assert failed.error and "answered HTTP 404" in failed.error
    feed.pages["/library.html"] = page
    # The feed did not change, but the failed page is retried: no conditional request.
    assert poll.poll(ctx, source_id).narrated == 1
    assert feed.conditional == 0
    assert sources.view(ctx.db, source_id).counts.failed == 0


def test_a_poll_held_elsewhere_is_not_run(ctx: Context, sent: Recorder, feed: FeedServer) -> None:
    source_id = create(ctx, sent, feed.feed_url)
    with ctx.session() as s:
        assert repo.claim_poll(s, source_id, "other-host-1", utcnow() + timedelta(seconds=60))
    assert poll.poll(ctx, source_id).status == "busy"
    assert feed.feed_requests == 0


@pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
def test_a_due_poll_is_sent_once_by_many_lookers(
    ctx: Context, sent: Recorder, feed: FeedServer
) -> None:
    source_id = create(ctx, sent, feed.feed_url)
    with ctx.session() as s:
        repo.advance_poll(s, source_id, expected=None, to=utcnow() - timedelta(seconds=1))
    sent.calls.clear()
    counts: list[int] = []
    barrier = threading.Barrier(4)

    def look() -> None:
        barrier.wait()
        counts.append(schedule.send_due(ctx.db, sent))

    threads = [threading.Thread(target=look) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 1
    assert sent.calls == [(POLL_SOURCE, [source_id], "interactive")]
    assert schedule.send_due(ctx.db, sent) == 0  # not due again for an interval


def test_a_long_feed_is_taken_in_parts(
    ctx: Context, sent: Recorder, feed: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(poll, "ENTRIES_PER_POLL", 2)
    for i in range(3):
        feed.entries[f"extra{i}"] = FeedEntry(title=f"Extra {i}", content=f"<p>Extra {i}.</p>")
    source_id = create(ctx, sent, feed.feed_url)
    assert poll.poll(ctx, source_id).narrated == 2
    with ctx.session() as s:
        assert [i for i, _ in repo.due_sources(s, utcnow())] == [source_id]  # due again now
    assert poll.poll(ctx, source_id).narrated == 2
    assert poll.poll(ctx, source_id).narrated == 1
    assert feed.conditional == 0  # the parts read the whole feed
    assert poll.poll(ctx, source_id).status == "not_modified"
    assert sources.view(ctx.db, source_id).counts.entries == 5
    assert len(set(narrated(sent))) == 5


def test_a_source_deleted_mid_poll(ctx: Context, sent: Recorder, feed: FeedServer) -> None:
    source_id = create(ctx, sent, feed.feed_url)

    def delete_then_answer() -> str:
        sources.delete(ctx.db, source_id)
        return PAGE

    feed.pages["/library.html"] = delete_then_answer
    assert poll.poll(ctx, source_id).status == "deleted"
    with ctx.session() as s:
        assert repo.get_source(s, source_id) is None
        assert repo.entries(s, source_id) == {}
