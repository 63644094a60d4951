"""Publishers' pronunciation lexicons: append-only versions per (owner, scope)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from narrator.store.models import LexiconVersion, utcnow

# What a lexicon applies to: every narration of its owner. A source's own lexicon would be
# f"source:{source_id}", looked up before this one.
ALL = "all"


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


def save_lexicon(
    session: Session, owner: str, text: str, *, entries: int, digest: str, scope: str = ALL
) -> tuple[LexiconVersion, bool]:
    """The next version holding `text`; (current, False) when it already holds these entries.

    Two concurrent saves cannot take one version number (unique key): the loser tries the
    next number, so both are kept, in the order they committed.
    """
    for _ in range(5):
        current = current_lexicon(session, owner, scope)
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
