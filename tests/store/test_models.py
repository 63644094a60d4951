"""narrator.store.models: ids and datetimes as they come back from SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from narrator.store.db import Database
from narrator.store.models import Narration
from tests.helpers.records import make_article, make_narration


def test_ids_are_prefixed_and_url_safe(db: Database) -> None:
    article = make_article(db)
    narration = make_narration(db, article)
    assert article.id.startswith("art_") and len(article.id) == 20
    assert narration.id.startswith("nar_") and len(narration.id) == 20
    assert narration.id[4:].isalnum() and narration.id == narration.id.lower()


def test_datetimes_come_back_aware_utc(db: Database) -> None:
    narration = make_narration(db, make_article(db))
    with db.session() as s:
        loaded = s.scalars(
            select(Narration)
            .where(Narration.id == narration.id)
            .execution_options(populate_existing=True)
        ).one()
        assert loaded.created_at.utcoffset() == timedelta(0)
        assert abs(loaded.created_at - datetime.now(UTC)) < timedelta(minutes=5)
