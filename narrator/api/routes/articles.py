"""/v1/articles: an article with its narrations, another reading of it, deletion."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from narrator import service
from narrator.api.deps import (
    ArticleIdPath,
    DbDep,
    LinksDep,
    ServicesDep,
    StorageDep,
    Writer,
    check_article_id,
)
from narrator.api.schemas import ArticleNarrationCreate, ArticlePublic
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


@router.post(
    "/{article_id}/narrations",
    dependencies=[Writer],
    summary="Another voice, speed or format of this article (rendered once, then reused)",
    **creates_narration("Already rendered"),
)
async def narrate_article(
    article_id: ArticleIdPath, body: ArticleNarrationCreate, services: ServicesDep, links: LinksDep
) -> Response:
    check_article_id(article_id)
    narration, created = await run_in_threadpool(
        service.narrate_article, services, article_id, render_request(body)
    )
    return created_response(narration, created, links)


@router.delete("/{article_id}", dependencies=[Writer], **DELETES)
def delete_article(article_id: ArticleIdPath, db: DbDep, storage: StorageDep) -> Response:
    service.delete_article(db, storage, check_article_id(article_id))
    return deleted_response()
