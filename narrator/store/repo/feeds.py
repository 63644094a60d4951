"""The ready narrations a podcast feed lists, filtered, newest first, a page at a time.

A filter is a small dataclass whose fields each add one WHERE clause, so a new one (a batch,
a source) is a field and a clause, and the route only passes it along.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from narrator.store.models import (
    ArticleRecord,
    BatchItem,
    ItemState,
    Narration,
    Status,
)
from narrator.store.repo.rows import older_than
from narrator.store.repo.sources import is_source_id
from narrator.store.source_models import SourceEntry


@dataclass(frozen=True)
class FeedFilter:
    """Which narrations a feed lists; None: any."""

    # A source id (src_...): the current narrations of that feed's entries. Else the host of
    # the article's source URL ("example.com"), feed entries' links included.
    source: str | None = None
    author: str | None = None  # the article's author, case-insensitive
    batch: str | None = None  # a batch id: its items' narrations

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = [Narration.status == Status.READY]
        if self.source and is_source_id(self.source):
            entries = select(SourceEntry.narration_id).where(
                SourceEntry.source_id == self.source, SourceEntry.narration_id.is_not(None)
            )
            out.append(Narration.id.in_(entries))
        elif self.source:
            host = self.source.lower().removeprefix("www.")
            out.append(
                or_(
                    *(
                        func.lower(ArticleRecord.source_url).like(f"{scheme}://{www}{host}{end}")
                        for scheme in ("http", "https")
                        for www in ("", "www.")
                        for end in ("", "/%", ":%", "?%")
                    )
                )
            )
        if self.author:
            out.append(func.lower(ArticleRecord.author) == self.author.lower())
        if self.batch:
            items = select(BatchItem.narration_id).where(
                BatchItem.batch_id == self.batch,
                BatchItem.state == ItemState.LINKED,
                BatchItem.narration_id.is_not(None),
            )
            out.append(Narration.id.in_(items))
        return out

    def query_items(self) -> list[tuple[str, str]]:
        """The filter as query parameters, for the feed's own links."""
        return [(f.name, str(v)) for f in fields(self) if (v := getattr(self, f.name))]


def feed_page(
    session: Session, filt: FeedFilter, limit: int, after: tuple[datetime, str] | None = None
) -> list[tuple[Narration, ArticleRecord]]:
    """Up to `limit` ready narrations with their articles, newest first; `after` is the
    (created_at, id) of the last one of the previous page (keyset paging)."""
    stmt = (
        select(Narration, ArticleRecord)
        .join(ArticleRecord, Narration.article_id == ArticleRecord.id)
        .where(*filt.clauses())
        .order_by(Narration.created_at.desc(), Narration.id.desc())
        .limit(limit)
    )
    if after is not None:
        stmt = stmt.where(older_than(after))
    return [(n, a) for n, a in session.execute(stmt)]


def feed_changed_at(session: Session, filt: FeedFilter) -> datetime | None:
    """When the feed last changed: the latest finish among the narrations it lists."""
    stmt = (
        select(func.max(Narration.finished_at))
        .join(ArticleRecord, Narration.article_id == ArticleRecord.id)
        .where(*filt.clauses())
    )
    return session.scalar(stmt)
