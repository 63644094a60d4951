"""A podcast feed of ready narrations: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces,
built with feedgen (its `podcast` extension for itunes:, ours below for podcast:).

    channel  title, description, link, language, itunes:image/owner/category/explicit/author,
             atom:link rel=self and, when there is an older page, rel=next (RFC 5005 paging)
    item     title, description (the article's first paragraph), pubDate, author, guid (the
             narration id, not a link), enclosure (exact byte length, the file's MIME type),
             itunes:duration, podcast:transcript (WebVTT, SRT, JSON), podcast:chapters
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, TypeVar

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from narrator.audio import chapters, transcripts

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/rss+xml"
VTT_TYPE = "text/vtt"


class _PodcastFeed(BaseExtension):
    """podcast:locked and the next-page atom:link on the channel."""

    def __init__(self) -> None:
        self.next_url: str | None = None
        self.owner_email: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "atom": ATOM_NS}

    def extend_rss(self, rss: Any) -> Any:
        channel = rss[0]
        if self.owner_email:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            locked.text = "no"
            locked.attrib["owner"] = self.owner_email
        if self.next_url:
            xml_elem(f"{{{ATOM_NS}}}link", channel, href=self.next_url, rel="next")
        return rss


class _PodcastEntry(BaseEntryExtension):
    """podcast:transcript (one per form) and podcast:chapters on an item."""

    def __init__(self) -> None:
        self.transcripts: list[tuple[str, str]] = []  # (url, MIME type)
        self.chapters_url: str | None = None
        self.language: str | None = None

    def extend_rss(self, item: Any) -> Any:
        for url, kind in self.transcripts:
            node = xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=url, type=kind)
            if self.language:
                node.attrib["language"] = self.language
            if kind == VTT_TYPE:
                node.attrib["rel"] = "captions"
        if self.chapters_url:
            xml_elem(
                f"{{{PODCAST_NS}}}chapters", item, url=self.chapters_url, type=chapters.MEDIA_TYPE
            )
        return item


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    language: str
    image_url: str | None
    owner_name: str
    owner_email: str | None
    category: str
    explicit: bool


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    description: str
    author: str | None
    published: datetime
    audio_url: str
    audio_type: str
    audio_length: int
    duration_s: float
    language: str
    captions_url: str
    srt_url: str
    json_url: str
    chapters_url: str


# XML 1.0 has no place for control characters (tab and line breaks aside), lone surrogates or
# U+FFFE/U+FFFF, and lxml refuses a text that holds one. Titles and authors are checked on the
# way in (config.LABEL_PATTERN); an article's first paragraph, or a row stored before that
# check, may still hold one, and a feed must not fail for it: such characters are dropped.
_Record = TypeVar("_Record", Channel, Item)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(record: _Record) -> _Record:
    texts: dict[str, Any] = {
        f.name: _NOT_XML.sub("", value)
        for f in fields(record)
        if isinstance(value := getattr(record, f.name), str)
    }
    return replace(record, **texts)


def duration(seconds: float) -> str:
    """itunes:duration as H:MM:SS (whole seconds, rounded)."""
    total = round(seconds)
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def render(
    channel: Channel,
    items: Sequence[Item],
    *,
    self_url: str,
    home_url: str,
    next_url: str | None,
    updated: datetime | None,
) -> bytes:
    channel = _xml_safe(channel)
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("narrator_podcast", _PodcastFeed, _PodcastEntry, atom=False)
    fg.title(channel.title)
    fg.description(channel.description)
    fg.link(href=home_url, rel="alternate")
    fg.link(href=self_url, rel="self")
    fg.language(channel.language)
    fg.generator("Narrator")
    if updated is not None:
        fg.lastBuildDate(updated)
    fg.podcast.itunes_author(channel.owner_name)
    fg.podcast.itunes_category(channel.category)
    fg.podcast.itunes_explicit("yes" if channel.explicit else "no")
    fg.podcast.itunes_summary(channel.description)
    if channel.owner_email:
        fg.podcast.itunes_owner(name=channel.owner_name, email=channel.owner_email)
    if channel.image_url:
        fg.image(url=channel.image_url, title=channel.title, link=home_url)
        fg.podcast.itunes_image(channel.image_url)
    fg.narrator_podcast.owner_email = channel.owner_email
    fg.narrator_podcast.next_url = next_url
    # feedgen writes entries in reverse order of adding them unless told otherwise.
    for item in map(_xml_safe, items):
        entry = fg.add_entry(order="append")
        entry.guid(item.guid, permalink=False)
        entry.title(item.title)
        entry.description(item.description or item.title)
        entry.pubDate(item.published)
        if item.author:
            entry.podcast.itunes_author(item.author)
        entry.enclosure(item.audio_url, str(item.audio_length), item.audio_type)
        entry.podcast.itunes_duration(duration(item.duration_s))
        ext = entry.narrator_podcast
        ext.language = item.language
        ext.transcripts = [
            (item.captions_url, VTT_TYPE),
            (item.srt_url, transcripts.SRT_TYPE),
            (item.json_url, transcripts.JSON_TYPE),
        ]
        ext.chapters_url = item.chapters_url
    return bytes(fg.rss_str(pretty=True))
