"""A publisher's pronunciation lexicon as the service keeps and applies it.

    owner = lexicons.owner_of(api_key)                  # whose lexicon: "" without API keys
    version, _ = lexicons.save(db, settings, Place(owner), lexicon)  # in force at once
    lexicon = lexicons.in_force(db, owner, source_id)   # what a new narration is read with
    used = lexicons.used_by(lexicon, article_row)       # ... and what it uses of it
    lexicon = lexicons.for_article(db, article_id, owner)   # another rendition of an article

Every narration created after a save is read with the version then in force. What a narration
depends on is only the entries that change its article (text.script.lexicon_used): their
digest joins its cache key, so a re-submission after an edit of the lexicon that touches the
article is a new narration, and one that does not touch it finds the old one. The new
narration's chunks are keyed by the sentences as spoken (repo.chunk_cache_key), so only the
paragraphs whose words changed are rendered again. Workers read the entries by the version id
the narration keeps (render.start_narration), never through the API.

A source (a feed) may have entries of its own, kept under its owner with the scope
repo.source_scope(id). Its entries are read with the owner's lexicon overlaid by the source's
(text.lexicon.overlay: the source's line wins). A narration keeps one version id, so the two
merged are saved as a version too (repo.resolved_scope(id)), once per distinct pair: saving the
same text again adds no version.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Protocol

from narrator import errors
from narrator.config import Settings
from narrator.store import repo
from narrator.store.models import ArticleRecord, LexiconVersion
from narrator.store.repo import sources as source_repo
from narrator.store.repo.lexicons import (
    ALL,
    check_version,
    resolved_scope,
    source_of,
    source_scope,
)
from narrator.text import extract
from narrator.text.article import Article
from narrator.text.lexicon import Lexicon, overlay
from narrator.text.script import lexicon_used

# Whose lexicon: repo.owner_of (a digest of the API key; NO_OWNER without keys: one lexicon).
NO_OWNER = repo.NO_OWNER
owner_of = repo.owner_of


class Database(Protocol):
    def session(self, *, readonly: bool = False) -> Any: ...


def check_size(lexicon: Lexicon, settings: Settings) -> Lexicon:
    if len(lexicon) > settings.lexicon_max_entries:
        raise errors.InputTooLarge(
            f"the lexicon has {len(lexicon)} entries; the limit is "
            f"{settings.lexicon_max_entries} (NARRATOR_LEXICON_MAX_ENTRIES)"
        )
    return lexicon


@dataclass(frozen=True)
class Place:
    """Where a lexicon is kept: whose it is, and what it applies to (repo.lexicons scopes)."""

    owner: str
    scope: str = ALL


def of_source(db: Database, source_id: str) -> Place:
    """A source's own lexicon: its owner's, whoever changes it (NotFound: no such source)."""
    with db.session(readonly=True) as s:
        source = source_repo.load_source(s, source_id)
        return Place(source.owner or NO_OWNER, source_scope(source_id))


def save(
    db: Database,
    settings: Settings,
    place: Place,
    lexicon: Lexicon,
    text: str | None = None,
    *,
    expected: Collection[int] | None = None,
) -> tuple[LexiconVersion, bool]:
    """`lexicon` in force at `place` from now on, and whether that is a new version; `text` is
    its file form as sent (comments kept), by default lexicon.to_text(). Saving the same text
    again adds no version. `expected`: the version the change was made on (If-Match), else
    PreconditionFailed."""
    check_size(lexicon, settings)
    with db.session() as s:
        row, created = repo.save_lexicon(
            s,
            place.owner,
            lexicon.to_text() if text is None else text,
            entries=len(lexicon),
            digest=lexicon.digest(),
            scope=place.scope,
            expected=expected,
        )
        s.expunge(row)
    return row, created


def clear(
    db: Database, place: Place, *, expected: Collection[int] | None = None
) -> tuple[LexiconVersion | None, bool]:
    """No entries at `place` from now on: an empty version (the older ones stay, for the
    narrations read with them); (None, False) when none was ever saved."""
    with db.session(readonly=True) as s:
        if repo.current_lexicon(s, place.owner, place.scope) is None:
            check_version(None, expected)
            return None, False
    with db.session() as s:
        row, created = repo.save_lexicon(
            s, place.owner, "", entries=0, digest="", scope=place.scope, expected=expected
        )
        s.expunge(row)
    return row, created


def current(db: Database, place: Place) -> LexiconVersion | None:
    with db.session(readonly=True) as s:
        row = repo.current_lexicon(s, place.owner, place.scope)
        if row is not None:
            s.expunge(row)
    return row


@dataclass(frozen=True)
class Used:
    """The lexicon a narration is read with: the version's id, and the used entries' digest."""

    lexicon_id: str | None = None
    digest: str = ""


NONE = Used()


@dataclass(frozen=True)
class InForce:
    """An owner's lexicon version as saved: its id and its file form."""

    id: str
    text: str


def in_force(db: Database, owner: str, source_id: str | None = None) -> InForce | None:
    """The lexicon a new narration of `owner` (of an entry of `source_id`) is read with, or
    None when it has no entries."""
    base = current(db, Place(owner))
    top = current(db, Place(owner, source_scope(source_id))) if source_id else None
    if top is None or not top.entries:
        return InForce(base.id, base.text) if base is not None and base.entries else None
    if base is None or not base.entries or source_id is None:
        return InForce(top.id, top.text)
    text = overlay(base.text, top.text)
    merged = Lexicon.parse(text, name=f"lexicons {base.id} and {top.id}")
    with db.session() as s:
        row, _ = repo.save_lexicon(
            s,
            owner,
            text,
            entries=len(merged),
            digest=merged.digest(),
            scope=resolved_scope(source_id),
        )
        return InForce(row.id, row.text)


# Versions never change, nor do articles: what a version uses of an article is computed once
# per API process. A repeat submission then costs a dict lookup, not the article's extraction
# (about 0.5 s for a 1,300-word HTML page here).
_USED_CACHE = 4096
_used: OrderedDict[tuple[str, str], str] = OrderedDict()
_used_lock = threading.Lock()


@functools.lru_cache(maxsize=16)
def _parsed(lexicon_id: str, text: str) -> Lexicon:
    return Lexicon.parse(text, name=f"lexicon {lexicon_id}")


def used_by(lexicon: InForce | None, article: ArticleRecord, parsed: Article | None = None) -> Used:
    """What a narration of `article` depends on: NONE when no entry changes how it is read.
    `parsed`: the article as just extracted from this row's source (saves extracting it)."""
    if lexicon is None:
        return NONE
    key = (lexicon.id, article.id)
    with _used_lock:
        digest = _used.get(key)
        if digest is not None:
            _used.move_to_end(key)
    if digest is None:
        if parsed is None:
            parsed = extract.read_article(
                article.source.encode("utf-8"), kind=str(article.source_kind)
            )
        # Read as the worker reads it (reading.article_of), so the match is on the same text.
        parsed = parsed.with_overrides(title=article.title, author=article.author)
        digest = lexicon_used(parsed, _parsed(lexicon.id, lexicon.text)).digest()
        with _used_lock:
            _used[key] = digest
            while len(_used) > _USED_CACHE:
                _used.popitem(last=False)
    return Used(lexicon.id, digest) if digest else NONE


def for_article(db: Database, article_id: str, owner: str | None) -> InForce | None:
    """The lexicon another rendition of a stored article is read with: `owner`'s, or, for a
    keyless listener (None), that of the article's newest narration read with one (its
    publisher's). Over the entries of the source whose entry it was, when that narration was
    read with them (by the same owner): another speed of a feed's entry sounds the same."""
    read_by: tuple[str, str | None] | None = None
    with db.session(readonly=True) as s:
        for narration in reversed(repo.list_narrations(s, article_id)):
            row = repo.get_lexicon(s, narration.lexicon_id) if narration.lexicon_id else None
            if row is not None:
                read_by = (row.owner, source_of(row.scope))
                break
    if owner is None:
        return in_force(db, *read_by) if read_by is not None else None
    source_id = read_by[1] if read_by is not None and read_by[0] == owner else None
    return in_force(db, owner, source_id)
