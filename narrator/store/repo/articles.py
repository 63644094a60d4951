"""Articles: the text as submitted, stored once per content hash."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from narrator import errors
from narrator.store.models import ArticleRecord, SourceKind
from narrator.store.repo.keys import content_hash
from narrator.store.repo.narrations import list_narrations
from narrator.store.repo.rows import insert_or_get


def get_article(session: Session, article_id: str) -> ArticleRecord | None:
    return session.get(ArticleRecord, article_id)


def load_article(session: Session, article_id: str) -> ArticleRecord:
    article = session.get(ArticleRecord, article_id)
    if article is None:
        raise errors.NotFound(f"article {article_id!r} not found")
    return article


def find_article_by_hash(session: Session, article_hash: str) -> ArticleRecord | None:
    return session.scalars(
        select(ArticleRecord).where(ArticleRecord.content_hash == article_hash)
    ).first()


def create_article(
    session: Session,
    *,
    source: str,
    source_kind: SourceKind | str,
    title: str | None = None,
    author: str | None = None,
    language: str = "en",
    words: int = 0,
    sentences: int = 0,
    source_url: str | None = None,
    collection: str | None = None,
    external_id: str | None = None,
    article_hash: str | None = None,
    extracted: str | None = None,
) -> tuple[ArticleRecord, bool]:
    """The article for this text: (existing, False) if already stored, else (new, True).

    `article_hash` defaults to content_hash(source, title=, author=).
    """
    article_hash = article_hash or content_hash(source, title=title, author=author)
    row = ArticleRecord(
        content_hash=article_hash,
        source=source,
        source_kind=SourceKind(source_kind),
        title=title,
        author=author,
        language=language,
        words=words,
        sentences=sentences,
        source_url=source_url,
        collection=collection,
        external_id=external_id,
        extracted=extracted,
    )
    return insert_or_get(session, row, lambda: find_article_by_hash(session, article_hash))


def delete_article(session: Session, article_id: str) -> list[str]:
    """Delete an article and its narrations; returns the storage keys the caller should delete."""
    article = load_article(session, article_id)
    keys = [key for n in list_narrations(session, article_id) for key in n.storage_keys]
    session.delete(article)
    session.flush()
    return keys
