"""Podcast feeds end to end: `narrator serve` + a `narrator worker` (espeak) over Redis, the
feed read with feedparser as a podcast app reads it, every link followed."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from tests.helpers.client import wait_ready
from tests.helpers.stack import base_env

pytestmark = pytest.mark.slow  # real `narrator` processes, Redis, espeak, ffmpeg

PODCAST = "{https://podcastindex.org/namespace/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"


def article(title: str, n: int) -> str:
    return (
        f"# {title}\n\n"
        f"The council met on day {n} to discuss the new bridge over the river. "
        "Members asked the engineers to explain the cost.\n\n"
        "## What happens next\n\n"
        "A revised plan will be presented at the next meeting. Residents may comment online.\n"
    )


def ffprobe_seconds(path: Path) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(out.stdout.strip())


def hms(text: str) -> int:
    h, m, s = (int(x) for x in text.split(":"))
    return h * 3600 + m * 60 + s


def test_podcast_feed(redis_server, data_dir, tmp_path, stack):
    env = base_env(
        data_dir,
        broker_url=redis_server.url,
        default_voice="en-us",
        chunk_chars="1500",
        feed_title="Riverton Post, read aloud",
        feed_owner_email="audio@example.org",
        feed_image_url="https://example.org/cover.png",
        feed_page_size="2",
        feed_sources=json.dumps({"example.com": {"title": "Example, read aloud"}}),
    )
    api, _ = stack.start_api_and_worker(env, concurrency=1)
    client = api.client(timeout=30)
    authors = ["Jane Doe", "Sam Roe", "Jane Doe"]
    ids = []
    for i, author in enumerate(authors):
        r = client.post(
            "/v1/narrations",
            json={"markdown": article(f"Bridge vote {i}", i), "author": author, "voice": "en-us"},
        )
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
    rows = wait_ready(client, ids, 120, logs=stack.logs)
    # Nothing sets a source URL over HTTP yet (batch imports will): give one article one.
    with sqlite3.connect(data_dir / "narrator.db") as db:
        db.execute(
            "UPDATE articles SET source_url = 'https://www.example.com/news/1' WHERE id = ?",
            (rows[ids[1]]["article_id"],),
        )

    # The whole feed, page by page (two items a page), newest first.
    r = client.get("/v1/feeds/podcast.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rss+xml")
    first = feedparser.parse(r.content)
    assert not first.bozo, first.bozo_exception
    assert first.version == "rss20" and first.feed.title == "Riverton Post, read aloud"
    assert first.feed.image.href == "https://example.org/cover.png"
    assert first.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert first.namespaces["podcast"] == PODCAST.strip("{}")
    nxt = ET.fromstring(r.content).find(f"channel/{ATOM}link[@rel='next']")
    assert nxt is not None and r.headers["link"] == f'<{nxt.get("href")}>; rel="next"'
    r2 = client.get(nxt.get("href"))
    second = feedparser.parse(r2.content)
    assert ET.fromstring(r2.content).find(f"channel/{ATOM}link[@rel='next']") is None
    entries = first.entries + second.entries
    assert [e.id for e in entries] == ids[::-1]

    root_items = ET.fromstring(r.content).findall("channel/item") + ET.fromstring(
        r2.content
    ).findall("channel/item")
    for entry, item in zip(entries, root_items, strict=True):
        nid = entry.id
        assert entry.title.startswith("Bridge vote ") and "council met" in entry.summary
        assert entry.author == authors[ids.index(nid)] and entry.published_parsed
        (enclosure,) = entry.enclosures
        audio = client.get(enclosure.href)
        assert audio.status_code == 200
        assert int(enclosure.length) == len(audio.content)  # the exact bytes served
        assert enclosure.type == audio.headers["content-type"] == "audio/mpeg"
        path = tmp_path / f"{nid}.mp3"
        path.write_bytes(audio.content)
        assert abs(hms(entry.itunes_duration) - ffprobe_seconds(path)) <= 1.0

        kinds = {}
        for node in item.findall(f"{PODCAST}transcript"):
            got = client.get(node.get("url"))
            assert got.status_code == 200, node.get("url")
            assert got.headers["content-type"].split(";")[0] == node.get("type")
            kinds[node.get("type")] = got.text
        assert set(kinds) == {"text/vtt", "application/x-subrip", "application/json"}
        assert kinds["text/vtt"].startswith("WEBVTT")
        assert kinds["application/x-subrip"].startswith("1\n00:00:00,")
        segments = json.loads(kinds["application/json"])["segments"]
        assert segments[-1]["endTime"] <= ffprobe_seconds(path) + 0.5
        assert any("revised plan" in s["body"] for s in segments)

        chapters_node = item.find(f"{PODCAST}chapters")
        assert chapters_node is not None
        chapters = client.get(chapters_node.get("url")).json()["chapters"]
        assert [c["title"] for c in chapters] == [entry.title, "What happens next"]
        heading = next(s for s in segments if s["body"] == "What happens next")
        assert chapters[0]["startTime"] == 0 and chapters[1]["startTime"] == heading["startTime"]

    # Filters: one author, one source (with that source's own channel title).
    by_sam = feedparser.parse(client.get("/v1/feeds/podcast.xml?author=sam roe").content)
    assert [e.id for e in by_sam.entries] == [ids[1]]
    site = feedparser.parse(client.get("/v1/feeds/podcast.xml?source=example.com").content)
    assert [e.id for e in site.entries] == [ids[1]]
    assert site.feed.title == "Example, read aloud"
    assert (
        feedparser.parse(client.get("/v1/feeds/podcast.xml?source=other.org").content).entries == []
    )

    # One batch's: an article already narrated with these options is that narration (the
    # same cache and idempotency), a new one is narrated on the batch queue.
    r = client.post(
        "/v1/batches?voice=en-us",
        json={
            "items": [
                {"markdown": article("Bridge vote 0", 0), "author": "Jane Doe"},
                {"markdown": article("Ferry vote", 7), "author": "Jane Doe"},
            ]
        },
    )
    assert r.status_code == 202, r.text
    batch = r.json()["id"]
    deadline = time.monotonic() + 120
    while client.get(f"/v1/batches/{batch}").json()["counts"].get("ready", 0) < 2:
        assert time.monotonic() < deadline, client.get(f"/v1/batches/{batch}").text
        time.sleep(0.3)
    items = client.get(f"/v1/batches/{batch}/items").json()["items"]
    in_batch = feedparser.parse(client.get(f"/v1/feeds/podcast.xml?batch={batch}").content)
    assert sorted(e.id for e in in_batch.entries) == sorted(i["narration_id"] for i in items)
    assert ids[0] in {e.id for e in in_batch.entries} and len(in_batch.entries) == 2
    for entry in in_batch.entries:
        (enclosure,) = entry.enclosures
        assert int(enclosure.length) == len(client.get(enclosure.href).content)
    unknown = client.get("/v1/feeds/podcast.xml?batch=bat_aaaaaaaaaaaaaaaa")
    assert unknown.status_code == 404

    # Conditional GETs (the feed's ETag changed with the batch's new narration).
    r = client.get("/v1/feeds/podcast.xml")
    again = client.get("/v1/feeds/podcast.xml", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        "/v1/feeds/podcast.xml", headers={"If-Modified-Since": r.headers["last-modified"]}
    )
    assert since.status_code == 304
    assert client.get("/v1/feeds/podcast.xml?cursor=nonsense").status_code == 422
