"""Narrations as a service: submit an article, get (or reuse) a narration, delete.

    services = Services(db, settings, voices=catalog, send_task=send)
    narration, created = service.create_narration(services, Submission(data=text))

The HTTP routes call these functions; so can any other front end. They own the transactions
(so a task is only sent after its narration is committed) and never import worker or engine
code: work is handed over by task name (narrator.contract) through the injected
`send_task(name, args, queue)`.

Idempotency: an article is identified by repo.content_hash(source, title, author), a
narration by repo.narration_cache_key(article hash, voice, speed, format, engine, version,
digest of the lexicon entries that change its reading: narrator.lexicons). A repeat
submission hashes the raw source and finds both rows without extracting anything, unless its
owner has a lexicon: then the article is read to see which entries it uses.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from narrator import contract, errors, lexicons, schedule
from narrator.config import Settings
from narrator.contract import SendTask
from narrator.options import check_format, check_speed
from narrator.store import ledger, repo
from narrator.store.models import ArticleRecord, Narration, Status
from narrator.text import extract
from narrator.text.article import Article

log = logging.getLogger(__name__)


class Database(Protocol):
    def session(self, *, readonly: bool = False) -> Any: ...


class Storage(Protocol):
    def delete(self, key: str) -> None: ...

    def delete_prefix(self, prefix: str) -> int: ...


class Voices(Protocol):
    def resolve(self, voice_id: str) -> Any: ...


@dataclass(frozen=True)
class Services:
    """What submitting work needs, built once at start-up and passed in."""

    db: Database
    settings: Settings
    voices: Voices
    send_task: SendTask


@dataclass(frozen=True)
class RenderRequest:
    """How a user asked to hear an article, unchecked; None: the server's default."""

    voice: str | None = None
    speed: float | None = None
    format: str | None = None
    queue: str | None = None


@dataclass(frozen=True)
class Submission:
    """An article as submitted: pasted text or uploaded bytes, and how to read it.

    `kind` (text, html, markdown) and `filename` help detect the format when given;
    `title` and `author` replace what extraction finds.
    """

    data: str | bytes
    render: RenderRequest = field(default_factory=RenderRequest)
    kind: str | None = None
    filename: str | None = None
    title: str | None = None
    author: str | None = None
    owner: str = lexicons.NO_OWNER  # whose lexicon it is read with (lexicons.owner_of)
    source_id: str | None = None  # a feed's entry: the source's lexicon overlays the owner's
    # The narration of this article's earlier version (an edited feed entry): a new narration
    # keeps its engine pace when close, so only the changed paragraphs are synthesized.
    earlier: str | None = None


@dataclass(frozen=True)
class RenderSettings:
    """Checked, resolved options: what the cache key is made of."""

    voice: str
    engine: str
    engine_version: str
    speed: float
    format: str
    queue: str

    def identity(self) -> dict[str, Any]:
        """What tells two narrations of an article apart (repo's cache key), by repo's names."""
        return {
            "voice": self.voice,
            "speed": self.speed,
            "fmt": self.format,
            "engine": self.engine,
            "engine_version": self.engine_version,
        }


def render_settings(settings: Settings, voices: Voices, request: RenderRequest) -> RenderSettings:
    fmt = check_format(request.format or settings.default_format)
    value = check_speed(1.0 if request.speed is None else request.speed)
    queue = contract.check_queue(request.queue)
    v = voices.resolve(request.voice or settings.default_voice)
    return RenderSettings(
        voice=v.id,
        engine=v.engine,
        engine_version=v.engine_version,
        speed=value,
        format=fmt,
        queue=queue,
    )


def decode_source(data: str | bytes, settings: Settings) -> str:
    """The submitted text, size-checked; bytes are decoded (BinaryInput when they are not text)."""
    if isinstance(data, bytes):
        if len(data) > settings.max_upload_bytes:
            raise errors.InputTooLarge(
                f"upload is {len(data)} bytes; the limit is {settings.max_upload_bytes} bytes"
            )
        data = extract.decode(data)
    else:  # sent as text (JSON): a stray control character is junk to drop, not binary
        data = extract.without_controls(data)
    if len(data) > settings.max_text_chars:
        raise errors.InputTooLarge(
            f"article is {len(data)} characters; the limit is {settings.max_text_chars}: "
            "split it into parts"
        )
    if not data.strip():
        raise errors.EmptyArticle("the article is empty: send some text to narrate")
    return data


def parse_article(submission: Submission, source: str) -> tuple[Article, str]:
    """Extract the article (EmptyArticle when nothing readable is left) and its kind."""
    kind = submission.kind or extract.detect_kind(source, submission.filename)
    article = extract.read_article(
        source.encode("utf-8"), filename=submission.filename, kind=kind
    ).with_overrides(title=submission.title, author=submission.author)
    return article, kind


def _clip(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value


def create_narration(services: Services, submission: Submission) -> tuple[Narration, bool]:
    """The narration of this article read this way: (existing, False) or (new, True).

    A new narration is committed, then sent to the workers. An existing failed one is re-queued
    (submitting again is how a user retries).
    """
    db, settings = services.db, services.settings
    opts = render_settings(settings, services.voices, submission.render)
    source = decode_source(submission.data, settings)
    article_hash = repo.content_hash(source, title=submission.title, author=submission.author)
    lexicon = lexicons.in_force(db, submission.owner, submission.source_id)
    # Read-only lookups: a repeat asks for no write lock (workers hold it often under load).
    with db.session(readonly=True) as s:
        article = repo.find_article_by_hash(s, article_hash)
    if article is not None:
        used = lexicons.used_by(lexicon, article)
        with db.session(readonly=True) as s:
            existing = repo.find_narration_by_cache_key(s, _cache_key(article_hash, opts, used))
            if existing is not None and existing.status != Status.FAILED:
                return existing, False
    else:
        parsed, kind = parse_article(submission, source)
        with db.session() as s:
            article, _ = repo.create_article(
                s,
                source=source,
                source_kind=kind,
                title=_clip(parsed.title, 1000),
                author=_clip(parsed.author, 500),
                language=(parsed.language or "en")[:16],
                words=parsed.words,
                article_hash=article_hash,
                extracted=parsed.pack(),
            )
        used = lexicons.used_by(lexicon, article, parsed)
    return _narrate(services, article, opts, used, earlier=submission.earlier)


def narrate_article(
    services: Services, article_id: str, request: RenderRequest, owner: str | None
) -> tuple[Narration, bool]:
    """Another voice/speed/format of a stored article: rendered once, then reused. Read with
    `owner`'s lexicon; None (a keyless listener): its publisher's (lexicons.for_article).
    """
    opts = render_settings(services.settings, services.voices, request)
    with services.db.session(readonly=True) as s:
        article = repo.load_article(s, article_id)
    lexicon = lexicons.for_article(services.db, article_id, owner)
    return _narrate(services, article, opts, lexicons.used_by(lexicon, article))


def _cache_key(article_hash: str, opts: RenderSettings, used: lexicons.Used) -> str:
    return repo.narration_cache_key(article_hash, lexicon=used.digest, **opts.identity())


def _narrate(
    services: Services,
    article: ArticleRecord,
    opts: RenderSettings,
    used: lexicons.Used,
    earlier: str | None = None,
) -> tuple[Narration, bool]:
    with services.db.session() as s:
        narration, created = repo.create_narration(
            s,
            article,
            queue=opts.queue,
            lexicon=used.digest,
            lexicon_id=used.lexicon_id,
            earlier_id=earlier,
            **opts.identity(),
        )
        retry = not created and narration.status == Status.FAILED
        if retry:
            repo.requeue(s, narration.id)
            narration = repo.load_narration(s, narration.id)
    if created or retry:
        # After the commit: a worker that picks the task up at once finds the row.
        _send(services, narration)
    return narration, created


def _send(services: Services, narration: Narration) -> None:
    route = schedule.start(contract.queue_or_default(narration.queue))
    with services.db.session() as s:
        # Recorded first: the reaper knows the task exists (and waits for it) from now on.
        task = ledger.record_sent(
            s, narration.id, contract.NARRATE, [narration.id], route.queue, route.priority
        )
    try:
        task.send(services.send_task)
    except Exception as e:
        # The row stays queued; the workers' reaper re-sends it once it is stale.
        log.error("could not enqueue %s: %s", narration.id, e)
        raise errors.ServiceError(
            "the narration was saved but the work queue is unreachable; "
            "it will be retried automatically"
        ) from e


def get_narration(db: Database, narration_id: str) -> Narration:
    with db.session(readonly=True) as s:
        return repo.load_narration(s, narration_id)


def recent_narrations(
    db: Database, limit: int, after: tuple[datetime, str] | None = None
) -> list[tuple[Narration, str | None]]:
    """Narrations newest first, with their articles' titles; `after` as in repo."""
    with db.session(readonly=True) as s:
        return repo.recent_narrations(s, limit, after)


def get_article(db: Database, article_id: str) -> tuple[ArticleRecord, list[Narration]]:
    with db.session(readonly=True) as s:
        article = repo.load_article(s, article_id)
        return article, repo.list_narrations(s, article_id)


def files_prefix(narration_id: str) -> str:
    return f"narrations/{narration_id}/"


def _delete_files(storage: Storage, narration_ids: list[str], keys: list[str]) -> None:
    for key in keys:
        with contextlib.suppress(errors.NotFound):
            storage.delete(key)
    for narration_id in narration_ids:
        storage.delete_prefix(files_prefix(narration_id))


def delete_narration(db: Database, storage: Storage, narration_id: str) -> None:
    with db.session() as s:
        keys = repo.delete_narration(s, narration_id)
    _delete_files(storage, [narration_id], keys)


def delete_article(db: Database, storage: Storage, article_id: str) -> None:
    with db.session() as s:
        ids = [n.id for n in repo.list_narrations(s, article_id)]
        keys = repo.delete_article(s, article_id)
    _delete_files(storage, ids, keys)
