"""Fetching feeds from a real HTTP server on localhost: conditional GET, limits, failures."""

from __future__ import annotations

import time

import pytest

from narrator import errors
from narrator.config import Settings
from narrator.sources.fetch import fetch
from tests.helpers.feed_server import FeedEntry, FeedServer
from tests.helpers.processes import free_port


def settings(**kw: object) -> Settings:
    return Settings(**{"fetch_timeout_s": 5.0, **kw})  # type: ignore[arg-type]


def test_conditional_get_answers_304_when_unchanged() -> None:
    with FeedServer() as feed:
        feed.entries["a"] = FeedEntry(title="A", content="<p>Hello.</p>")
        first = fetch(feed.feed_url, settings())
        assert not first.not_modified and b"Hello." in first.body
        assert first.etag and first.last_modified
        again = fetch(feed.feed_url, settings(), etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        assert (feed.conditional, feed.answered_304) == (1, 1)
        feed.entries["b"] = FeedEntry(title="B", content="<p>New.</p>")
        changed = fetch(feed.feed_url, settings(), etag=first.etag)
        assert not changed.not_modified and b"New." in changed.body
        assert feed.answered_304 == 1


def test_size_limit() -> None:
    with FeedServer() as feed:
        feed.entries["a"] = FeedEntry(title="A", content="<p>" + "word " * 2000 + "</p>")
        with pytest.raises(errors.FeedError, match="the limit is 1024 bytes"):
            fetch(feed.feed_url, settings(fetch_max_bytes=1024))


def test_timeout() -> None:
    with FeedServer(mode="slow") as feed:
        start = time.monotonic()
        with pytest.raises(errors.FeedError, match="did not answer within 1 s"):
            fetch(feed.feed_url, settings(fetch_timeout_s=1.0))
        assert time.monotonic() - start < 2.5


def test_unreachable_and_http_errors() -> None:
    with pytest.raises(errors.FeedError, match="could not fetch"):
        fetch(f"http://127.0.0.1:{free_port()}/feed.xml", settings())
    with FeedServer(mode="500") as feed:
        with pytest.raises(errors.FeedError, match="answered HTTP 500"):
            fetch(feed.feed_url, settings())
        with pytest.raises(errors.FeedError, match="answered HTTP 404"):
            fetch(feed.url + "/missing", settings())


def test_private_addresses_refused_on_fetch_when_the_setting_says_so() -> None:
    with FeedServer() as feed:
        feed.entries["a"] = FeedEntry(title="A", content="<p>Hello.</p>")
        with pytest.raises(errors.FeedError, match="private, loopback or reserved"):
            fetch(feed.feed_url, settings(fetch_allow_private=False))
        assert feed.feed_requests == 0
