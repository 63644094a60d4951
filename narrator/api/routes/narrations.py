"""/v1/narrations: submit an article, follow its narration, fetch its files, delete it."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from narrator import errors, narrations
from narrator.api import media, stream
from narrator.api.deps import (
    DbDep,
    LinksDep,
    NarrationDep,
    NarrationIdPath,
    SendTaskDep,
    SettingsDep,
    StorageDep,
    VoicesDep,
    Writer,
    check_narration_id,
    check_signature,
)
from narrator.api.deps import Links as LinksT
from narrator.api.errors import NotReady
from narrator.api.schemas import (
    ErrorPublic,
    NarrationCreate,
    NarrationPublic,
    NarrationUpload,
    RenderOptions,
)
from narrator.config import WPM_AT_1X
from narrator.store.models import Narration, Status

router = APIRouter(prefix="/v1/narrations", tags=["narrations"])

F = TypeVar("F", bound=Callable[..., Any])

MEDIA_TYPES = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}
# name in the URL -> (file name in storage, media type, Narration attribute holding its key)
FILES = {
    "captions.vtt": ("captions.vtt", "text/vtt; charset=utf-8", "captions_key"),
    "timings.json": ("timings.json", "application/json", "timings_key"),
    "script.txt": ("script.txt", "text/plain; charset=utf-8", None),
}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic} for code in (400, 401, 403, 404, 409, 413, 415, 422, 503)
}


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


def narration_public(n: Narration, links: LinksT) -> NarrationPublic:
    st = str(_value(n.status))
    progress = float(n.progress or 0.0)
    if n.chunks_total:
        progress = max(progress, (n.chunks_done or 0) / n.chunks_total)
    if st == "ready":
        progress = 1.0
    return NarrationPublic(
        id=n.id,
        article_id=n.article_id,
        status=st,  # type: ignore[arg-type]
        progress=round(min(max(progress, 0.0), 1.0), 4),
        queue=str(_value(n.queue)),  # type: ignore[arg-type]
        voice=n.voice,
        speed=n.speed,
        format=n.format,  # type: ignore[arg-type]
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


def created_response(n: Narration, created: bool, links: LinksT) -> Response:
    """202 for new work, 200 for an existing narration (same id); Location: the status URL."""
    body = narration_public(n, links)
    return Response(
        content=body.model_dump_json(),
        media_type="application/json",
        status_code=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        headers={"Location": body.status_url},
    )


_FORM_OPTIONS = ("voice", "speed", "format", "queue", "title", "author")
_JSON_TYPES = ("application/json",)
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _request_body_schema() -> dict[str, Any]:
    json_schema = NarrationCreate.model_json_schema(ref_template="#/components/schemas/{model}")
    json_schema.pop("$defs", None)
    form: dict[str, Any] = {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {
                "type": "string",
                "format": "binary",
                "description": "An article file: .txt, .html or .md (UTF-8 or declared charset)",
            },
            "voice": {"type": "string", "maxLength": 200},
            "speed": {"type": "number", "minimum": 1.0, "maximum": 2.0},
            "format": {"type": "string", "enum": ["mp3", "ogg", "wav"]},
            "queue": {"type": "string", "enum": ["interactive", "batch"]},
            "title": {"type": "string", "maxLength": 1000},
            "author": {"type": "string", "maxLength": 500},
        },
    }
    return {
        "required": True,
        "content": {
            "application/json": {"schema": json_schema},
            "multipart/form-data": {"schema": form},
        },
    }


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.InputTooLarge(f"request body is {declared} bytes; the limit is {limit}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.InputTooLarge(f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _validate(model: type[Any], data: Any) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise RequestValidationError(e.errors(include_url=False, include_context=False)) from None


class _Submission:
    def __init__(
        self,
        data: str | bytes,
        kind: str | None,
        options: RenderOptions,
        title: str | None,
        author: str | None,
        filename: str | None = None,
    ) -> None:
        self.data, self.kind, self.options = data, kind, options
        self.title, self.author, self.filename = title, author, filename


async def _from_json(request: Request, limit: int) -> _Submission:
    raw = await _read_limited(request, limit)
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise RequestValidationError(
            [{"loc": ("body",), "msg": "the body is not valid JSON", "type": "json_invalid"}]
        ) from None
    body: NarrationCreate = _validate(NarrationCreate, payload)
    return _Submission(body.source, body.kind, body, body.title, body.author)


async def _from_form(request: Request, settings: SettingsDep) -> _Submission:
    limit = settings.max_upload_bytes + 64 * 1024
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.InputTooLarge(
            f"upload is {declared} bytes; the limit is {settings.max_upload_bytes} bytes"
        )
    try:
        form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
    except StarletteHTTPException as e:
        raise errors.InputError(f"could not read the form: {e.detail}") from None
    try:
        fields = {k: v for k, v in form.items() if k in _FORM_OPTIONS and isinstance(v, str) and v}
        sources = [k for k in ("file", "text", "html", "markdown") if form.get(k) not in (None, "")]
        if sources != ["file"] or not isinstance(form.get("file"), UploadFile):
            found = ", ".join(sources) or "none"
            raise RequestValidationError(
                [
                    {
                        "loc": ("body", "file"),
                        "msg": "upload the article as one `file` field (or send JSON with "
                        f"text, html or markdown); got {found}",
                        "type": "missing",
                    }
                ]
            )
        upload = form["file"]
        assert isinstance(upload, UploadFile)
        data = await upload.read(settings.max_upload_bytes + 1)
        opts: NarrationUpload = _validate(NarrationUpload, fields)
        return _Submission(data, None, opts, opts.title, opts.author, upload.filename)
    finally:
        await form.close()


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=NarrationPublic,
    responses={200: {"model": NarrationPublic, "description": "Already submitted"}, **ERRORS},
    dependencies=[Writer],
    openapi_extra={"requestBody": _request_body_schema()},
    summary="Narrate an article (JSON or file upload)",
)
async def create_narration(
    request: Request,
    settings: SettingsDep,
    db: DbDep,
    voices: VoicesDep,
    send_task: SendTaskDep,
    links: LinksDep,
) -> Response:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in _JSON_TYPES or ctype.endswith("+json"):
        # A JSON string may spend up to 6 bytes per character (\\uXXXX).
        sub = await _from_json(request, settings.max_text_chars * 6 + 64 * 1024)
    elif ctype in _FORM_TYPES:
        sub = await _from_form(request, settings)
    else:
        raise errors.BinaryInput(
            f"unsupported Content-Type {ctype or '(none)'!r}: send application/json with "
            "text, html or markdown, or multipart/form-data with a file"
        )
    o = sub.options
    narration, created = await run_in_threadpool(
        lambda: narrations.create_narration(
            db,
            settings,
            sub.data,
            kind=sub.kind,
            title=sub.title,
            author=sub.author,
            voice=o.voice,
            speed=o.speed,
            format=o.format,
            queue=o.queue,
            voices=voices,
            send_task=send_task,
            filename=sub.filename,
        )
    )
    return created_response(narration, created, links)


@router.get("/{narration_id}", response_model=NarrationPublic, responses=ERRORS)
def get_narration(narration: NarrationDep, links: LinksDep) -> NarrationPublic:
    return narration_public(narration, links)


@router.delete(
    "/{narration_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    dependencies=[Writer],
)
def delete_narration(narration_id: NarrationIdPath, db: DbDep, storage: StorageDep) -> Response:
    narrations.delete_narration(db, storage, check_narration_id(narration_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _ready(n: Narration) -> None:
    st = str(_value(n.status))
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


def media_route(path: str, **kwargs: Any) -> Callable[[F], F]:
    """GET (documented) and HEAD (the same handler, kept out of the schema) on `path`."""

    def register(func: F) -> F:
        router.head(path, include_in_schema=False, response_class=Response)(func)
        return router.get(path, response_class=Response, **kwargs)(func)

    return register


@media_route(
    "/{narration_id}/audio",
    responses={200: {"content": {"audio/mpeg": {}, "audio/ogg": {}, "audio/wav": {}}},
               **_MEDIA_RESPONSES},
    summary="The audio (HTTP Range, ETag, immutable caching); streamed while it renders",
    description=(
        "Ready: the complete, loudness-normalized file with Range, ETag and immutable caching. "
        "Queued or processing: 200 at once with a chunked stream of what is rendered so far, "
        "in order, that grows until the last chunk (Cache-Control: no-store; no Range, which "
        "is ignored; fixed gain and the planned pace: fetch the URL again once ready for the "
        "final file). Failed: 409 with the reason."
    ),
)
def get_audio(
    request: Request,
    narration: NarrationDep,
    settings: SettingsDep,
    storage: StorageDep,
    db: DbDep,
) -> Response:
    check_signature(request, settings, narration.id, "audio")
    if str(_value(narration.status)) in (Status.QUEUED, Status.PROCESSING):
        return _audio_stream(request, narration, db, storage)
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


def _audio_stream(request: Request, n: Narration, db: Any, storage: Any) -> Response:
    """The progressive stream (narrator/api/stream.py) of a narration still rendering."""
    headers = {
        "Cache-Control": "no-store",
        "Accept-Ranges": "none",
        "X-Narration-Status": str(_value(n.status)),
        "Content-Disposition": f'inline; filename="{n.id}.{n.format}"',
    }
    media_type = MEDIA_TYPES.get(n.format, "application/octet-stream")
    # HEAD: the same headers, no body (and no Content-Length: 0, which would be a lie).
    body = iter(()) if request.method == "HEAD" else stream.progressive(db, storage, n.id, n.format)
    return StreamingResponse(body, media_type=media_type, headers=headers)


def _serve_file(
    name: str, request: Request, narration: Narration, settings: Any, storage: Any
) -> Response:
    check_signature(request, settings, narration.id, name)
    _ready(narration)
    stored, media_type, attr = FILES[name]
    key = (getattr(narration, attr) if attr else None) or narrations.files_prefix(
        narration.id
    ) + stored
    return media.serve(request, storage, key, media_type)


@media_route(
    "/{narration_id}/captions.vtt",
    responses={200: {"content": {"text/vtt": {}}}, **_MEDIA_RESPONSES},
    summary="WebVTT captions, one cue per sentence",
)
def get_captions(
    request: Request, narration: NarrationDep, settings: SettingsDep, storage: StorageDep
) -> Response:
    return _serve_file("captions.vtt", request, narration, settings, storage)


@media_route(
    "/{narration_id}/timings.json",
    responses={200: {"content": {"application/json": {}}}, **_MEDIA_RESPONSES},
    summary="Sentence timings: start/end ms and text of every sentence",
)
def get_timings(
    request: Request, narration: NarrationDep, settings: SettingsDep, storage: StorageDep
) -> Response:
    return _serve_file("timings.json", request, narration, settings, storage)


@media_route(
    "/{narration_id}/script.txt",
    responses={200: {"content": {"text/plain": {}}}, **_MEDIA_RESPONSES},
    summary="Exactly what the engine read, one sentence per line",
)
def get_script(
    request: Request, narration: NarrationDep, settings: SettingsDep, storage: StorageDep
) -> Response:
    return _serve_file("script.txt", request, narration, settings, storage)


_PLAYER_HTML: str | None = None


def _player_template() -> str:
    global _PLAYER_HTML
    if _PLAYER_HTML is None:
        from narrator.api.app import STATIC_DIR

        _PLAYER_HTML = (STATIC_DIR / "player.html").read_text(encoding="utf-8")
    return _PLAYER_HTML


@router.get(
    "/{narration_id}/player",
    response_class=HTMLResponse,
    responses={404: {"model": ErrorPublic}},
    summary="A minimal accessible player page with speed buttons and sentence highlighting",
)
def get_player(narration: NarrationDep, links: LinksDep) -> HTMLResponse:
    page = _player_template()
    page = page.replace("{{status_url}}", html.escape(links.narration(narration.id), quote=True))
    page = page.replace("{{static}}", html.escape(links.base + "/static", quote=True))
    return HTMLResponse(page, headers={"Cache-Control": "no-cache"})
