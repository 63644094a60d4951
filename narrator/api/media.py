"""Serving a stored file with Range, ETag and long-lived caching.

Local storage: Starlette's FileResponse (Range, multi-range, If-Range, HEAD, 416 are its job).
S3: a proxied ranged read (storage.iter_range) with narrator.api.ranges deciding the bytes.
We proxy rather than redirect to a presigned URL so that both backends answer identically:
the same ETag, Cache-Control, signed-link check and error bodies, and a player never follows a
cross-origin redirect (which breaks CORS and Range on some browsers).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import FileResponse, Response, StreamingResponse

from narrator import errors
from narrator.api import ranges
from narrator.api.errors import error_response
from narrator.store.files import MissingKey, Storage

# The bytes behind a narration id never change: a re-render gets a new id.
IMMUTABLE = "public, max-age=31536000, immutable"


def _quoted(etag: str) -> str:
    return etag if etag.startswith(('"', 'W/"')) else f'"{etag}"'


def _not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag.removeprefix("W/") in tags


def serve(
    request: Request,
    storage: Storage,
    key: str,
    media_type: str,
    *,
    etag: str | None = None,
    filename: str | None = None,
) -> Response:
    try:
        path = storage.local_path(key)
        if path is not None and not path.is_file():
            raise MissingKey(key)
        tag = _quoted(etag or storage.etag(key))
        size = None if path is not None else storage.size(key)
    except MissingKey:
        # The row says ready but the file is gone: our fault, not the client's.
        raise errors.StorageError(
            "the stored file of this narration is missing; delete and submit it again"
        ) from None
    headers = {"Cache-Control": IMMUTABLE, "ETag": tag}
    if _not_modified(request, tag):
        return Response(status_code=304, headers=headers)
    if path is not None:
        return FileResponse(
            path,
            media_type=media_type,
            headers=headers,
            filename=filename,
            content_disposition_type="inline",
        )
    assert size is not None
    return _proxy(request, storage, key, size, media_type, headers, filename)


def _proxy(
    request: Request,
    storage: Storage,
    key: str,
    size: int,
    media_type: str,
    headers: dict[str, str],
    filename: str | None,
) -> Response:
    headers = {**headers, "Accept-Ranges": "bytes"}
    if filename:
        headers["Content-Disposition"] = f'inline; filename="{filename}"'
    head = request.method == "HEAD"
    chosen: list[ranges.ByteRange] = []
    http_range = request.headers.get("range")
    if http_range is not None and ranges.if_range_matches(
        request.headers.get("if-range"), headers["ETag"]
    ):
        try:
            chosen = ranges.parse_range(http_range, size)
        except ranges.MalformedRange as e:
            return error_response(400, "bad_range", str(e))
        except ranges.RangeNotSatisfiable:
            return error_response(
                416,
                "range_not_satisfiable",
                f"the file is {size} bytes; ask for a range that starts before that",
                headers={"Content-Range": f"bytes */{size}"},
            )
    if len(chosen) == 1:
        r = chosen[0]
        headers.update({"Content-Range": r.content_range(size), "Content-Length": str(r.length)})
        body = iter(()) if head else storage.iter_range(key, r.start, r.end)
        return StreamingResponse(body, status_code=206, media_type=media_type, headers=headers)
    # No Range, an If-Range for another version, or several ranges: the whole file.
    headers["Content-Length"] = str(size)
    body = iter(()) if head else storage.iter_range(key, 0, size)
    return StreamingResponse(body, status_code=200, media_type=media_type, headers=headers)
