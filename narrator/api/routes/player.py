"""The listen widget: /widget.js for publishers' pages, and the standalone player pages.

    <script async src="BASE/widget.js" data-narration="nar_..."></script>
    <script async src="BASE/widget.js" data-article="art_..."></script>
    <iframe src="BASE/v1/narrations/nar_.../player" ...></iframe>

widget.js is static/widget.js with static/widget.css inlined (one request, no build step) and
the embedding allow-list (NARRATOR_EMBED_ORIGINS) filled in. Its URL carries no version, so it
is cached briefly and revalidated by ETag: a new release reaches every page within minutes.
The player pages are that same widget alone on a page, with the transcript open.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from narrator import service
from narrator.api.deps import (
    ArticleIdPath,
    DbDep,
    LinksDep,
    NarrationDep,
    SettingsDep,
    check_article_id,
)
from narrator.api.schemas import ErrorPublic
from narrator.config import Settings

router = APIRouter(tags=["player"])

WIDGET_CACHE = "public, max-age=300, stale-while-revalidate=86400"
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorPublic, "description": "No such narration or article"}
}


def _static(name: str) -> str:
    return (resources.files("narrator.api") / "static" / name).read_text(encoding="utf-8")


@functools.cache
def widget_source(origins: tuple[str, ...]) -> tuple[str, str]:
    """widget.js as served, and its ETag."""
    js = _static("widget.js")
    css = " ".join(line.strip() for line in _static("widget.css").splitlines())
    js = js.replace('"/*CSS*/"', json.dumps(css)).replace("/*ORIGINS*/", json.dumps(origins)[1:-1])
    return js, '"' + hashlib.sha256(js.encode()).hexdigest()[:20] + '"'


@router.api_route("/widget.js", methods=["GET", "HEAD"], include_in_schema=False)
def widget(request: Request, settings: SettingsDep) -> Response:
    js, etag = widget_source(tuple(settings.embed_origins))
    headers = {
        "Cache-Control": WIDGET_CACHE,
        "ETag": etag,
        # Loaded by <script> from any site (which needs no CORS), and readable by fetch too.
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(js, media_type="text/javascript; charset=utf-8", headers=headers)


def _page(
    settings: Settings, base: str, target: str, title: str | None, language: str
) -> HTMLResponse:
    page = _static("player.html")
    heading = f"{title} \u00b7 Listen" if title else "Listen to this article"
    for name, value in (
        ("base", base),
        ("target", target),
        ("title", html.escape(heading)),
        ("language", html.escape(language, quote=True)),
    ):
        page = page.replace("{{" + name + "}}", value)
    # Which sites may show this page in a frame: the allow-list, or any.
    ancestors = " ".join(["'self'", *settings.embed_origins]) if settings.embed_origins else "*"
    headers = {
        "Cache-Control": "no-cache",
        "Content-Security-Policy": f"frame-ancestors {ancestors}",
    }
    return HTMLResponse(page, headers=headers)


@router.get(
    "/v1/narrations/{narration_id}/player",
    response_class=HTMLResponse,
    responses=_NOT_FOUND,
    summary="The player page: this narration in the listen widget (also for an <iframe>)",
)
async def narration_player(
    narration: NarrationDep, db: DbDep, links: LinksDep, settings: SettingsDep
) -> HTMLResponse:
    article, _ = await run_in_threadpool(service.get_article, db, narration.article_id)
    target = f'data-narration="{html.escape(narration.id, quote=True)}"'
    base = html.escape(links.base, quote=True)
    return _page(settings, base, target, article.title, article.language)


@router.get(
    "/v1/articles/{article_id}/player",
    response_class=HTMLResponse,
    responses=_NOT_FOUND,
    summary="The player page of an article, in the listener's preferred voice and speed",
)
async def article_player(
    article_id: ArticleIdPath, db: DbDep, links: LinksDep, settings: SettingsDep
) -> HTMLResponse:
    article, _ = await run_in_threadpool(service.get_article, db, check_article_id(article_id))
    target = f'data-article="{html.escape(article.id, quote=True)}"'
    base = html.escape(links.base, quote=True)
    return _page(settings, base, target, article.title, article.language)
