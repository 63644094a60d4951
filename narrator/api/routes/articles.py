"""/v1/articles: an article with its narrations, another reading of it, deletion."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from narrator import lexicons, service
from narrator.api import listeners
from narrator.api.deps import (
    ArticleIdPath,
    DbDep,
    LinksDep,
    ServicesDep,
    StorageDep,
    Writer,
    check_article_id,
    owner_of,
    require_writer,
)
from narrator.api.schemas import ArticleNarrationCreate, ArticlePublic, ErrorPublic
from narrator.api.submission import render_request
from narrator.api.views import (
    DELETES,
    ERRORS,
    article_public,
    created_response,
    creates_narration,
    deleted_response,
)

router = APIRouter(prefix="/v1/articles", tags=["articles"])


@router.get("/{article_id}", response_model=ArticlePublic, responses=ERRORS)
def get_article(article_id: ArticleIdPath, db: DbDep, links: LinksDep) -> ArticlePublic:
    article, narrations = service.get_article(db, check_article_id(article_id))
    return article_public(article, narrations, links)


_CREATES = creates_narration("Already rendered")
_CREATES["responses"] = {**_CREATES["responses"], 429: {"model": ErrorPublic}}


@router.post(
    "/{article_id}/narrations",
    summary="Another voice, speed or format of this article (rendered once, then reused)",
    description=(
        "With API keys configured this needs `Authorization: Bearer <key>`, except for what a "
        "listener's player asks: another voice or speed (1, 1.25, 1.5, 1.75 or 2) of this "
        "article in a format it already has, on the interactive queue. Keyless requests that "
        "start a new render are limited per client (429 with Retry-After), and refused (403) "
        "from a site outside NARRATOR_EMBED_ORIGINS."
    ),
    **_CREATES,
)
async def narrate_article(
    article_id: ArticleIdPath,
    body: ArticleNarrationCreate,
    request: Request,
    services: ServicesDep,
    links: LinksDep,
) -> Response:
    check_article_id(article_id)
    settings = services.settings
    listeners.check_origin(request, settings)
    render = render_request(body)
    owner: str | None = lexicons.NO_OWNER
    if settings.api_keys and "authorization" not in request.headers:
        _, existing = await run_in_threadpool(service.get_article, services.db, article_id)
        listeners.check_listener_request(body.speed, body.format, body.queue, existing)
        # The article's own format: the one its first narration has.
        own = existing[0].format if existing else None
        render = replace(render, format=body.format or own)
        voice = await run_in_threadpool(
            services.voices.resolve, render.voice or settings.default_voice
        )
        # Only new work counts against the limit: a rendition already there costs nothing.
        if not listeners.exists(existing, voice.id, render.speed, render.format):
            listeners.take(request, request.app.state.listener_limit)
        owner = None  # the listener hears the publisher's pronunciations
    else:
        await require_writer(request, settings)
        owner = await owner_of(request, settings)
    narration, created = await run_in_threadpool(
        service.narrate_article, services, article_id, render, owner
    )
    return created_response(narration, created, links)


@router.delete("/{article_id}", dependencies=[Writer], **DELETES)
def delete_article(article_id: ArticleIdPath, db: DbDep, storage: StorageDep) -> Response:
    service.delete_article(db, storage, check_article_id(article_id))
    return deleted_response()
