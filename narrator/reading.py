"""What a worker reads a narration with: its article, its lexicon version, its plans.

The article is read from its stored source as the API read it when it was submitted; the
lexicon by the version id the narration keeps; an earlier version's plan by its narration id.
"""

from __future__ import annotations

from typing import NamedTuple

from narrator import chunks, errors, pipeline
from narrator.context import Context
from narrator.store import layout, repo
from narrator.store.models import Narration
from narrator.text.article import Article, Script
from narrator.text.lexicon import Lexicon


def article_of(ctx: Context, narration: Narration) -> Article:
    with ctx.session() as s:
        row = repo.get_article(s, narration.article_id)
        if row is None:
            raise errors.InputError("the article of this narration no longer exists")
        source, kind, title, author = row.source, row.source_kind, row.title, row.author
        extracted = row.extracted
    if extracted is not None:
        return Article.unpack(extracted).with_overrides(title=title, author=author)
    return pipeline.read(source.encode("utf-8"), kind=str(kind), title=title, author=author)


def lexicon_of(ctx: Context, narration: Narration) -> Lexicon | None:
    """The lexicon version the narration was created with (its cache key holds the digest of
    the entries it uses), read by id: a later save does not change a narration under way."""
    if not narration.lexicon_id:
        return None
    with ctx.session() as s:
        row = repo.get_lexicon(s, narration.lexicon_id)
        if row is None:
            raise errors.InputError(f"the lexicon {narration.lexicon_id} no longer exists")
        text = row.text
    return Lexicon.parse(text, name=f"lexicon {narration.lexicon_id}")


def load_plan(ctx: Context, narration_id: str) -> tuple[Script, pipeline.Plan]:
    data = ctx.storage.get_bytes(layout.narration_key(narration_id, layout.PLAN))
    return chunks.unpack_plan(data)


def earlier_plan(ctx: Context, narration: Narration) -> pipeline.Plan | None:
    """The plan of the narration of this article's earlier version, if it is still stored:
    pipeline.plan keeps its pace when close (deleted with its narration: nothing to keep)."""
    if not narration.earlier_id:
        return None
    try:
        return load_plan(ctx, narration.earlier_id)[1]
    except errors.NotFound:
        return None


class Read(NamedTuple):
    """What a narration is said from: its article, lexicon and earlier version's plan."""

    article: Article
    lexicon: Lexicon | None
    earlier: pipeline.Plan | None


def read(ctx: Context, narration: Narration) -> Read:
    """All three, as a narration's first task reads them once for its head and its whole."""
    return Read(
        article_of(ctx, narration),
        lexicon_of(ctx, narration),
        earlier_plan(ctx, narration),
    )
