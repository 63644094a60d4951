"""Sources as a service (the API's side): create, list, show, delete, poll now.

    view = sources.service.create(services, NewSource(url="https://example.com/feed"))
    sources.service.poll_now(services, view.source.id)

Creating checks the URL (narrator.urls) and the options (the same as a narration's,
resolved once: every entry is read with the voice resolved here), stores the source and sends
its first poll. Polls are the workers' (narrator.sources.poll).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from narrator import contract, errors, lexicons, service
from narrator.config import FeedChannel, Settings
from narrator.service import RenderRequest, Services
from narrator.sources import schedule
from narrator.store.models import Narration
from narrator.store.repo import sources as repo
from narrator.store.source_models import Source, SourceEntry
from narrator.urls import check_fetch_url


@dataclass(frozen=True)
class NewSource:
    url: str
    render: RenderRequest = field(default_factory=RenderRequest)
    interval_s: int | None = None
    channel: dict[str, Any] | None = None  # FeedChannel fields over the settings' channel
    owner: str = lexicons.NO_OWNER  # who creates it: whose lexicon its entries are read with


@dataclass(frozen=True)
class SourceView:
    source: Source
    counts: repo.EntryCounts

    @property
    def status(self) -> str:
        """pending (never polled), ok, or error (the last poll failed: see last_error)."""
        s = self.source
        if s.last_error is not None:
            return "error"
        return "ok" if s.last_polled_at is not None else "pending"


def interval(settings: Settings, interval_s: int | None) -> int:
    """The poll interval asked for, raised to the server's minimum (feeds are not to be
    hammered, whatever a client asks); the source shows the one used."""
    value = settings.source_default_interval_s if interval_s is None else interval_s
    return max(value, settings.source_min_interval_s)


def create(services: Services, new: NewSource) -> SourceView:
    settings = services.settings
    url = check_fetch_url(new.url, settings)
    channel = FeedChannel.model_validate(new.channel or {}).model_dump(exclude_none=True)
    request = RenderRequest(
        voice=new.render.voice,
        speed=new.render.speed,
        format=new.render.format,
        queue=contract.BATCH,
    )
    opts = service.render_settings(settings, services.voices, request)
    with services.db.session() as s:
        existing = repo.find_source(
            s, url=url, voice=opts.voice, speed=opts.speed, format=opts.format
        )
        if existing is not None:
            raise errors.Conflict(
                f"source {existing.id} already polls {url} with these options: "
                f"change it with DELETE /v1/sources/{existing.id} and POST again"
            )
        source = repo.create_source(
            s,
            url=url,
            voice=opts.voice,
            speed=opts.speed,
            format=opts.format,
            engine=opts.engine,
            engine_version=opts.engine_version,
            interval_s=interval(settings, new.interval_s),
            channel=channel or None,
            owner=new.owner,
            polls=0,
            not_modified=0,
        )
        source_id = source.id
    schedule.poll_now(services.db, services.send_task, source_id)
    return view(services.db, source_id)


def view(db: service.Database, source_id: str) -> SourceView:
    with db.session(readonly=True) as s:
        source = repo.load_source(s, source_id)
        return SourceView(source, repo.entry_counts(s, [source_id])[source_id])


def listing(
    db: service.Database, limit: int, after: tuple[datetime, str] | None = None
) -> list[SourceView]:
    with db.session(readonly=True) as s:
        rows = repo.list_sources(s, limit, after)
        counts = repo.entry_counts(s, [r.id for r in rows])
        return [SourceView(r, counts[r.id]) for r in rows]


def entries(
    db: service.Database, source_id: str, limit: int
) -> list[tuple[SourceEntry, Narration | None]]:
    with db.session(readonly=True) as s:
        repo.load_source(s, source_id)
        return repo.list_entries(s, source_id, limit)


def poll_now(services: Services, source_id: str) -> SourceView:
    schedule.poll_now(services.db, services.send_task, source_id)
    return view(services.db, source_id)


def lexicon_changed(db: service.Database, source_id: str) -> None:
    """The source's lexicon changed: its next poll reads every entry in the feed again, and an
    entry whose reading changes gets a new narration (only its changed paragraphs rendered);
    the others find the narration they have."""
    with db.session() as s:
        repo.reread_entries(s, source_id)


def delete(db: service.Database, source_id: str) -> None:
    """Stop polling and forget the source's entries; the narrations made stay."""
    with db.session() as s:
        repo.delete_source(s, source_id)


def channel(settings: Settings, source: Source | None) -> FeedChannel:
    """The podcast channel of a source's feed: its overrides over the settings' channel."""
    base = settings.feed_channel()
    if source is None or not source.channel:
        if source is not None and source.title:
            return base.model_copy(update={"title": source.title})
        return base
    overrides = FeedChannel.model_validate(source.channel).model_dump(exclude_none=True)
    if "title" not in overrides and source.title:
        overrides["title"] = source.title
    return base.model_copy(update=overrides)
