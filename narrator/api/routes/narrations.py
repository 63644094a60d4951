"""/v1/narrations: submit an article, follow its narration, fetch its files, delete it.

The request body is read by narrator.api.submission, the work is done by narrator.service,
and the answers are built by narrator.api.views.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from narrator import listening, service
from narrator.api import media, stream
from narrator.api.deps import (
    DbDep,
    LinksDep,
    NarrationDep,
    NarrationIdPath,
    OwnerDep,
    ServicesDep,
    SettingsDep,
    StorageDep,
    Writer,
    check_narration_id,
    check_signature,
)
from narrator.api.errors import NotReady
from narrator.api.paging import CURSOR_PATTERN, decode_cursor, encode_cursor
from narrator.api.schemas import NarrationListPublic, NarrationPublic
from narrator.api.submission import read_submission, request_body_schema
from narrator.api.views import (
    DELETES,
    ERRORS,
    created_response,
    creates_narration,
    deleted_response,
    narration_public,
    narration_summary,
    plain,
)
from narrator.store.models import Narration, Status

router = APIRouter(prefix="/v1/narrations", tags=["narrations"])

F = TypeVar("F", bound=Callable[..., Any])

MEDIA_TYPES = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}


@router.post(
    "",
    dependencies=[Writer],
    openapi_extra={"requestBody": request_body_schema()},
    summary="Narrate an article (JSON or file upload)",
    **creates_narration("Already submitted"),
)
async def create_narration(
    request: Request, services: ServicesDep, links: LinksDep, owner: OwnerDep
) -> Response:
    submission = replace(await read_submission(request, services.settings), owner=owner)
    narration, created = await run_in_threadpool(service.create_narration, services, submission)
    return created_response(narration, created, links)


@router.get(
    "",
    response_model=NarrationListPublic,
    dependencies=[Writer],
    responses=ERRORS,
    summary="Recent narrations, newest first, a page at a time",
    description=(
        "Every narration with its article's title, newest first. Pass the answer's "
        "`next_cursor` as `cursor` for the next (older) page. With API keys configured this "
        "needs `Authorization: Bearer <key>`, like writes: the list reveals every id."
    ),
)
def list_narrations(
    db: DbDep,
    links: LinksDep,
    limit: Annotated[int, Query(ge=1, le=100, description="Narrations per page")] = 20,
    cursor: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=CURSOR_PATTERN,
            description="next_cursor of the previous page",
        ),
    ] = None,
) -> NarrationListPublic:
    after = decode_cursor(cursor) if cursor else None
    # One more than asked: whether it exists says whether there is a next page.
    rows = service.recent_narrations(db, limit + 1, after)
    page = rows[:limit]
    last = page[-1][0] if len(rows) > limit else None
    return NarrationListPublic(
        narrations=[narration_summary(n, title, links) for n, title in page],
        next_cursor=encode_cursor(last.created_at, last.id) if last else None,
    )


@router.get("/{narration_id}", response_model=NarrationPublic, responses=ERRORS)
async def get_narration(narration: NarrationDep, links: LinksDep) -> NarrationPublic:
    # What clients poll: the database read is the dependency's (in the thread pool); this
    # only shapes the answer, on the event loop, without a second trip to the pool.
    return narration_public(narration, links)


@router.delete("/{narration_id}", dependencies=[Writer], **DELETES)
def delete_narration(narration_id: NarrationIdPath, db: DbDep, storage: StorageDep) -> Response:
    service.delete_narration(db, storage, check_narration_id(narration_id))
    return deleted_response()


def _ready(n: Narration) -> None:
    st = plain(n.status)
    if st == Status.READY and n.audio_key:
        return
    if st == Status.FAILED:
        raise NotReady(
            f"narration {n.id} failed: {n.error or 'unknown error'}; submit it again to retry",
            status=st,
            retry_after=None,
        )
    raise NotReady(
        f"narration {n.id} is {st} ({round((n.progress or 0) * 100)}% done): "
        "poll its status_url and fetch this once status is ready",
        status=st,
        retry_after=2 if st == Status.PROCESSING else 5,
    )


_MEDIA_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    206: {"description": "Partial content (Range)"},
    304: {"description": "Not modified"},
    416: {"description": "Range not satisfiable"},
}


def media_route(path: str, on: APIRouter = router, **kwargs: Any) -> Callable[[F], F]:
    """GET (documented) and HEAD (the same handler, kept out of the schema) on `path`."""

    def register(func: F) -> F:
        on.head(path, include_in_schema=False, response_class=Response)(func)
        return on.get(path, response_class=Response, **kwargs)(func)

    return register


@media_route(
    "/{narration_id}/audio",
    responses={
        200: {"content": {"audio/mpeg": {}, "audio/ogg": {}, "audio/wav": {}}},
        **_MEDIA_RESPONSES,
    },
    summary="The audio (HTTP Range, ETag, immutable caching); streamed while it renders",
    description=(
        "Ready: the complete, loudness-normalized file with Range, ETag and immutable caching. "
        "Queued or processing: 200 at once with a chunked stream of what is rendered so far, "
        "in order, that grows until the last chunk (Cache-Control: no-store; no Range, which "
        "is ignored; fixed gain and the planned pace: fetch the URL again once ready for the "
        "final file). Failed: 409 with the reason. A new listener of a narration still "
        "rendering, when the workers cannot keep one more stream ahead of the listeners "
        "already playing: 503 `busy` with Retry-After (the narration renders meanwhile)."
    ),
)
def get_audio(
    request: Request,
    narration: NarrationDep,
    settings: SettingsDep,
    storage: StorageDep,
    db: DbDep,
    services: ServicesDep,
) -> Response:
    check_signature(request, settings, narration.id, "audio")
    if plain(narration.status) in (Status.QUEUED, Status.PROCESSING):
        # HEAD answers as GET would, so a player can ask whether it would be served.
        listening.admit(services, narration)
        if request.method != "HEAD":
            listening.start_listening(services, narration.id)
        hurry = functools.partial(listening.hurry, services, narration.id)
        return _audio_stream(request, narration, db, storage, hurry)
    _ready(narration)
    assert narration.audio_key
    return media.serve(
        request,
        storage,
        narration.audio_key,
        MEDIA_TYPES.get(narration.format, "application/octet-stream"),
        etag=narration.etag,
        filename=f"{narration.id}.{narration.format}",
    )


def _audio_stream(
    request: Request, n: Narration, db: Any, storage: Any, hurry: Callable[[int], None]
) -> Response:
    """The progressive stream (narrator/api/stream.py) of a narration still rendering."""
    headers = {
        "Cache-Control": "no-store",
        "Accept-Ranges": "none",
        "X-Narration-Status": plain(n.status),
        "Content-Disposition": f'inline; filename="{n.id}.{n.format}"',
    }
    media_type = MEDIA_TYPES.get(n.format, "application/octet-stream")
    # HEAD: the same headers, no body (and no Content-Length: 0, which would be a lie).
    if request.method == "HEAD":
        body: Any = iter(())
    else:
        body = stream.progressive(db, storage, n.id, n.format, hurry)
    return StreamingResponse(body, media_type=media_type, headers=headers)


# The files a worker stores beside the audio, under the names the URLs use:
# name -> (media type, Narration attribute holding its key (else under files_prefix), summary)
FILES = {
    "captions.vtt": (
        "text/vtt; charset=utf-8",
        "captions_key",
        "WebVTT captions, one cue per sentence",
    ),
    "timings.json": (
        "application/json",
        "timings_key",
        "Sentence timings: start/end ms and text of every sentence",
    ),
    "script.txt": (
        "text/plain; charset=utf-8",
        None,
        "Exactly what the engine read, one sentence per line",
    ),
}


def _file_route(name: str) -> None:
    """GET and HEAD /{narration_id}/<name>, for a name in FILES."""
    media_type, attr, summary = FILES[name]

    def serve(
        request: Request, narration: NarrationDep, settings: SettingsDep, storage: StorageDep
    ) -> Response:
        check_signature(request, settings, narration.id, name)
        _ready(narration)
        key = getattr(narration, attr) if attr else None
        key = key or service.files_prefix(narration.id) + name
        return media.serve(request, storage, key, media_type)

    # The function's name is the route's name and its OpenAPI operationId (get_captions, ...).
    serve.__name__ = f"get_{name.split('.')[0]}"
    media_route(
        f"/{{narration_id}}/{name}",
        responses={200: {"content": {media_type.split(";")[0]: {}}}, **_MEDIA_RESPONSES},
        summary=summary,
    )(serve)


for _name in FILES:
    _file_route(_name)
