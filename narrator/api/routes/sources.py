"""/v1/sources: RSS and Atom feeds the service polls, narrating each new or edited entry.

POST checks the URL and the options, stores the source and sends its first poll; the workers
poll it from then on (narrator.sources). GET shows how the last poll went and how many entries
are narrated. The narrations are ordinary ones: /v1/feeds/podcast.xml?source=<id> lists them.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from narrator.api.deps import (
    DbDep,
    Links,
    LinksDep,
    OwnerDep,
    ServicesDep,
    SettingsDep,
    SourceIdPath,
    Writer,
    check_source_id,
)
from narrator.api.source_schemas import (
    SourceCounts,
    SourceCreate,
    SourceEntryListPublic,
    SourceEntryPublic,
    SourceListPublic,
    SourcePublic,
)
from narrator.api.views import DELETES, ERRORS, deleted_response
from narrator.config import Settings
from narrator.service import RenderRequest
from narrator.sources import service as sources
from narrator.store.models import Narration
from narrator.store.source_models import SourceEntry

router = APIRouter(prefix="/v1/sources", tags=["sources"])


def source_public(view: sources.SourceView, links: Links, settings: Settings) -> SourcePublic:
    s, c = view.source, view.counts
    return SourcePublic(
        id=s.id,
        url=s.url,
        status=view.status,
        title=s.title,
        voice=s.voice,
        speed=s.speed,
        format=s.format,
        interval_s=s.interval_s,
        channel=sources.channel(settings, s),
        created_at=s.created_at,
        last_polled_at=s.last_polled_at,
        next_poll_at=s.next_poll_at,
        last_error=s.last_error,
        last_error_at=s.last_error_at,
        polls=s.polls,
        not_modified=s.not_modified,
        counts=SourceCounts(
            entries=c.entries, ready=c.ready, active=c.active, failed=c.failed, versions=c.versions
        ),
        status_url=f"{links.base}/v1/sources/{s.id}",
        feed_url=f"{links.base}/v1/feeds/podcast.xml?{urlencode({'source': s.id})}",
    )


@router.post(
    "",
    dependencies=[Writer],
    status_code=status.HTTP_201_CREATED,
    response_model=SourcePublic,
    responses=ERRORS,
    summary="Poll an RSS or Atom feed and narrate each new or edited entry",
    description=(
        "Checks the URL (http or https only; with NARRATOR_FETCH_ALLOW_PRIVATE=false, no host "
        "that resolves to a private or loopback address: 422 invalid_url) and the options "
        "(422), stores the source and polls it at once, then every interval_s. Each entry is "
        "narrated once, from its content:encoded / Atom content when the feed carries it, else "
        "from its linked page; an edited entry is narrated again (only its changed paragraphs "
        "are synthesized). The same URL with the same options twice: 409."
    ),
)
async def create_source(
    body: SourceCreate,
    services: ServicesDep,
    links: LinksDep,
    settings: SettingsDep,
    owner: OwnerDep,
) -> Response:
    new = sources.NewSource(
        url=body.url,
        render=RenderRequest(voice=body.voice, speed=body.speed, format=body.format),
        interval_s=body.interval_s,
        channel=body.channel.model_dump(exclude_none=True) if body.channel else None,
        owner=owner,
    )
    view = await run_in_threadpool(sources.create, services, new)
    public = source_public(view, links, settings)
    return Response(
        content=public.model_dump_json(),
        media_type="application/json",
        status_code=status.HTTP_201_CREATED,
        headers={"Location": public.status_url},
    )


@router.get("", response_model=SourceListPublic, responses=ERRORS, summary="Sources, newest first")
def list_sources(
    db: DbDep,
    links: LinksDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Sources to list")] = 100,
) -> SourceListPublic:
    return SourceListPublic(
        sources=[source_public(v, links, settings) for v in sources.listing(db, limit)]
    )


@router.get(
    "/{source_id}",
    response_model=SourcePublic,
    responses=ERRORS,
    summary="A source: status, last poll, last error, entries narrated",
)
def get_source(
    source_id: SourceIdPath, db: DbDep, links: LinksDep, settings: SettingsDep
) -> SourcePublic:
    return source_public(sources.view(db, check_source_id(source_id)), links, settings)


def entry_public(e: SourceEntry, n: Narration | None, links: Links) -> SourceEntryPublic:
    status, reason = "failed", e.error
    if e.error is None and n is not None:
        status, reason = str(n.status), n.error
    elif e.error is None:
        reason = "its narration was deleted"
    return SourceEntryPublic(
        key=e.key,
        title=e.title,
        link=e.link,
        status=status,
        reason=reason,
        narration_id=n.id if n is not None else None,
        status_url=links.narration(n.id) if n is not None else None,
        audio_url=links.media(n.id, "audio") if n is not None else None,
        versions=e.versions,
        first_seen_at=e.first_seen_at,
        updated_at=e.updated_at,
    )


@router.get(
    "/{source_id}/entries",
    response_model=SourceEntryListPublic,
    responses=ERRORS,
    summary="A source's entries, newest first, each with its narration or why it failed",
)
def list_entries(
    source_id: SourceIdPath,
    db: DbDep,
    links: LinksDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="Entries to list")] = 100,
) -> SourceEntryListPublic:
    rows = sources.entries(db, check_source_id(source_id), limit)
    return SourceEntryListPublic(entries=[entry_public(e, n, links) for e, n in rows])


@router.post(
    "/{source_id}/poll",
    dependencies=[Writer],
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SourcePublic,
    responses=ERRORS,
    summary="Poll a source now (the next scheduled poll comes an interval later)",
)
def poll_source(
    source_id: SourceIdPath, services: ServicesDep, links: LinksDep, settings: SettingsDep
) -> SourcePublic:
    view = sources.poll_now(services, check_source_id(source_id))
    return source_public(view, links, settings)


@router.delete(
    "/{source_id}",
    dependencies=[Writer],
    summary="Stop polling a source and forget its entries (its narrations stay)",
    **DELETES,
)
def delete_source(source_id: SourceIdPath, db: DbDep) -> Response:
    sources.delete(db, check_source_id(source_id))
    return deleted_response()
