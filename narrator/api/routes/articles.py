"""/v1/articles: an article with its narrations, another reading of it, deletion."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from narrator import narrations
from narrator.api.deps import (
    ArticleIdPath,
    DbDep,
    LinksDep,
    SendTaskDep,
    SettingsDep,
    StorageDep,
    VoicesDep,
    Writer,
    check_article_id,
)
from narrator.api.routes.narrations import ERRORS, created_response, narration_public
from narrator.api.schemas import ArticleNarrationCreate, ArticlePublic, NarrationPublic

router = APIRouter(prefix="/v1/articles", tags=["articles"])


@router.get("/{article_id}", response_model=ArticlePublic, responses=ERRORS)
def get_article(article_id: ArticleIdPath, db: DbDep, links: LinksDep) -> ArticlePublic:
    article, found = narrations.get_article(db, check_article_id(article_id))
    return ArticlePublic(
        id=article.id,
        title=article.title,
        author=article.author,
        language=article.language,
        source_kind=str(getattr(article.source_kind, "value", article.source_kind)),
        words=article.words or 0,
        created_at=article.created_at,
        article_url=links.article(article.id),
        narrations=[narration_public(n, links) for n in found],
    )


@router.post(
    "/{article_id}/narrations",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=NarrationPublic,
    responses={200: {"model": NarrationPublic, "description": "Already rendered"}, **ERRORS},
    dependencies=[Writer],
    summary="Another voice, speed or format of this article (rendered once, then reused)",
)
async def narrate_article(
    article_id: ArticleIdPath,
    body: ArticleNarrationCreate,
    settings: SettingsDep,
    db: DbDep,
    voices: VoicesDep,
    send_task: SendTaskDep,
    links: LinksDep,
) -> Response:
    check_article_id(article_id)
    narration, created = await run_in_threadpool(
        lambda: narrations.narrate_article(
            db,
            settings,
            article_id,
            voice=body.voice,
            speed=body.speed,
            format=body.format,
            queue=body.queue,
            voices=voices,
            send_task=send_task,
        )
    )
    return created_response(narration, created, links)


@router.delete(
    "/{article_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    dependencies=[Writer],
)
def delete_article(article_id: ArticleIdPath, db: DbDep, storage: StorageDep) -> Response:
    narrations.delete_article(db, storage, check_article_id(article_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
