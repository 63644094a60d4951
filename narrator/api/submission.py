"""The body of POST /v1/narrations, read into a service.Submission.

Two ways to send an article, told apart by Content-Type:

    application/json      NarrationCreate: exactly one of text, html or markdown, plus options
    multipart/form-data   a `file` field (.txt, .html, .md) plus NarrationUpload's fields

Both are read within a size limit before anything is parsed, and both are validated by the
same pydantic models, so a bad field is the same 422 either way.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from narrator import errors
from narrator.api.schemas import SOURCE_FIELDS, NarrationCreate, NarrationUpload, RenderOptions
from narrator.config import Settings
from narrator.service import RenderRequest, Submission
from narrator.text.extract import READABLE_PATTERN

M = TypeVar("M", bound=BaseModel)

_JSON_TYPES = ("application/json",)
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_FORM_OPTIONS = tuple(NarrationUpload.model_fields)
_SOURCES = ("file", "text", "html", "markdown")
# Room for the multipart framing and the option fields around an upload.
_FORM_OVERHEAD = 64 * 1024
# A JSON string may spend up to 6 bytes per character (\uXXXX).
_JSON_BYTES_PER_CHAR = 6


def render_request(options: RenderOptions) -> RenderRequest:
    """The service's view of validated options."""
    return RenderRequest(
        voice=options.voice, speed=options.speed, format=options.format, queue=options.queue
    )


async def read_submission(request: Request, settings: Settings) -> Submission:
    """The article and options of a POST, by Content-Type; BinaryInput for any other type."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in _JSON_TYPES or ctype.endswith("+json"):
        return await _from_json(
            request, settings.max_text_chars * _JSON_BYTES_PER_CHAR + _FORM_OVERHEAD
        )
    if ctype in _FORM_TYPES:
        return await _from_form(request, settings)
    raise errors.BinaryInput(
        f"unsupported Content-Type {ctype or '(none)'!r}: send application/json with "
        "text, html or markdown, or multipart/form-data with a file"
    )


def _declared_over(request: Request, limit: int) -> str | None:
    """The Content-Length when it already says the body is over `limit`: refuse unread."""
    declared = request.headers.get("content-length")
    return declared if declared and declared.isdigit() and int(declared) > limit else None


async def read_limited(request: Request, limit: int) -> bytes:
    if declared := _declared_over(request, limit):
        raise errors.InputTooLarge(f"request body is {declared} bytes; the limit is {limit}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.InputTooLarge(f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def validate(model: type[M], data: Any) -> M:
    # A 422 naming each field, as FastAPI gives for a body it validates itself.
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise RequestValidationError(e.errors(include_url=False, include_context=True)) from None


async def _from_json(request: Request, limit: int) -> Submission:
    raw = await read_limited(request, limit)
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise RequestValidationError(
            [{"loc": ("body",), "msg": "the body is not valid JSON", "type": "json_invalid"}]
        ) from None
    body = validate(NarrationCreate, payload)
    return Submission(
        data=body.source,
        render=render_request(body),
        kind=body.kind,
        title=body.title,
        author=body.author,
    )


async def _from_form(request: Request, settings: Settings) -> Submission:
    limit = settings.max_upload_bytes + _FORM_OVERHEAD
    # The message names the upload limit: that is the one the user can act on.
    if declared := _declared_over(request, limit):
        raise errors.InputTooLarge(
            f"upload is {declared} bytes; the limit is {settings.max_upload_bytes} bytes"
        )
    try:
        form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
    except StarletteHTTPException as e:
        raise errors.InputError(f"could not read the form: {e.detail}") from None
    try:
        # A field the form does not have is refused, as in a JSON body: a misspelt "titel"
        # would otherwise be dropped without a word.
        unknown = sorted({k for k in form if k not in (*_FORM_OPTIONS, *_SOURCES)})
        if unknown:
            raise RequestValidationError(
                [
                    {
                        "loc": ("body", name),
                        "msg": "no such field: the form takes file, " + ", ".join(_FORM_OPTIONS),
                        "type": "extra_forbidden",
                    }
                    for name in unknown
                ]
            )
        fields = {k: v for k, v in form.items() if k in _FORM_OPTIONS and isinstance(v, str) and v}
        sources = [k for k in _SOURCES if form.get(k) not in (None, "")]
        upload = form.get("file")
        # A `file` part sent without a filename arrives as a plain field: its text is the file.
        if sources != ["file"] or not isinstance(upload, UploadFile | str):
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
        if isinstance(upload, str):
            data, filename = upload.encode("utf-8"), None
        else:
            data, filename = await upload.read(settings.max_upload_bytes + 1), upload.filename
        opts = validate(NarrationUpload, fields)
        return Submission(
            data=data,
            render=render_request(opts),
            filename=filename,
            title=opts.title,
            author=opts.author,
        )
    finally:
        await form.close()


def _form_fields() -> dict[str, Any]:
    """NarrationUpload's fields as form fields: the same limits and enums, without null (an
    empty field counts as not sent)."""
    fields: dict[str, Any] = {}
    for name, prop in NarrationUpload.model_json_schema()["properties"].items():
        branch = next(b for b in prop.get("anyOf", [prop]) if b.get("type") != "null")
        merged = {**prop, **branch}.items()
        field = {k: v for k, v in merged if k not in ("anyOf", "title", "default")}
        described = field.pop("description", None)
        fields[name] = {"anyOf": [field, NOT_SENT]}
        if described:
            fields[name]["description"] = described
    return fields


# An HTML form sends every field, empty when left blank: the schema says so, and the server
# reads an empty field as one not sent (its default).
NOT_SENT: dict[str, Any] = {"type": "string", "maxLength": 0, "description": "empty: not sent"}


def request_body_schema() -> dict[str, Any]:
    """The OpenAPI requestBody of POST /v1/narrations: the JSON model or a multipart upload."""
    json_schema = NarrationCreate.model_json_schema(ref_template="#/components/schemas/{model}")
    json_schema.pop("$defs", None)
    # The contract says what the server accepts: exactly one source, a string with something
    # in it (the model itself also treats null as absent, for lenient clients).
    # A null source counts as not sent, so "exactly one" is of the sources given as strings.
    readable = {"type": "string", "minLength": 1, "pattern": READABLE_PATTERN}
    for name in SOURCE_FIELDS:
        described = json_schema["properties"][name].get("description", "")
        json_schema["properties"][name] = {
            "anyOf": [readable, {"type": "null"}],
            "description": described,
        }
    json_schema["oneOf"] = [
        {"required": [name], "properties": {name: {"type": "string"}}} for name in SOURCE_FIELDS
    ]
    form: dict[str, Any] = {
        "type": "object",
        "required": ["file"],
        "additionalProperties": False,
        "properties": {
            # Text, as OpenAPI 3.1 describes a part's content (contentMediaType; 3.0's
            # `format: binary` says any bytes, and a binary file is refused).
            "file": {
                "type": "string",
                "contentMediaType": "text/plain",
                "description": "An article file: .txt, .html or .md (UTF-8 or declared "
                "charset); binary files (images, PDFs...) are refused with 415",
            },
            **_form_fields(),
        },
    }
    return {
        "required": True,
        "content": {
            "application/json": {"schema": json_schema},
            "multipart/form-data": {
                "schema": form,
                "encoding": {"file": {"contentType": "text/plain, text/html, text/markdown"}},
            },
        },
    }
