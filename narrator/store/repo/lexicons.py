"""Publishers' pronunciation lexicons: append-only versions per (owner, scope)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from narrator import errors
from narrator.store.models import LexiconVersion, utcnow

# What a lexicon applies to: every narration of its owner ("all"); a source's entries only
# (source_scope), overlaid on the owner's; and the two merged, as a source's narrations are read
# (resolved_scope: saved by narrator.lexicons, never by a publisher).
ALL = "all"


def source_scope(source_id: str) -> str:
    return f"source:{source_id}"


def resolved_scope(source_id: str) -> str:
    return f"resolved:source:{source_id}"


def source_of(scope: str) -> str | None:
    """The source a scope belongs to (its own, or merged over its owner's), else None."""
    _, found, source_id = scope.partition("source:")
    return source_id or None if found else None


def current_lexicon(session: Session, owner: str, scope: str = ALL) -> LexiconVersion | None:
    """The version in force (the newest), or None when the owner never saved one."""
    stmt = (
        select(LexiconVersion)
        .where(LexiconVersion.owner == owner, LexiconVersion.scope == scope)
        .order_by(LexiconVersion.version.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def get_lexicon(session: Session, lexicon_id: str) -> LexiconVersion | None:
    return session.get(LexiconVersion, lexicon_id)


def check_version(current: LexiconVersion | None, expected: Collection[int] | None) -> None:
    """PreconditionFailed unless `current` is one of the `expected` versions (None: any)."""
    found = current.version if current is not None else 0
    if expected is None or found in expected:
        return
    named = " or ".join(str(v) for v in sorted(expected)) or "none of its versions"
    raise errors.PreconditionFailed(
        f"the lexicon is at version {found}, and If-Match names {named}: it changed since you "
        "read it; GET it again, make your change on that version and send it again"
    )


def save_lexicon(
    session: Session,
    owner: str,
    text: str,
    *,
    entries: int,
    digest: str,
    scope: str = ALL,
    expected: Collection[int] | None = None,
) -> tuple[LexiconVersion, bool]:
    """The next version holding `text`; (current, False) when it already holds these entries.

    Two concurrent saves cannot take one version number (unique key): the loser tries the
    next number, so both are kept, in the order they committed. `expected`: the versions the
    caller's change may be made on (0: none saved); PreconditionFailed when another is in
    force, checked on each try, so of two changes made on one version only the first is saved.
    """
    for _ in range(5):
        current = current_lexicon(session, owner, scope)
        check_version(current, expected)
        if current is not None and current.digest == digest and current.text == text:
            return current, False
        row = LexiconVersion(
            owner=owner,
            scope=scope,
            version=(current.version + 1) if current else 1,
            text=text,
            entries=entries,
            digest=digest,
            created_at=utcnow(),
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            continue
        return row, True
    raise RuntimeError(f"could not save the lexicon of {owner!r}: too many concurrent saves")
