"""A feed's entries, read with feedparser (RSS 0.9x/1.0/2.0 and Atom), keyed and fingerprinted.

    feed = parse_feed(body)                  # FeedError when it is no RSS or Atom feed
    todo = changes(feed.entries, known)      # entries new or edited since `known` fingerprints

An entry is keyed by its guid / Atom id, else its link, else its title. Its fingerprint hashes
what the feed says about it (title, author, link, content or summary, updated date): an equal
fingerprint means there is nothing to fetch or narrate again.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from narrator import errors

HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


@dataclass(frozen=True)
class Entry:
    key: str
    link: str | None
    title: str | None
    author: str | None
    content: str | None  # the full article when the feed carries it (content:encoded, atom)
    content_kind: str  # html or text: how to read `content` (or `summary`)
    summary: str | None
    published: datetime | None
    updated: str | None

    @property
    def key_hash(self) -> str:
        return hashlib.sha256(self.key.encode("utf-8")).hexdigest()

    @property
    def fingerprint(self) -> str:
        what = [self.title, self.author, self.link, self.content or self.summary, self.updated]
        return hashlib.sha256(json.dumps(what).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: list[Entry]


def parse_feed(body: bytes) -> Feed:
    """The feed's entries in document order; FeedError when the body is no RSS or Atom."""
    if not body.strip():
        raise errors.FeedError("the feed is empty")
    parsed: Any = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version"):
        why = parsed.get("bozo_exception")
        detail = f" ({why})" if why else ""
        raise errors.FeedError(f"not an RSS or Atom feed{detail}")
    if parsed.get("bozo") and not parsed.entries:
        # feedparser reads past small faults (a bad character, an undeclared entity); a broken
        # document that yields no entry at all is reported rather than taken for an empty feed.
        raise errors.FeedError(f"malformed feed: {parsed.get('bozo_exception')}")
    entries: dict[str, Entry] = {}
    for raw in parsed.entries:
        entry = _entry(raw)
        if entry is not None:
            entries.setdefault(entry.key, entry)  # a repeated guid: the first (newest) wins
    title = parsed.feed.get("title") or None
    return Feed(title=title, entries=list(entries.values()))


def _entry(raw: Mapping[str, Any]) -> Entry | None:
    link = raw.get("link") or None
    title = (raw.get("title") or "").strip() or None
    key = (raw.get("id") or "").strip() or link or title
    if not key:
        return None  # nothing to tell it from the next one, nor anything to read
    content, kind = _content(raw)
    summary = raw.get("summary") or None
    if content is None and summary is not None:
        detail = raw.get("summary_detail") or {}
        kind = "html" if detail.get("type", "text/html") in HTML_TYPES else "text"
    return Entry(
        key=key,
        link=link,
        title=title,
        author=(raw.get("author") or "").strip() or None,
        content=content,
        content_kind=kind,
        summary=summary,
        published=_when(raw.get("published_parsed") or raw.get("updated_parsed")),
        updated=raw.get("updated") or raw.get("published") or None,
    )


def _content(raw: Mapping[str, Any]) -> tuple[str | None, str]:
    """content:encoded or Atom <content>, the richest form first."""
    best: tuple[str | None, str] = (None, "html")
    for part in raw.get("content") or ():
        value = (part.get("value") or "").strip()
        if not value:
            continue
        kind = "html" if part.get("type", "text/html") in HTML_TYPES else "text"
        if kind == "html":
            return value, kind
        best = best if best[0] else (value, kind)
    return best


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def changes(entries: Sequence[Entry], known: Mapping[str, str]) -> list[tuple[Entry, bool]]:
    """(entry, is_new) for each entry not seen before or whose fingerprint differs from the
    one recorded for its key hash in `known`."""
    out = []
    for entry in entries:
        seen = known.get(entry.key_hash)
        if seen != entry.fingerprint:
            out.append((entry, seen is None))
    return out
