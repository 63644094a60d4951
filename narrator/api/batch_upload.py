"""The body of POST /v1/batches, read into batch items, told apart by Content-Type:

    application/json       {"items": [...], "voice"?, "speed"?, "format"?} or a bare [...] list
    application/x-ndjson   one item object per line
    application/zip        .html, .md and .txt files (narrator.batches.archive)

Each is read within settings.batch_max_bytes before anything is parsed. Options come from the
query string, and a JSON object's own options take precedence over it.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from narrator import errors
from narrator.api.schemas import BatchItemCreate, BatchOptions
from narrator.api.submission import read_limited, validate
from narrator.batches import archive, intake
from narrator.config import FORMATS, MAX_SPEED, MIN_SPEED, Settings

JSON_TYPES = ("application/json",)
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl")
ZIP_TYPES = ("application/zip", "application/x-zip-compressed")
_TYPES = "application/json, application/x-ndjson or application/zip"


async def read_batch(
    request: Request, settings: Settings, options: BatchOptions
) -> tuple[BatchOptions, list[intake.Item]]:
    """The batch's options and items; InputError (4xx) for what sinks the whole batch."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in (*JSON_TYPES, *NDJSON_TYPES, *ZIP_TYPES) and not ctype.endswith("+json"):
        raise errors.BinaryInput(f"unsupported Content-Type {ctype or '(none)'!r}: send {_TYPES}")
    limits = intake.Limits.of(settings)
    body = await read_limited(request, limits.max_bytes)
    if ctype in ZIP_TYPES:
        items = archive.from_zip(body, limits)
    elif ctype in NDJSON_TYPES:
        items = intake.from_ndjson(body, limits)
    else:
        options, values = _from_json(body, options)
        items = intake.from_json(values[: limits.max_items + 1], limits)
    return options, intake.finish(items, limits)


def _from_json(body: bytes, options: BatchOptions) -> tuple[BatchOptions, list[Any]]:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _invalid(("body",), "the body is not valid JSON") from None
    if isinstance(payload, list):
        return options, payload
    if not isinstance(payload, dict):
        raise _invalid(("body",), "send a JSON object with `items` (a list), or a list of items")
    values = payload.pop("items", None)
    if not isinstance(values, list):
        raise _invalid(("body", "items"), "items must be a list of article objects")
    given = validate(BatchOptions, payload)
    merged = options.model_copy(update=given.model_dump(exclude_unset=True))
    return merged, values


def _invalid(loc: tuple[str, ...], message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": loc, "msg": message, "type": "value_error"}])


def request_body_schema() -> dict[str, Any]:
    """The OpenAPI requestBody: what each Content-Type accepts, as the server reads it."""
    item = {
        "anyOf": [
            BatchItemCreate.model_json_schema(),
            {"description": "anything else: recorded as a failed item, with the reason"},
        ]
    }
    # null is the same as leaving an option out (the query string's, else the default).
    options = {
        "voice": {
            "anyOf": [{"type": "string", "minLength": 1, "maxLength": 200}, {"type": "null"}]
        },
        "speed": {
            "anyOf": [
                {"type": "number", "minimum": MIN_SPEED, "maximum": MAX_SPEED},
                {"type": "null"},
            ]
        },
        "format": {"anyOf": [{"type": "string", "enum": list(FORMATS)}, {"type": "null"}]},
    }
    obj = {
        "type": "object",
        "required": ["items"],
        "additionalProperties": False,
        "properties": {"items": {"type": "array", "minItems": 1, "items": item}, **options},
    }
    json_schema = {"oneOf": [obj, {"type": "array", "minItems": 1, "items": item}]}
    return {
        "required": True,
        "content": {
            "application/json": {"schema": json_schema},
            "application/x-ndjson": {
                "schema": {
                    "type": "string",
                    "description": "One item object (as BatchItemCreate) per line, UTF-8; a "
                    'line that is not one is a failed item named "line N"',
                }
            },
            "application/zip": {
                "schema": {
                    "type": "string",
                    "format": "binary",
                    "description": ".html, .md and .txt files; each file is an item named "
                    "by its path (also its external_id); other files are failed items",
                }
            },
        },
    }
