"""Feeds in: sources (polled feeds) and the entries seen in each.

Scheduling and polling are single conditional UPDATEs, so that however many workers look,
each due poll is sent once (`advance_poll`: compare-and-set on next_poll_at) and runs once at
a time (`claim_poll`: a lease on the source row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from narrator import errors
from narrator.store.models import Narration, Status, utcnow
from narrator.store.source_models import Source, SourceEntry

SOURCE_ID = re.compile(r"^src_[a-z0-9]{16}$")  # models.new_id("src_")


def is_source_id(value: str) -> bool:
    return bool(SOURCE_ID.match(value))


def create_source(session: Session, **fields: Any) -> Source:
    source = Source(**fields)
    session.add(source)
    session.flush()
    return source


def find_source(
    session: Session, *, url: str, voice: str, speed: float, format: str
) -> Source | None:
    stmt = select(Source).where(
        Source.url == url, Source.voice == voice, Source.speed == speed, Source.format == format
    )
    return session.scalars(stmt.limit(1)).first()


def get_source(session: Session, source_id: str) -> Source | None:
    return session.get(Source, source_id)


def load_source(session: Session, source_id: str) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise errors.NotFound(f"source {source_id!r} not found")
    return source


def list_sources(
    session: Session, limit: int, after: tuple[datetime, str] | None = None
) -> list[Source]:
    """Newest first; `after` is the (created_at, id) of the previous page's last source."""
    stmt = select(Source).order_by(Source.created_at.desc(), Source.id.desc()).limit(limit)
    if after is not None:
        created_at, source_id = after
        stmt = stmt.where(
            or_(
                Source.created_at < created_at,
                and_(Source.created_at == created_at, Source.id < source_id),
            )
        )
    return list(session.scalars(stmt))


def delete_source(session: Session, source_id: str) -> None:
    """The source and its entries; the narrations made from them stay."""
    load_source(session, source_id)
    session.execute(delete(SourceEntry).where(SourceEntry.source_id == source_id))
    session.execute(delete(Source).where(Source.id == source_id))


@dataclass(frozen=True)
class EntryCounts:
    entries: int = 0  # entries seen
    ready: int = 0  # their current narration is ready
    active: int = 0  # queued or processing
    failed: int = 0  # the narration failed, or the entry could not be read
    versions: int = 0  # contents narrated in all, edits included


def entry_counts(session: Session, source_ids: list[str]) -> dict[str, EntryCounts]:
    if not source_ids:
        return {}
    failed = or_(Narration.status == Status.FAILED, SourceEntry.error.is_not(None))

    def count(cond: Any) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    stmt = (
        select(
            SourceEntry.source_id,
            func.count(),
            count(and_(Narration.status == Status.READY, SourceEntry.error.is_(None))),
            count(and_(Narration.status.in_([Status.QUEUED, Status.PROCESSING]))),
            count(failed),
            func.coalesce(func.sum(SourceEntry.versions), 0),
        )
        .outerjoin(Narration, Narration.id == SourceEntry.narration_id)
        .where(SourceEntry.source_id.in_(source_ids))
        .group_by(SourceEntry.source_id)
    )
    out = {sid: EntryCounts() for sid in source_ids}
    for sid, total, ready, active, bad, versions in session.execute(stmt):
        out[sid] = EntryCounts(int(total), int(ready), int(active), int(bad), int(versions))
    return out


def due_sources(session: Session, now: datetime, limit: int = 100) -> list[tuple[str, datetime]]:
    """(id, next_poll_at) of the sources whose poll is due, most overdue first."""
    stmt = (
        select(Source.id, Source.next_poll_at)
        .where(Source.next_poll_at <= now)
        .order_by(Source.next_poll_at)
        .limit(limit)
    )
    return [(i, t) for i, t in session.execute(stmt)]


def advance_poll(
    session: Session, source_id: str, *, expected: datetime | None, to: datetime
) -> bool:
    """Move the next poll to `to`; with `expected`, only if nobody moved it first (the caller
    who moves it sends the poll)."""
    stmt = update(Source).where(Source.id == source_id)
    if expected is not None:
        stmt = stmt.where(Source.next_poll_at == expected)
    return bool(session.execute(stmt.values(next_poll_at=to)).rowcount)  # type: ignore[attr-defined]


def claim_poll(session: Session, source_id: str, holder: str, until: datetime) -> bool:
    """Take the source's poll lease unless a live poll holds it."""
    now = utcnow()
    stmt = (
        update(Source)
        .where(
            Source.id == source_id,
            or_(
                Source.poll_holder.is_(None), Source.poll_until < now, Source.poll_holder == holder
            ),
        )
        .values(poll_holder=holder, poll_until=until)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def release_poll(session: Session, source_id: str, holder: str) -> None:
    session.execute(
        update(Source)
        .where(Source.id == source_id, Source.poll_holder == holder)
        .values(poll_holder=None, poll_until=None)
    )


def record_poll(
    session: Session,
    source_id: str,
    *,
    error: str | None = None,
    not_modified: bool = False,
    validators: tuple[str | None, str | None] | None = None,
    title: str | None = None,
) -> None:
    """The outcome of a poll: an error (kept until a poll succeeds), or success with the
    answer's validators (ETag, Last-Modified) and the feed's title."""
    now = utcnow()
    values: dict[str, Any] = {"last_polled_at": now, "polls": Source.polls + 1}
    if error is not None:
        values.update(last_error=error[:2000], last_error_at=now)
    else:
        values.update(last_error=None, last_error_at=None)
    if not_modified:
        values["not_modified"] = Source.not_modified + 1
    if validators is not None:
        values["etag"], values["last_modified"] = validators
    if title:
        values["title"] = title[:1000]
    session.execute(update(Source).where(Source.id == source_id).values(**values))


def entries(session: Session, source_id: str) -> dict[str, SourceEntry]:
    """The source's entries by key hash."""
    stmt = select(SourceEntry).where(SourceEntry.source_id == source_id)
    return {e.key_hash: e for e in session.scalars(stmt)}


def has_retryable_entries(session: Session, source_id: str) -> bool:
    """Entries whose last reading failed for a reason that may pass (fingerprint cleared)."""
    stmt = select(SourceEntry.key_hash).where(
        SourceEntry.source_id == source_id, SourceEntry.fingerprint == ""
    )
    return session.scalars(stmt.limit(1)).first() is not None


# The fingerprint of an entry to be read again though the feed says nothing new: no entry has
# it (they are sha256 digests), and unlike "" (a reading that failed) it is no reason to ask
# for the whole feed again once the entry has left the feed.
REREAD = "reread"


def reread_entries(session: Session, source_id: str) -> None:
    """Forget what each entry and the feed looked like, so the next poll asks for the whole
    feed and takes every entry in it again."""
    session.execute(
        update(SourceEntry).where(SourceEntry.source_id == source_id).values(fingerprint=REREAD)
    )
    session.execute(
        update(Source).where(Source.id == source_id).values(etag=None, last_modified=None)
    )


def save_entry(
    session: Session,
    source_id: str,
    key_hash: str,
    *,
    narration_id: str | None,
    error: str | None,
    **fields: Any,
) -> SourceEntry:
    """Insert or update an entry; a new narration counts one more version."""
    entry = session.get(SourceEntry, (source_id, key_hash))
    now = utcnow()
    if entry is None:
        entry = SourceEntry(source_id=source_id, key_hash=key_hash, versions=0, first_seen_at=now)
        session.add(entry)
    if narration_id is not None and narration_id != entry.narration_id:
        entry.versions = (entry.versions or 0) + 1
        entry.narration_id = narration_id
    entry.error = error
    entry.updated_at = now
    for name, value in fields.items():
        setattr(entry, name, value)
    session.flush()
    return entry


def list_entries(
    session: Session, source_id: str, limit: int
) -> list[tuple[SourceEntry, Narration | None]]:
    """The source's entries, newest first, with their current narrations."""
    stmt = (
        select(SourceEntry, Narration)
        .outerjoin(Narration, Narration.id == SourceEntry.narration_id)
        .where(SourceEntry.source_id == source_id)
        .order_by(SourceEntry.first_seen_at.desc())
        .limit(limit)
    )
    return [(e, n) for e, n in session.execute(stmt)]
