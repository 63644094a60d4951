"""The feed records (narrator.sources), on the same Base as narrator.store.models (imported by
the store package, so their tables are in Base.metadata wherever the store is used).

    Source 1 ── * SourceEntry ── 0..1 Narration   a feed polled on a schedule; each entry seen,
                                                   and the narration of its current content
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from narrator.store.models import Base, new_id, utcnow


class Source(Base):
    """An RSS or Atom feed polled on a schedule; each entry is narrated with these options."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: new_id("src_"))
    url: Mapped[str] = mapped_column(String(2000))
    voice: Mapped[str] = mapped_column(String(200))
    speed: Mapped[float] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(200))
    interval_s: Mapped[int] = mapped_column(Integer)
    # Podcast channel overrides (config.FeedChannel fields) for this source's feed.
    channel: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    title: Mapped[str | None] = mapped_column(String(1000))  # the feed's own, from the last poll
    # Who created it (repo.owner_of): its entries are read with that owner's lexicon, overlaid
    # by the source's own (narrator.lexicons); None (made before owners were kept): keyless.
    owner: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who sends the next poll: a compare-and-set on next_poll_at (narrator.sources.schedule).
    next_poll_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The poll running now, under a lease, so a duplicate message never polls twice at once.
    poll_holder: Mapped[str | None] = mapped_column(String(64))
    poll_until: Mapped[datetime | None]
    last_polled_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    # The validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since.
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    polls: Mapped[int] = mapped_column(Integer, default=0)
    not_modified: Mapped[int] = mapped_column(Integer, default=0)  # polls answered 304


class SourceEntry(Base):
    """A feed entry seen, by its guid (or link), and the narration of its current content."""

    __tablename__ = "source_entries"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of `key`
    key: Mapped[str] = mapped_column(Text)  # guid / atom id, else the link
    link: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(1000))
    # What the feed says about the entry, hashed: unchanged means nothing to fetch or narrate.
    fingerprint: Mapped[str] = mapped_column(String(64))
    narration_id: Mapped[str | None] = mapped_column(
        ForeignKey("narrations.id", ondelete="SET NULL"), index=True
    )
    versions: Mapped[int] = mapped_column(Integer, default=0)  # contents narrated so far
    error: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
