"""A publisher's pronunciation lexicon as the service keeps and applies it.

    owner = lexicons.owner_of(api_key)                  # whose lexicon: "" without API keys
    version = lexicons.save(db, settings, owner, lexicon) # a new version, in force at once
    used = lexicons.for_article(db, owner, article_row)  # what a new narration is read with

Every narration created after a save is read with the version then in force. What a narration
depends on is only the entries that change its article (text.script.lexicon_used): their
digest joins its cache key, so a re-submission after an edit of the lexicon that touches the
article is a new narration, and one that does not touch it finds the old one. The new
narration's chunks are keyed by the sentences as spoken (repo.chunk_cache_key), so only the
paragraphs whose words changed are rendered again. Workers read the entries by the version id
the narration keeps (render.start_narration), never through the API.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from narrator import errors
from narrator.config import Settings
from narrator.store import repo
from narrator.store.models import ArticleRecord, LexiconVersion
from narrator.text import extract
from narrator.text.lexicon import Lexicon
from narrator.text.script import lexicon_used

NO_OWNER = ""  # API keys off: one lexicon for the whole service


class Database(Protocol):
    def session(self, *, readonly: bool = False) -> Any: ...


def owner_of(api_key: str | None) -> str:
    """Whose lexicon a request reads and writes: a digest of its API key (never the key)."""
    if not api_key:
        return NO_OWNER
    return "key_" + hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:24]


def check_size(lexicon: Lexicon, settings: Settings) -> Lexicon:
    if len(lexicon) > settings.lexicon_max_entries:
        raise errors.InputTooLarge(
            f"the lexicon has {len(lexicon)} entries; the limit is "
            f"{settings.lexicon_max_entries} (NARRATOR_LEXICON_MAX_ENTRIES)"
        )
    return lexicon


def save(
    db: Database, settings: Settings, owner: str, lexicon: Lexicon, text: str | None = None
) -> LexiconVersion:
    """`lexicon` in force for `owner` from now on; `text` is its file form as sent (comments
    kept), by default lexicon.to_text(). Saving the same text again adds no version."""
    check_size(lexicon, settings)
    with db.session() as s:
        row, _ = repo.save_lexicon(
            s,
            owner,
            lexicon.to_text() if text is None else text,
            entries=len(lexicon),
            digest=lexicon.digest(),
        )
        s.expunge(row)
    return row


def current(db: Database, owner: str) -> LexiconVersion | None:
    with db.session(readonly=True) as s:
        row = repo.current_lexicon(s, owner)
        if row is not None:
            s.expunge(row)
    return row


@dataclass(frozen=True)
class Used:
    """The lexicon a narration is read with: the version's id, and the used entries' digest."""

    lexicon_id: str | None = None
    digest: str = ""


NONE = Used()


def in_force(db: Database, owner: str) -> tuple[str, Lexicon] | None:
    """(version id, entries) of the owner's lexicon, or None when it has no entries."""
    row = current(db, owner)
    if row is None or not row.entries:
        return None
    return row.id, Lexicon.parse(row.text, name=f"lexicon {row.id}")


def used_by(lexicon: tuple[str, Lexicon] | None, article: ArticleRecord) -> Used:
    """What a narration of `article` depends on: NONE when no entry changes how it is read."""
    if lexicon is None:
        return NONE
    lexicon_id, entries = lexicon
    # Read as the worker reads it (render._article_of), so the match is on the same text.
    parsed = extract.read_article(
        article.source.encode("utf-8"), kind=str(article.source_kind)
    ).with_overrides(title=article.title, author=article.author)
    digest = lexicon_used(parsed, entries).digest()
    return Used(lexicon_id, digest) if digest else NONE


def owner_of_article(db: Database, article_id: str) -> str | None:
    """Whose lexicon a keyless listener's new rendition of an article is read with: that of
    the article's newest narration read with one (the publisher's); None: nobody's."""
    with db.session(readonly=True) as s:
        for narration in reversed(repo.list_narrations(s, article_id)):
            if narration.lexicon_id:
                row = repo.get_lexicon(s, narration.lexicon_id)
                if row is not None:
                    return row.owner
    return None
