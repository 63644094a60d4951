"""Narrations as a service: submit an article, get (or reuse) a narration, delete.

The HTTP routes call these functions; so can any other front end. They own the transactions
(so a task is only sent after its narration is committed) and never import worker or engine
code: work is handed over by task name through the injected `send_task(name, args, queue)`.

Idempotency: an article is identified by repo.content_hash(source, title, author), a
narration by repo.narration_cache_key(article hash, voice, speed, format, engine, version).
A repeat submission hashes the raw source and finds both rows without extracting anything.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from narrator import errors
from narrator.config import Settings
from narrator.options import check_format, check_speed
from narrator.store import repo
from narrator.store.models import Article, Narration, Status
from narrator.text import extract
from narrator.text.article import Article as ParsedArticle

log = logging.getLogger(__name__)

NARRATE_TASK = "narrator.narrate"
QUEUES = ("interactive", "batch")

SendTask = Callable[[str, list[Any], str], None]


class Database(Protocol):
    def session(self, *, readonly: bool = False) -> Any: ...


class Storage(Protocol):
    def delete(self, key: str) -> None: ...

    def delete_prefix(self, prefix: str) -> int: ...


class Voices(Protocol):
    def resolve(self, voice_id: str) -> Any: ...


@dataclass(frozen=True)
class RenderSettings:
    """Checked, resolved options: what the cache key is made of."""

    voice: str
    engine: str
    engine_version: str
    speed: float
    format: str
    queue: str


def render_settings(
    settings: Settings,
    voices: Voices,
    *,
    voice: str | None,
    speed: object,
    format: str | None,
    queue: str | None,
) -> RenderSettings:
    fmt = check_format(format or settings.default_format)
    value = check_speed(1.0 if speed is None else speed)
    q = queue or "interactive"
    if q not in QUEUES:
        raise errors.InputError(f"queue must be one of {', '.join(QUEUES)}, got {q!r}")
    v = voices.resolve(voice or settings.default_voice)
    return RenderSettings(
        voice=v.id,
        engine=v.engine,
        engine_version=v.engine_version,
        speed=value,
        format=fmt,
        queue=q,
    )


def decode_source(data: str | bytes, settings: Settings) -> str:
    """The submitted text, size-checked; bytes are decoded (BinaryInput when they are not text)."""
    if isinstance(data, bytes):
        if len(data) > settings.max_upload_bytes:
            raise errors.InputTooLarge(
                f"upload is {len(data)} bytes; the limit is {settings.max_upload_bytes} bytes"
            )
        data = extract.decode(data)
    if len(data) > settings.max_text_chars:
        raise errors.InputTooLarge(
            f"article is {len(data)} characters; the limit is {settings.max_text_chars}: "
            "split it into parts"
        )
    if not data.strip():
        raise errors.EmptyArticle("the article is empty: send some text to narrate")
    return data


def parse_article(
    source: str,
    *,
    kind: str | None,
    filename: str | None,
    title: str | None,
    author: str | None,
) -> tuple[ParsedArticle, str]:
    """Extract the article (EmptyArticle when nothing readable is left) and its kind."""
    kind = kind or extract.detect_kind(source, filename)
    article = extract.read_article(source.encode("utf-8"), filename=filename, kind=kind)
    if title or author:
        article = ParsedArticle(
            paragraphs=article.paragraphs,
            title=title or article.title,
            author=author or article.author,
            language=article.language,
        )
    return article, kind


def _clip(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value


def create_narration(
    db: Database,
    settings: Settings,
    data: str | bytes,
    *,
    kind: str | None,
    title: str | None,
    author: str | None,
    voice: str | None,
    speed: object,
    format: str | None,
    queue: str | None,
    voices: Voices,
    send_task: SendTask,
    filename: str | None = None,
) -> tuple[Narration, bool]:
    """The narration of this article read this way: (existing, False) or (new, True).

    A new narration is committed, then sent to the workers. An existing failed one is re-queued
    (submitting again is how a user retries).
    """
    opts = render_settings(settings, voices, voice=voice, speed=speed, format=format, queue=queue)
    source = decode_source(data, settings)
    article_hash = repo.content_hash(source, title=title, author=author)
    with db.session() as s:
        article = repo.find_article_by_hash(s, article_hash)
        if article is not None:
            existing = repo.find_narration_by_cache_key(s, _cache_key(article_hash, opts))
            if existing is not None and existing.status != Status.FAILED:
                return existing, False
    if article is None:
        parsed, kind = parse_article(
            source, kind=kind, filename=filename, title=title, author=author
        )
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
            )
    return _narrate(db, article, opts, send_task)


def narrate_article(
    db: Database,
    settings: Settings,
    article_id: str,
    *,
    voice: str | None,
    speed: object,
    format: str | None,
    queue: str | None,
    voices: Voices,
    send_task: SendTask,
) -> tuple[Narration, bool]:
    """Another voice/speed/format of a stored article: rendered once, then reused."""
    opts = render_settings(settings, voices, voice=voice, speed=speed, format=format, queue=queue)
    with db.session(readonly=True) as s:
        article = repo.load_article(s, article_id)
    return _narrate(db, article, opts, send_task)


def _cache_key(article_hash: str, opts: RenderSettings) -> str:
    return repo.narration_cache_key(
        article_hash,
        voice=opts.voice,
        speed=opts.speed,
        fmt=opts.format,
        engine=opts.engine,
        engine_version=opts.engine_version,
    )


def _narrate(
    db: Database, article: Article, opts: RenderSettings, send_task: SendTask
) -> tuple[Narration, bool]:
    with db.session() as s:
        narration, created = repo.create_narration(
            s,
            article,
            voice=opts.voice,
            speed=opts.speed,
            fmt=opts.format,
            engine=opts.engine,
            engine_version=opts.engine_version,
            queue=opts.queue,
        )
        retry = not created and narration.status == Status.FAILED
        if retry:
            repo.requeue(s, narration.id)
            narration = repo.load_narration(s, narration.id)
    if created or retry:
        # After the commit: a worker that picks the task up at once finds the row.
        _send(send_task, narration)
    return narration, created


def _send(send_task: SendTask, narration: Narration) -> None:
    queue = str(narration.queue.value if hasattr(narration.queue, "value") else narration.queue)
    try:
        send_task(NARRATE_TASK, [narration.id], queue)
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


def get_article(db: Database, article_id: str) -> tuple[Article, list[Narration]]:
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
