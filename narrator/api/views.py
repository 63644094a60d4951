"""What the API answers: stored rows as response models, and the error responses routes document.

narration_public(narration, links)          NarrationPublic, with absolute links
narration_summary(narration, title, links)  the same with its article's title (the list)
article_public(article, narrations, links)  ArticlePublic
created_response(narration, created, links) 202 (new work) or 200 (existing), Location set
deleted_response()                          204
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import Response, status

from narrator.api.deps import Links
from narrator.api.schemas import (
    ArticlePublic,
    ErrorPublic,
    NarrationPublic,
    NarrationSummaryPublic,
)
from narrator.config import WPM_AT_1X
from narrator.store.models import ArticleRecord, Narration, Status

# The error statuses routes document: every error body is an ErrorPublic (narrator.api.errors).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic} for code in (400, 401, 403, 404, 409, 413, 415, 422, 503)
}
# Route options of a DELETE: 204 and no body (deleted_response) once the thing is gone.
DELETES: dict[str, Any] = {"status_code": status.HTTP_204_NO_CONTENT, "responses": ERRORS}


def creates_narration(repeat: str) -> dict[str, Any]:
    """Route options of a POST answered by created_response; `repeat` describes the 200."""
    return {
        "status_code": status.HTTP_202_ACCEPTED,
        "response_model": NarrationPublic,
        "responses": {200: {"model": NarrationPublic, "description": repeat}, **ERRORS},
    }


def plain(value: object) -> str:
    """A stored enum (status, queue, source kind) as the string the API shows."""
    return str(getattr(value, "value", value))


def progress_of(n: Narration) -> float:
    """0..1: the stored progress, or the share of chunks done when that is further; 1 if ready."""
    if plain(n.status) == Status.READY:
        return 1.0
    progress = float(n.progress or 0.0)
    if n.chunks_total:
        progress = max(progress, (n.chunks_done or 0) / n.chunks_total)
    return round(min(max(progress, 0.0), 1.0), 4)


def narration_public(n: Narration, links: Links) -> NarrationPublic:
    return NarrationPublic(
        id=n.id,
        article_id=n.article_id,
        status=plain(n.status),
        progress=progress_of(n),
        queue=plain(n.queue),
        voice=n.voice,
        speed=n.speed,
        format=n.format,
        engine=n.engine,
        engine_version=n.engine_version,
        duration_s=n.duration_s,
        words=n.words,
        wpm=n.wpm,
        target_wpm=round(WPM_AT_1X * n.speed, 1),
        error=n.error,
        status_url=links.narration(n.id),
        audio_url=links.media(n.id, "audio"),
        captions_url=links.media(n.id, "captions.vtt"),
        timings_url=links.media(n.id, "timings.json"),
        script_url=links.media(n.id, "script.txt"),
        player_url=links.player(n.id),
        created_at=n.created_at,
        updated_at=n.updated_at,
        finished_at=n.finished_at,
    )


def narration_summary(n: Narration, title: str | None, links: Links) -> NarrationSummaryPublic:
    return NarrationSummaryPublic(**dict(narration_public(n, links)), title=title)


def article_public(
    article: ArticleRecord, narrations: Iterable[Narration], links: Links
) -> ArticlePublic:
    return ArticlePublic(
        id=article.id,
        title=article.title,
        author=article.author,
        language=article.language,
        source_kind=plain(article.source_kind),
        words=article.words or 0,
        created_at=article.created_at,
        article_url=links.article(article.id),
        narrations=[narration_public(n, links) for n in narrations],
    )


def created_response(n: Narration, created: bool, links: Links) -> Response:
    """202 for new work, 200 for an existing narration (same id); Location: the status URL."""
    body = narration_public(n, links)
    return Response(
        content=body.model_dump_json(),
        media_type="application/json",
        status_code=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        headers={"Location": body.status_url},
    )


def deleted_response() -> Response:
    return Response(status_code=status.HTTP_204_NO_CONTENT)
