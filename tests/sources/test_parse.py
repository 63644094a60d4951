"""Reading feeds (feedparser) and telling what changed: fast, no network."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.sources.parse import changes, parse_feed

RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Riverton Post</title>
<item><guid isPermaLink="false">post-1</guid><title>Bridge approved</title>
  <link>https://example.com/bridge</link><dc:creator>Jane Doe</dc:creator>
  <pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>The council approved the bridge.</p><p>Work starts soon.</p>]]>
  </content:encoded></item>
<item><title>Library reopens</title><link>https://example.com/library</link>
  <description>The library reopens on Monday.</description></item>
<item><description>No title, no link, no guid: nothing to key it by.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<id>urn:feed</id><updated>2026-11-30T08:00:00Z</updated>
<entry><id>urn:e1</id><title>First</title><link href="https://example.com/first"/>
  <updated>2026-11-30T08:00:00Z</updated><author><name>Ann</name></author>
  <content type="html">&lt;p&gt;The whole article.&lt;/p&gt;</content></entry>
<entry><id>urn:e2</id><title>Second</title><link href="https://example.com/second"/>
  <updated>2026-11-30T09:00:00Z</updated><summary>Only a summary.</summary></entry>
</feed>"""


def test_rss_entries_keyed_by_guid_then_link_with_full_content() -> None:
    feed = parse_feed(RSS)
    assert feed.title == "Riverton Post"
    first, second = feed.entries  # the third has nothing to key it by
    assert first.key == "post-1"
    assert first.author == "Jane Doe"
    assert first.content is not None and "approved the bridge" in first.content
    assert first.content_kind == "html"
    assert first.published is not None and first.published.year == 2026
    assert second.key == "https://example.com/library"
    assert second.content is None  # a description is no article: its page is fetched
    assert second.summary == "The library reopens on Monday."


def test_atom_content_and_summary() -> None:
    feed = parse_feed(ATOM)
    assert [e.key for e in feed.entries] == ["urn:e1", "urn:e2"]
    assert feed.entries[0].content == "<p>The whole article.</p>"
    assert feed.entries[0].author == "Ann"
    assert feed.entries[1].content is None
    assert feed.entries[1].link == "https://example.com/second"


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"<html><body><p>A web page</p></body></html>", b'{"json": true}', b"\x00\x01"],
)
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(errors.FeedError):
        parse_feed(body)


def test_changes_new_edited_and_unchanged() -> None:
    entries = parse_feed(RSS).entries
    assert [(e.key, new) for e, new in changes(entries, {})] == [
        ("post-1", True),
        ("https://example.com/library", True),
    ]
    known = {e.key_hash: e.fingerprint for e in entries}
    assert changes(entries, known) == []
    edited = parse_feed(RSS.replace(b"Work starts soon.", b"Work starts in May."))
    assert [(e.key, new) for e, new in changes(edited.entries, known)] == [("post-1", False)]


def test_fingerprint_ignores_nothing_the_listener_hears() -> None:
    a = parse_feed(RSS).entries[0]
    retitled = parse_feed(RSS.replace(b"Bridge approved", b"Bridge finally approved")).entries[0]
    assert retitled.key == a.key
    assert retitled.fingerprint != a.fingerprint


def test_a_repeated_guid_counts_once() -> None:
    doubled = RSS.replace(b"<item><title>Library", b"<item><guid>post-1</guid><title>Library")
    keys = [e.key for e in parse_feed(doubled).entries]
    assert keys == ["post-1"]
