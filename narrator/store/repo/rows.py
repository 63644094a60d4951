"""The write patterns every resource module shares (insert-or-get under a unique key, one
UPDATE ... RETURNING per narration state change) and keyset paging's "older than"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from narrator import errors
from narrator.store.models import Narration, utcnow

T = TypeVar("T")


def insert_or_get(session: Session, row: T, find: Callable[[], T | None]) -> tuple[T, bool]:
    """Insert `row`, or return the row a concurrent transaction inserted first (unique key)."""
    existing = find()
    if existing is not None:
        return existing, False
    try:
        with session.begin_nested():  # a SAVEPOINT: losing the race keeps the outer transaction
            session.add(row)
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing, False
    return row, True


def update_narration(
    session: Session, narration_id: str, *where: Any, **values: Any
) -> Narration | None:
    """UPDATE ... RETURNING the narration; None when no row matched (missing, or `where` false)."""
    stmt = (
        update(Narration)
        .where(Narration.id == narration_id, *where)
        .values(updated_at=utcnow(), **values)
        .returning(Narration)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    return session.scalars(stmt).one_or_none()


def narration_exists(session: Session, narration_id: str) -> bool:
    return session.scalar(select(Narration.id).where(Narration.id == narration_id)) is not None


def narration_not_found(narration_id: str) -> errors.NotFound:
    return errors.NotFound(f"narration {narration_id!r} not found")


def older_than(after: tuple[datetime, str]) -> ColumnElement[bool]:
    """Narrations listed after (created_at, id), newest first: keyset paging's next page."""
    return older_than_row(Narration, after)


def older_than_row(model: Any, after: tuple[datetime, str]) -> ColumnElement[bool]:
    """Rows of `model` (created_at, id) listed after `after`, newest first."""
    created_at, row_id = after
    return or_(
        model.created_at < created_at,
        and_(model.created_at == created_at, model.id < row_id),
    )
