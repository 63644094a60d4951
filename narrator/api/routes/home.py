"""/: the home page, where a person tries the service (static/home.html, plain JS, no build)."""

from __future__ import annotations

import functools
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["home"])


@functools.cache
def _page() -> str:
    return (resources.files("narrator.api") / "static" / "home.html").read_text(encoding="utf-8")


# A page for people, not part of the API: kept out of the OpenAPI schema.
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home() -> HTMLResponse:
    return HTMLResponse(_page(), headers={"Cache-Control": "no-cache"})
