"""An uploaded batch to items: each checked on its own, so one bad item never sinks the batch.

    items = intake.from_json(payload["items"], limits)     # a JSON list of objects
    items = intake.from_ndjson(body, limits)               # one JSON object per line
    items = intake.finish(items, limits)                   # counts, duplicate external ids

An item that cannot be used is kept with the reason (`error`), and is recorded as failed; what
is wrong with the batch as a whole (nothing in it, too many items) raises an InputError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from narrator import errors
from narrator.config import LABEL_PATTERN, Settings

SOURCE_FIELDS = ("text", "html", "markdown")
TEXT_FIELDS = {"title": 1000, "author": 500, "external_id": 500}
ITEM_FIELDS = (*SOURCE_FIELDS, *TEXT_FIELDS)
_SHAPE = (
    "an item is an object with one of text, html or markdown, and optional title, author, "
    "external_id (strings)"
)


@dataclass(frozen=True)
class Limits:
    """What one batch may hold (from Settings): items, bytes in all, characters per article."""

    max_items: int
    max_bytes: int
    max_chars: int
    max_file_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            max_items=settings.batch_max_items,
            max_bytes=settings.batch_max_bytes,
            max_chars=settings.max_text_chars,
            max_file_bytes=settings.max_upload_bytes,
        )


@dataclass(frozen=True)
class Item:
    """One article of a batch as sent; `error` says why it cannot be narrated (then no data)."""

    name: str | None = None
    external_id: str | None = None
    kind: str | None = None  # text, html, markdown; None: detected from the name and content
    data: str | None = None
    title: str | None = None
    author: str | None = None
    error: str | None = None

    def payload(self) -> dict[str, Any] | None:
        if self.error is not None:
            return None
        return {"kind": self.kind, "data": self.data, "title": self.title, "author": self.author}


def refused(name: str | None, reason: str, external_id: str | None = None) -> Item:
    return Item(name=name, external_id=external_id, error=reason)


def checked_text(name: str | None, text: str, limits: Limits) -> str | None:
    """Why this article text cannot be narrated (too long, empty), or None."""
    if len(text) > limits.max_chars:
        return (
            f"article is {len(text)} characters; the limit is {limits.max_chars}: split it into "
            "parts"
        )
    if not text.strip():
        return "the article is empty: there is no text to narrate"
    return None


def from_object(value: Any, limits: Limits, name: str | None = None) -> Item:
    """A JSON value to an item, refused with the reason when it is not a usable one."""
    if not isinstance(value, dict):
        return refused(name, f"not an object ({type(value).__name__}): {_SHAPE}")
    external_id = value.get("external_id")
    external_id = external_id if isinstance(external_id, str) and external_id else None
    unknown = sorted(k for k in value if k not in ITEM_FIELDS)
    if unknown:
        return refused(name, f"unknown field(s) {', '.join(unknown)}: {_SHAPE}", external_id)
    for field, limit in TEXT_FIELDS.items():
        v = value.get(field)
        if v is not None and not isinstance(v, str):
            return refused(name, f"{field} must be a string: {_SHAPE}", external_id)
        if isinstance(v, str) and len(v) > limit:
            return refused(name, f"{field} is over {limit} characters", external_id)
        if isinstance(v, str) and field != "external_id" and not re.match(LABEL_PATTERN, v):
            reason = f"{field} must be text without control characters (NUL, ESC and the like)"
            return refused(name, reason, external_id)
    sources = [f for f in SOURCE_FIELDS if value.get(f) is not None]
    if len(sources) != 1:
        got = ", ".join(sources) or "none"
        return refused(name, f"give exactly one of text, html or markdown (got {got})", external_id)
    kind = sources[0]
    data = value[kind]
    if not isinstance(data, str):
        return refused(name, f"{kind} must be a string", external_id)
    problem = checked_text(name, data, limits)
    if problem:
        return refused(name, problem, external_id)
    return Item(
        name=name,
        external_id=external_id,
        kind=kind,
        data=data,
        title=value.get("title") or None,
        author=value.get("author") or None,
    )


def from_json(values: Iterable[Any], limits: Limits) -> list[Item]:
    return [from_object(v, limits) for v in values]


def from_ndjson(body: bytes, limits: Limits) -> list[Item]:
    """One item per non-blank line; a line that is not JSON is a failed item, named "line N"."""
    items = []
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"line {number}"
        try:
            value = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            items.append(refused(name, "the line is not UTF-8: NDJSON is UTF-8 text"))
            continue
        except ValueError as e:
            items.append(refused(name, f"the line is not valid JSON ({e})"))
            continue
        items.append(from_object(value, limits, name))
        if len(items) > limits.max_items:
            break  # finish() says how many are allowed
    return items


def finish(items: list[Item], limits: Limits) -> list[Item]:
    """The batch's items, checked together: not empty, not too many, external ids unique."""
    if not items:
        raise errors.InputError(
            "the batch is empty: send at least one article (text, html or markdown)"
        )
    if len(items) > limits.max_items:
        raise errors.InputTooLarge(
            f"the batch has more than {limits.max_items} items, the limit: split it into batches"
        )
    seen: dict[str, int] = {}
    out = []
    for index, item in enumerate(items):
        key = item.external_id
        if key is not None and key in seen:
            item = replace(
                item,
                error=f"duplicate external_id {key!r}: item {seen[key]} has it too",
                data=None,
            )
        elif key is not None:
            seen[key] = index
        out.append(item)
    return out
