"""The OpenAPI schema, with what only the running server knows: which voices it has.

Every `voice` field and parameter gets a pattern that matches exactly the voice ids this server
accepts in their canonical form (GET /v1/voices): an installed voice, or an installed espeak
voice with a variant ("en-us+f3"). A client generator then checks voices the way the server
does, and a request the schema allows is never refused for its voice. (The server also accepts
other spellings of the same ids, "EN_us": the schema names the canonical one.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi import FastAPI

from narrator import errors
from narrator.api.voice_catalog import VoiceCatalog

VARIANT = r"[a-z0-9]{1,20}"  # as voice_catalog accepts an espeak variant


def voice_pattern(voices: Sequence[Any]) -> str:
    espeak = sorted((v.id for v in voices if v.engine == "espeak"), key=len, reverse=True)
    others = sorted((v.id for v in voices if v.engine != "espeak"), key=len, reverse=True)
    parts = []
    if espeak:
        parts.append(f"(?:{'|'.join(map(re.escape, espeak))})(?:\\+{VARIANT})?")
    parts.extend(map(re.escape, others))
    return f"^(?:{'|'.join(parts)})$"


def _string_schemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The string branches a voice may take; not a form's empty "not sent" branch."""
    if schema.get("type") == "string" and schema.get("maxLength") != 0:
        yield schema
    for option in schema.get("anyOf", []):
        yield from _string_schemas(option)


def constrain_voices(schema: dict[str, Any], pattern: str) -> dict[str, Any]:
    """Add `pattern` to every string `voice` property and parameter of `schema` (in place):
    components, inline request bodies (JSON and forms) and query parameters alike."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            voice = node.get("properties", {}).get("voice")
            if isinstance(voice, dict):
                for s in _string_schemas(voice):
                    s["pattern"] = pattern
            if node.get("name") == "voice" and node.get("in") in ("query", "path"):
                for s in _string_schemas(node.get("schema", {})):
                    s["pattern"] = pattern
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def install(app: FastAPI, catalog: VoiceCatalog) -> None:
    """app.openapi() with the voices constrained (cached once the voices are known)."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        try:
            constrain_voices(schema, voice_pattern(catalog.voices()))
        except errors.NarratorError:  # voices not known yet: the plain schema, asked again later
            app.openapi_schema = None
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
