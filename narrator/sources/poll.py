"""The worker's side of a source: fetch the feed, narrate each entry that is new or edited.

    poll(ctx, source_id)   # the task narrator.poll_source; safe to repeat, one at a time

One poll at a time per source (a lease on its row): a duplicate message finds it held and
returns. The feed is fetched with the validators of its last answer, so an unchanged feed
costs a 304. Each entry is narrated from its own content when the feed carries it, else from
its linked page (fetched within the same limits, extracted like any HTML upload), as an
ordinary narration on the batch queue through narrator.service: the same cache and
idempotency as POST /v1/narrations. An edited entry is a new article, narrated at its previous
narration's engine pace when close (Submission.earlier): its unchanged paragraphs are then
chunk-cache hits, so only the edited ones are synthesized again.

What goes wrong is recorded, never raised: an unreachable or malformed feed is the source's
last_error (the next poll tries again); an entry that cannot be read is the entry's error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError

from narrator import contract, errors, owners, service
from narrator.context import Context
from narrator.lexicons import NO_OWNER
from narrator.service import RenderRequest, Services, Submission
from narrator.sources import fetch, parse
from narrator.store.models import Narration, utcnow
from narrator.store.repo import sources as repo
from narrator.store.source_models import Source

log = logging.getLogger(__name__)

# Entries taken per poll: a first poll of a long feed whose entries all need their pages
# fetched is done in parts, the next part at the next tick, so no task runs for long.
ENTRIES_PER_POLL = 25


@dataclass(frozen=True)
class StoredVoice:
    """The voice a source was created with, as the API's catalog resolved it."""

    id: str
    engine: str
    engine_version: str


@dataclass(frozen=True)
class SourceVoices:
    voice: StoredVoice

    def resolve(self, voice_id: str) -> StoredVoice:
        return self.voice


@dataclass(frozen=True)
class Outcome:
    status: str  # polled, not_modified, error, busy
    narrated: int = 0
    error: str | None = None


def poll(ctx: Context, source_id: str) -> Outcome:
    holder = owners.tag()
    if not _hold(ctx, source_id, holder):
        return Outcome("busy")
    try:
        return _poll(ctx, source_id, holder)
    except errors.NotFound:
        return Outcome("deleted")
    except IntegrityError:
        # An entry saved after its source was deleted mid-poll: nothing left to record.
        with ctx.session() as s:
            if repo.get_source(s, source_id) is None:
                return Outcome("deleted")
        raise
    finally:
        with ctx.session() as s:
            repo.release_poll(s, source_id, holder)


def _hold(ctx: Context, source_id: str, holder: str) -> bool:
    """Take, or renew, the source's poll lease: long enough for a few fetches."""
    lease = max(60.0, 4 * ctx.settings.fetch_timeout_s)
    with ctx.session() as s:
        return repo.claim_poll(s, source_id, holder, utcnow() + timedelta(seconds=lease))


def _poll(ctx: Context, source_id: str, holder: str) -> Outcome:
    with ctx.session() as s:
        source = repo.load_source(s, source_id)
        retry = repo.has_retryable_entries(s, source_id)
        s.expunge(source)
    # Entries whose page could not be fetched last time are tried again: the feed itself may
    # not have changed, so ask for all of it.
    etag, modified = (None, None) if retry else (source.etag, source.last_modified)
    try:
        got = fetch.fetch(source.url, ctx.settings, etag=etag, last_modified=modified)
        if got.not_modified:
            with ctx.session() as s:
                repo.record_poll(s, source_id, not_modified=True)
            return Outcome("not_modified")
        feed = parse.parse_feed(got.body)
    except errors.FeedError as e:
        log.info("source %s: %s", source_id, e)
        with ctx.session() as s:
            repo.record_poll(s, source_id, error=str(e))
        return Outcome("error", error=str(e))
    with ctx.session() as s:
        seen = repo.entries(s, source_id)
        known = {k: e.fingerprint for k, e in seen.items()}
        narrated_as = {k: e.narration_id for k, e in seen.items()}
    services = Services(
        db=ctx.db,
        settings=ctx.settings,
        voices=SourceVoices(StoredVoice(source.voice, source.engine, source.engine_version)),
        send_task=ctx.send,
    )
    todo = parse.changes(feed.entries, known)
    narrated = 0
    for entry, _new in todo[:ENTRIES_PER_POLL]:
        narrated += _take(services, source, entry, narrated_as.get(entry.key_hash))
        _hold(ctx, source_id, holder)
    more = len(todo) > ENTRIES_PER_POLL
    with ctx.session() as s:
        # With entries left, no validators: the next poll (due at once) reads the whole feed.
        validators = (None, None) if more else (got.etag, got.last_modified)
        repo.record_poll(s, source_id, validators=validators, title=feed.title)
        if more:
            repo.advance_poll(s, source_id, expected=None, to=utcnow())
    return Outcome("polled", narrated=narrated)


def _take(services: Services, source: Source, entry: parse.Entry, earlier: str | None) -> int:
    """Narrate one new or edited entry and record it; 1 when it has a narration now.

    `earlier`: the narration of the entry's previous content, if any (its pace is kept)."""
    fingerprint, error, narration_id = entry.fingerprint, None, None
    try:
        narration = _narrate(services, source, entry, earlier)
        narration_id = narration.id
    except errors.FeedError as e:
        # Its page may come back: no fingerprint, so the next poll tries again.
        fingerprint, error = "", str(e)
    except errors.InputError as e:
        error = str(e)  # the entry itself cannot be narrated until it changes
    with services.db.session() as s:
        repo.save_entry(
            s,
            source.id,
            entry.key_hash,
            narration_id=narration_id,
            error=error,
            key=entry.key,
            link=entry.link[:2000] if entry.link else None,
            title=entry.title[:1000] if entry.title else None,
            fingerprint=fingerprint,
            published_at=entry.published,
        )
        if narration_id and entry.link:
            _remember_link(s, narration_id, entry.link)
    return int(narration_id is not None)


def _narrate(
    services: Services, source: Source, entry: parse.Entry, earlier: str | None
) -> Narration:
    data: str | bytes
    kind = entry.content_kind
    filename = None
    if entry.content:
        data = entry.content
    elif entry.link:
        page = fetch.fetch(entry.link, services.settings, accept=fetch.PAGE_ACCEPT)
        data = page.body
        kind = "text" if page.content_type.startswith("text/plain") else "html"
    elif entry.summary:
        data = entry.summary
    else:
        raise errors.EmptyArticle("the entry has no content, no link and no summary to read")
    submission = Submission(
        data=data,
        render=RenderRequest(
            voice=source.voice, speed=source.speed, format=source.format, queue=contract.BATCH
        ),
        kind=kind,
        filename=filename,
        title=entry.title,
        author=entry.author,
        owner=source.owner or NO_OWNER,
        source_id=source.id,
        earlier=earlier,
    )
    try:
        narration, _ = service.create_narration(services, submission)
    except errors.ServiceError:
        # Saved and recorded, not sent (the broker is down): the reaper sends it. Asking
        # again finds the narration by its content.
        narration, _ = service.create_narration(
            replace(services, send_task=_send_later), submission
        )
    return narration


def _send_later(name: str, args: list[Any], queue: str, **_: Any) -> None:
    """Leave a recorded task unsent: the reaper sends it once a worker waits for work."""


def _remember_link(session: Any, narration_id: str, link: str) -> None:
    # The article's source URL: the podcast feed's ?source=<host> finds feed entries too.
    narration = session.get(Narration, narration_id)
    if narration is not None and narration.article.source_url is None:
        narration.article.source_url = link[:2000]
