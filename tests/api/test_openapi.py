"""The schema names the voices this server has: every voice field takes exactly those ids."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient


def voice_patterns(schema: dict[str, Any]) -> list[str]:
    found = []
    for component in schema["components"]["schemas"].values():
        voice = component.get("properties", {}).get("voice")
        if voice is not None:
            options = voice.get("anyOf", [voice])
            found += [o["pattern"] for o in options if o.get("type") == "string"]
    for operations in schema["paths"].values():
        for operation in operations.values():
            for p in operation.get("parameters", []):
                if p["name"] == "voice":
                    options = p["schema"].get("anyOf", [p["schema"]])
                    found += [o["pattern"] for o in options if o.get("type") == "string"]
    return found


def test_every_voice_field_takes_the_installed_ids(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app()) as c:
        schema = c.get("/openapi.json").json()
        ids = [v["id"] for v in c.get("/v1/voices").json()["voices"]]
    patterns = voice_patterns(schema)
    assert len(patterns) >= 5 and len(set(patterns)) == 1  # narrations, batches, sources, ...
    pattern = patterns[0]
    for voice_id in ids:
        assert re.match(pattern, voice_id), voice_id
    espeak = next(i for i in ids if "/" not in i)
    assert re.match(pattern, f"{espeak}+f3")
    for wrong in ("klingon", "0", f"{espeak}+", f"{espeak}+F3!", "", "en-us en-gb"):
        assert not re.match(pattern, wrong), wrong
