"""narrator.store.repo.articles on SQLite and on PostgreSQL (`db` runs each test on both)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select

from narrator import errors
from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import ArticleRecord, Narration
from tests.helpers.records import SOURCE, make_article, make_narration


def test_create_article_stores_source_and_is_idempotent(db: Database) -> None:
    with db.session() as s:
        article, created = repo.create_article(
            s,
            source=SOURCE,
            source_kind="text",
            title="Harbor",
            author="Ann",
            words=12,
            sentences=2,
            collection="daily",
            external_id="ext-1",
        )
        assert created
    with db.session() as s:
        again, created = repo.create_article(
            s, source=SOURCE + "\n\n", source_kind="text", title="Harbor", author="Ann"
        )
        assert not created
        assert again.id == article.id
        loaded = repo.load_article(s, article.id)
        assert loaded.source == SOURCE
        assert (loaded.words, loaded.sentences, loaded.collection) == (12, 2, "daily")
        assert loaded.created_at.tzinfo is not None
        assert repo.find_article_by_hash(s, article.content_hash) is loaded
        assert s.scalar(select(func.count()).select_from(ArticleRecord)) == 1


def test_missing_article(db: Database) -> None:
    with db.session() as s:
        assert repo.get_article(s, "art_missing") is None
        with pytest.raises(errors.NotFound, match="art_missing"):
            repo.load_article(s, "art_missing")


def test_unknown_source_kind_is_rejected(db: Database) -> None:
    with db.session() as s, pytest.raises(ValueError):
        repo.create_article(s, source="x", source_kind="pdf")


def test_delete_article_cascades_and_returns_storage_keys(db: Database) -> None:
    article = make_article(db)
    first = make_narration(db, article)
    make_narration(db, article, speed=1.5)
    with db.session() as s:
        repo.mark_ready(s, first.id, audio_key="a.mp3", timings_key="t.json", captions_key="c.vtt")
    with db.session() as s:
        keys = repo.delete_article(s, article.id)
    assert sorted(keys) == ["a.mp3", "c.vtt", "t.json"]
    with db.session() as s:
        assert repo.get_article(s, article.id) is None
        assert s.scalar(select(func.count()).select_from(Narration)) == 0
        with pytest.raises(errors.NotFound):
            repo.delete_article(s, article.id)


def test_database_cascades_article_delete(db: Database) -> None:
    """ON DELETE CASCADE holds in the database itself (SQLite needs foreign_keys=ON)."""
    article = make_article(db)
    make_narration(db, article)
    with db.session() as s:
        s.execute(delete(ArticleRecord).where(ArticleRecord.id == article.id))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Narration)) == 0
