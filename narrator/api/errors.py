"""The one place that maps errors to HTTP responses.

Every error body has the same shape: {"error": {"code": "...", "message": "...", ...}}.

    narrator.errors                         HTTP
    ├── InputError                          400 bad_request
    │   ├── EmptyArticle                    422 empty_article
    │   ├── BinaryInput                     415 binary_input
    │   ├── InputTooLarge                   413 too_large
    │   ├── UnknownVoice                    422 unknown_voice (+ suggestions)
    │   ├── InvalidSpeed                    422 invalid_speed
    │   ├── UnknownFormat                   422 unknown_format
    │   ├── LexiconError                    422 invalid_lexicon (+ problems: line, message)
    │   └── InvalidUrl                      422 invalid_url (a feed's, a webhook's)
    ├── NotFound                            404 not_found
    ├── Conflict                            409 conflict
    ├── PreconditionFailed                  412 precondition_failed (If-Match: another version)
    ├── Unauthorized                        401 unauthorized (+ WWW-Authenticate)
    ├── Forbidden (here)                    403 forbidden (missing/expired/bad link signature)
    ├── NotReady (here)                     409 not_ready (+ Retry-After)
    ├── TooManyRequests (here)              429 rate_limited (+ Retry-After)
    └── ServiceError                        503 unavailable (storage, broker, ...)
        ├── Busy                            503 busy (+ Retry-After: when to ask again)
        ├── EngineError                     500 internal
        └── AudioError                      500 internal
    RequestValidationError (FastAPI)        422 invalid_request, a message naming each field
    HTTPException (routing: 404, 405, ...)  its status, the same body shape
    OperationalError (SQLAlchemy)           503 unavailable (+ Retry-After): the database is
                                            locked past its wait, or unreachable
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from narrator import contract, errors
from narrator.config import FORMATS, LABEL_PATTERN

log = logging.getLogger(__name__)


class Forbidden(errors.NarratorError):
    """A signed link is required and this one is missing, wrong or expired."""


class NotReady(errors.NarratorError):
    """The narration exists but its audio is not rendered (yet, or ever: failed)."""

    def __init__(self, message: str, *, status: str, retry_after: int | None = 2) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class TooManyRequests(errors.NarratorError):
    """A client asked more often than its limit allows; it may ask again after retry_after s."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(errors.ServiceError):
    """A dependency (database, broker, storage) cannot be reached."""


# Most specific first: the first isinstance match wins.
_INPUT: list[tuple[type[errors.InputError], int, str]] = [
    (errors.EmptyArticle, 422, "empty_article"),
    (errors.BinaryInput, 415, "binary_input"),
    (errors.InputTooLarge, 413, "too_large"),
    (errors.UnknownVoice, 422, "unknown_voice"),
    (errors.InvalidSpeed, 422, "invalid_speed"),
    (errors.UnknownFormat, 422, "unknown_format"),
    (errors.LexiconError, 422, "invalid_lexicon"),
    (errors.InvalidUrl, 422, "invalid_url"),
    (errors.InputError, 400, "bad_request"),
]

# Human messages for fields whose pydantic message says too little.
_FIELD_HINTS = {
    "speed": "speed must be a number from 1.0 to 2.0 (1x = 200 WPM, 1.25 = 250 WPM)",
    "format": f"format must be one of {', '.join(FORMATS)}",
    "queue": f"queue must be {' or '.join(contract.SUBMIT_QUEUES)}",
    "cursor": "cursor must be the next_cursor of a previous page, unchanged, or absent",
    "url": "url must be an http:// or https:// address with a host name (xn-- form for "
    "international names), an optional port from 1 to 65535 and no spaces, like "
    "https://example.com/feed.xml (file:// and other schemes are not accepted)",
}


# A listener told to wait: when its stream is expected to start, in seconds (Retry-After says
# when to ask again, sooner, to keep its place in line; HEAD answers carry no body).
START_IN_HEADER = "Narrator-Starts-In"


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def error_response(
    http_status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = error_body(code, message, **extra)
    return JSONResponse(body, status_code=http_status, headers=headers)


def to_response(exc: errors.NarratorError) -> JSONResponse:
    message = str(exc) or type(exc).__name__
    if isinstance(exc, errors.InputError):
        for cls, status, code in _INPUT:
            if isinstance(exc, cls):
                extra: dict[str, Any] = {}
                if isinstance(exc, errors.UnknownVoice):
                    extra = {"voice": exc.voice, "suggestions": exc.suggestions}
                elif isinstance(exc, errors.LexiconError):
                    extra = {"problems": [{exc.unit: n, "message": m} for n, m in exc.problems]}
                return error_response(status, code, message, **extra)
    if isinstance(exc, errors.NotFound):
        return error_response(404, "not_found", message)
    if isinstance(exc, errors.Conflict):
        return error_response(409, "conflict", message)
    if isinstance(exc, errors.PreconditionFailed):
        return error_response(412, "precondition_failed", message)
    if isinstance(exc, errors.Unauthorized):
        return error_response(
            401, "unauthorized", message, headers={"WWW-Authenticate": 'Bearer realm="narrator"'}
        )
    if isinstance(exc, Forbidden):
        return error_response(403, "forbidden", message)
    if isinstance(exc, NotReady):
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return error_response(409, "not_ready", message, headers=headers, status=exc.status)
    if isinstance(exc, TooManyRequests):
        headers = {"Retry-After": str(exc.retry_after)}
        return error_response(429, "rate_limited", message, headers=headers)
    if isinstance(exc, errors.Busy):
        headers = {"Retry-After": str(exc.retry_after), START_IN_HEADER: str(exc.starts_in)}
        return error_response(
            503,
            "busy",
            message,
            headers=headers,
            retry_after=exc.retry_after,
            starts_in=exc.starts_in,
        )
    if isinstance(exc, errors.ServiceError) and not isinstance(
        exc, errors.EngineError | errors.AudioError
    ):
        log.warning("service unavailable: %s", exc)
        return error_response(503, "unavailable", message, headers={"Retry-After": "5"})
    log.error("service error: %s", exc, exc_info=exc)
    return error_response(500, "internal", message)


def validation_message(details: Sequence[Any]) -> str:
    """One sentence naming every field to fix: 'speed: must be ...; voice: ...'."""
    parts: list[str] = []
    for d in details:
        loc = [str(p) for p in d.get("loc", ()) if p not in ("body", "query", "path", "header")]
        field = ".".join(loc)
        hint = _FIELD_HINTS.get(loc[-1]) if loc else None
        msg = hint or str(d.get("msg", "invalid value"))
        if (d.get("ctx") or {}).get("pattern") == LABEL_PATTERN:
            msg = "must be text without control characters (NUL, ESC and the like)"
        if msg.startswith("Value error, "):
            msg = msg.removeprefix("Value error, ")
        if hint or not field:
            parts.append(msg)
        else:
            parts.append(f"{field}: {msg}")
    return "; ".join(dict.fromkeys(parts)) or "invalid request"


def _jsonable(details: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for d in details:
        out.append(
            {
                "loc": [p if isinstance(p, int | str) else str(p) for p in d.get("loc", ())],
                "msg": str(d.get("msg", "")),
                "type": str(d.get("type", "")),
            }
        )
    return out


async def _narrator_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.NarratorError)
    return to_response(exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = list(exc.errors())
    return error_response(
        422, "invalid_request", validation_message(details), details=_jsonable(details)
    )


_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such resource: {request.url.path}"
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:
        # Starlette names only the first route whose path matched; a resource's GET, HEAD and
        # DELETE are separate routes, so the client is told every method the schema gives it.
        headers["Allow"] = ", ".join(_allowed_methods(request))
        message = f"{request.method} is not allowed here; use {headers['Allow']}"
    return error_response(
        exc.status_code,
        _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}"),
        message,
        headers=headers or None,
    )


def _allowed_methods(request: Request) -> list[str]:
    """The methods the API's own OpenAPI document gives the request's path."""
    allowed: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            allowed |= {method.upper() for method in operations if method != "parameters"}
    if "GET" in allowed:
        allowed.add("HEAD")  # every GET route here answers HEAD too
    return sorted(allowed)


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    # The database refused or timed out (SQLite's lock wait ran out, PostgreSQL went away):
    # nothing was saved by this request, and the same request may succeed in a moment.
    log.warning("database unavailable on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        503,
        "unavailable",
        "the database is busy or unreachable and nothing was saved; send the same request "
        "again in a few seconds",
        headers={"Retry-After": "5"},
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal", "internal error; it has been logged")


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.NarratorError, _narrator_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)
