"""Feeds in, end to end: a feed served by a real HTTP server in the test, polled by the
product's own workers on their schedule, its entries added and edited between polls.

`narrator serve` alone (the embedded worker's poller thread), and `narrator worker` x2 on
Redis (one poll per due time, every entry narrated once).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import feedparser
import pytest

from narrator import chunks, pipeline
from narrator.audio import loudness
from narrator.store import layout
from tests.helpers.audio import probe_duration
from tests.helpers.feed_server import FeedEntry, FeedServer
from tests.helpers.processes import free_port, wait_for
from tests.helpers.stack import base_env

# Real `narrator` processes, a real feed server; and mostly waits on polls.
pytestmark = [pytest.mark.slow, pytest.mark.waiting]

PARAGRAPHS = [
    "The city council met on Monday to discuss the new bridge over the river.",
    "Members asked the engineers to explain why the cost had doubled since spring.",
    "The engineers said that steel prices had risen across the whole region.",
    "A revised plan will be presented at the next meeting in the town hall.",
]
PAGE = (
    "<html><head><title>Library reopens</title></head><body><nav>Home | News | Sport</nav>"
    "<article><h1>Library reopens</h1><p>The city library reopens on Monday after a year of "
    "repairs to its roof.</p><p>Opening hours will be longer than before, the librarian said."
    "</p></article><footer>Copyright Riverton Post</footer></body></html>"
)


def html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def source_env(data_dir: Path, **extra: str) -> dict[str, str]:
    options = {"source_min_interval_s": "1", "source_tick_s": "0.3", "fetch_timeout_s": "5"}
    return base_env(data_dir, **{**options, **extra})


def get(client: Any, source_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/sources/{source_id}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def wait_source(client: Any, source_id: str, until: Any, what: str, timeout: float = 90) -> dict:
    last: dict[str, Any] = {}

    def check() -> bool:
        last.update(get(client, source_id))
        return bool(until(last))

    try:
        wait_for(check, timeout, interval=0.3, what=what)
    except AssertionError as e:
        raise AssertionError(f"{e}; source: {last}") from None
    return last


def cache_rows(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "narrator.db") as db:
        return int(db.execute("select count(*) from chunk_cache").fetchone()[0])


def chunks_of(data_dir: Path, narration_id: str) -> int:
    with sqlite3.connect(data_dir / "narrator.db") as db:
        row = db.execute("select chunks_total from narrations where id = ?", (narration_id,))
        return int(row.fetchone()[0])


def plan_of(data_dir: Path, narration_id: str) -> tuple[Any, pipeline.Plan]:
    """The script and plan the worker wrote (local storage under the data dir)."""
    key = layout.narration_key(narration_id, layout.PLAN)
    return chunks.unpack_plan((data_dir / "files" / key).read_bytes())


def entry_narrations(data_dir: Path, source_id: str) -> dict[str, str]:
    with sqlite3.connect(data_dir / "narrator.db") as db:
        rows = db.execute(
            "select key, narration_id from source_entries where source_id = ?", (source_id,)
        )
        return {k: n for k, n in rows}


def podcast(client: Any, source_id: str) -> Any:
    r = client.get("/v1/feeds/podcast.xml", params={"source": source_id})
    assert r.status_code == 200, r.text
    return feedparser.parse(r.content)


def test_a_feed_polled_by_narrator_serve(data_dir, stack):
    with FeedServer() as feed:
        feed.entries["bridge"] = FeedEntry(title="Bridge cost doubles", content=html(PARAGRAPHS))
        feed.entries["library"] = FeedEntry(title="Library reopens", link="/library.html")
        feed.pages["/library.html"] = PAGE
        api = stack.start_api(source_env(data_dir))
        client = api.client(timeout=30)
        r = client.post(
            "/v1/sources",
            json={
                "url": feed.feed_url,
                "interval_s": 2,
                "voice": "en-us",  # a real engine: its audio measured at the end
                "channel": {"title": "Riverton, aloud"},
            },
        )
        assert r.status_code == 201, r.text
        source_id = r.json()["id"]

        # Both entries narrated once: one from content:encoded, one from its linked page.
        src = wait_source(
            client, source_id, lambda s: s["counts"]["ready"] == 2, "both entries ready"
        )
        assert src["status"] == "ok" and src["title"] == "The Riverton Post"
        assert src["counts"] == {"entries": 2, "ready": 2, "active": 0, "failed": 0, "versions": 2}
        assert feed.page_requests == 1
        first = entry_narrations(data_dir, source_id)
        script = client.get(f"/v1/narrations/{first['library']}/script.txt").text
        assert "reopens on Monday" in script and "longer than before" in script
        assert "Copyright" not in script and "Sport" not in script  # the page's furniture
        pod = podcast(client, source_id)
        assert pod.feed.title == "Riverton, aloud"
        assert {e.title for e in pod.entries} == {"Bridge cost doubles", "Library reopens"}

        # Unchanged feed: the next polls are conditional and answered 304.
        wait_for(lambda: feed.answered_304 >= 1, 20, what="a 304")
        src = wait_source(client, source_id, lambda s: s["not_modified"] >= 1, "304 recorded")
        assert feed.page_requests == 1  # nothing fetched again

        # Edit one word of one entry: narrated again, only that paragraph synthesized. The
        # engine pace solved for the edited text is not the first version's (its letters
        # changed) and is part of every chunk's cache key: the new narration keeps the first
        # one's pace instead, and the final file is still corrected to 200 WPM.
        before = cache_rows(data_dir)
        edited = [*PARAGRAPHS]
        edited[2] = edited[2].replace("had risen", "had soared")
        feed.entries["bridge"].content = html(edited)
        src = wait_source(
            client,
            source_id,
            lambda s: s["counts"]["versions"] == 3 and s["counts"]["ready"] == 2,
            "the edited entry narrated again",
        )
        now = entry_narrations(data_dir, source_id)
        assert now["library"] == first["library"]
        assert now["bridge"] != first["bridge"]
        new_rows = cache_rows(data_dir) - before
        total = chunks_of(data_dir, now["bridge"])
        print(f"edit: {new_rows} of {total} chunks synthesized again")
        assert total == 5 and new_rows == 1  # the title and four paragraphs; one changed
        script, plan = plan_of(data_dir, now["bridge"])
        assert "had soared" in script.text
        assert plan.pace == plan_of(data_dir, first["bridge"])[1].pace
        assert pipeline.plan(script, plan.voice, plan.speed).pace != plan.pace  # solved alone
        for nid in (first["bridge"], now["bridge"]):
            n = client.get(f"/v1/narrations/{nid}").json()
            audio = client.get(n["audio_url"])
            assert audio.status_code == 200
            path = data_dir / f"{nid}.{n['format']}"
            path.write_bytes(audio.content)
            measured = n["words"] / (probe_duration(path) / 60)
            lufs = loudness.integrated_lufs(path)
            print(f"{nid}: {measured:.1f} WPM (target {n['target_wpm']:g}), {lufs:.2f} LUFS")
            assert abs(measured / n["target_wpm"] - 1) <= pipeline.WPM_TOLERANCE + 0.002, n
            assert abs(lufs - loudness.TARGET_LUFS) <= 0.5, n

        # A new entry: narrated; the feed lists the current narration of each entry only.
        fair = FeedEntry(title="Fair opens", content="<p>The fair opens on Saturday.</p>")
        feed.entries = {"fair": fair, **feed.entries}  # newest first, as feeds list them
        src = wait_source(
            client, source_id, lambda s: s["counts"]["ready"] == 3, "the new entry ready"
        )
        assert src["counts"]["versions"] == 4
        listed = client.get(f"/v1/sources/{source_id}/entries").json()["entries"]
        assert [e["key"] for e in listed] == ["fair", "library", "bridge"]  # first seen, newest
        assert {e["status"] for e in listed} == {"ready"}
        assert [e["versions"] for e in listed] == [1, 1, 2]
        guids = {e.id for e in podcast(client, source_id).entries}
        assert guids == set(entry_narrations(data_dir, source_id).values())
        assert first["bridge"] not in guids

        # A malformed feed, then an unreachable one: the error is recorded, the source stays,
        # and the next good poll clears it.
        feed.mode = "garbage"
        src = wait_source(client, source_id, lambda s: s["status"] == "error", "error status")
        assert "not an RSS or Atom feed" in src["last_error"]
        feed.mode = "500"
        src = wait_source(
            client, source_id, lambda s: "HTTP 500" in (s["last_error"] or ""), "HTTP 500"
        )
        feed.mode = "ok"
        src = wait_source(client, source_id, lambda s: s["status"] == "ok", "ok again")
        assert src["counts"]["ready"] == 3 and src["counts"]["versions"] == 4

        gone = client.post("/v1/sources", json={"url": f"http://127.0.0.1:{free_port()}/f.xml"})
        assert gone.status_code == 201
        src = wait_source(
            client, gone.json()["id"], lambda s: s["status"] == "error", "unreachable recorded"
        )
        assert "could not fetch" in src["last_error"]

        # Deleted: no more polls.
        assert client.delete(f"/v1/sources/{source_id}").status_code == 204
        time.sleep(1.0)
        requests = feed.feed_requests
        time.sleep(4.0)
        assert feed.feed_requests == requests


def test_one_poller_with_two_workers(redis_server, data_dir, stack):
    env = source_env(data_dir, broker_url=redis_server.url, source_tick_s="0.2")
    with FeedServer() as feed:
        for i in range(3):
            feed.entries[f"e{i}"] = FeedEntry(
                title=f"Story {i}", content=f"<p>Story number {i} of the day. {PARAGRAPHS[i]}</p>"
            )
        second = stack.start_worker(env, wait=False)
        api, _ = stack.start_api_and_worker(env, concurrency=1)
        stack.wait_worker(second)
        client = api.client(timeout=30)
        r = client.post("/v1/sources", json={"url": feed.feed_url, "interval_s": 2})
        assert r.status_code == 201, r.text
        source_id = r.json()["id"]
        wait_source(client, source_id, lambda s: s["counts"]["ready"] == 3, "three ready")
        start = time.monotonic()
        time.sleep(8.0)
        src = get(client, source_id)
        assert src["counts"] == {"entries": 3, "ready": 3, "active": 0, "failed": 0, "versions": 3}
        listed = client.get("/v1/narrations", params={"limit": 100}).json()["narrations"]
        assert len(listed) == 3  # each entry narrated once, by one of the two workers
        times = [t for t in feed.fetch_times if t >= start]
        gaps = [b - a for a, b in zip(feed.fetch_times, feed.fetch_times[1:], strict=False)]
        print(f"{len(times)} polls in 8 s with interval 2 s; gaps {[round(g, 2) for g in gaps]}")
        assert 3 <= len(times) <= 5
        # Two pollers would each send the due poll: two fetches within a tick (0.2 s) of each
        # other per interval; one poller spaces them by the interval, less pickup jitter.
        # (The first gap follows the poll sent at creation, which may wait for a worker.)
        # (Under load one poll may start up to a second late; the next is still on time.)
        assert min(gaps[1:]) >= 0.5
