"""The podcast feed's XML: what feedgen is given is always XML it can write."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from narrator.api import feed


def _item(**changes: str) -> feed.Item:
    fields = {"title": "Budget vote", "description": "The council voted.", "author": "Jane Doe"}
    fields |= changes
    return feed.Item(
        guid="nar_abcdefghij234567",
        published=datetime(2026, 12, 6, tzinfo=UTC),
        audio_url="https://x.test/a.mp3",
        audio_type="audio/mpeg",
        audio_length=1000,
        duration_s=61.4,
        language="en",
        captions_url="https://x.test/a.vtt",
        srt_url="https://x.test/a.srt",
        json_url="https://x.test/a.json",
        chapters_url="https://x.test/c.json",
        **fields,
    )


def test_control_characters_an_article_carried_in_do_not_break_the_feed() -> None:
    # A first paragraph (or a title stored before titles were checked) holding a NUL, an ESC or
    # a lone surrogate: lxml refused the whole feed (a 500 on GET /v1/feeds/podcast.xml).
    channel = feed.Channel("News\x00", "Our stories", "en", None, "Desk\x1b", None, "News", False)
    item = _item(title="Budget\x00 vote", description="The council\x07 voted.", author="Jane\ud800")
    xml = feed.render(
        channel,
        [item],
        self_url="https://x.test/f",
        home_url="https://x.test/",
        next_url=None,
        updated=None,
    )
    root = ET.fromstring(xml)
    assert root.findtext("channel/title") == "News"
    assert root.findtext("channel/item/title") == "Budget vote"
    assert root.findtext("channel/item/description") == "The council voted."
    # tabs and line breaks are XML's own: kept
    item = _item(description="Line one\nline two\tend")
    xml = feed.render(
        channel,
        [item],
        self_url="https://x.test/f",
        home_url="https://x.test/",
        next_url=None,
        updated=None,
    )
    assert ET.fromstring(xml).findtext("channel/item/description") == "Line one\nline two\tend"
