"""/v1/voices: the voices the workers can speak."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from narrator.api.deps import SettingsDep, VoicesDep
from narrator.api.schemas import VoicePublic, VoicesPublic
from narrator.api.views import ERRORS
from narrator.api.voice_catalog import CatalogVoice

router = APIRouter(prefix="/v1/voices", tags=["voices"])

# Regions as a listener names them; others keep the name espeak gives them.
_REGIONS = {"america": "US", "great britain": "UK", "received pronunciation": "UK RP"}
_PARENS = re.compile(r"\(([^()]*)\)")


def label(v: CatalogVoice) -> str:
    """A short human name for a chooser: "Joe (neural, US)", "espeak US", "espeak UK, f3"."""
    country = v.language.partition("-")[2].upper()
    country = {"GB": "UK"}.get(country, country)
    if v.engine == "piper":
        return f"{v.name.split()[0]} (neural{', ' + country if country else ''})"
    if v.engine != "espeak":
        return v.name
    parts = _PARENS.findall(v.name)
    region = parts[0].split(",")[-1].strip() if parts else ""
    region = _REGIONS.get(region.lower(), region) or country or v.language
    variant = v.id.partition("+")[2]
    return f"espeak {region}" + (f", {variant}" if variant else "")


def _speaks(v: CatalogVoice, language: str) -> bool:
    """Whether a voice speaks `language`: "en" matches en-us and en-gb, "en-us" only en-us."""
    want, have = language.lower(), v.language.lower()
    return have == want or have.startswith(want + "-") or want.startswith(have + "-")


@router.get("", response_model=VoicesPublic, responses={503: ERRORS[503]})
async def list_voices(
    voices: VoicesDep,
    settings: SettingsDep,
    language: Annotated[
        str | None,
        Query(max_length=35, description="Only voices of this language (en: en-us, en-gb, ...)"),
    ] = None,
) -> VoicesPublic:
    found = await run_in_threadpool(voices.voices)
    # The concrete voice ("auto" resolved the way narrations resolve it), not the setting.
    default = await run_in_threadpool(voices.resolve, settings.default_voice)
    if language:
        found = [v for v in found if _speaks(v, language)]
    # The default first: a chooser opens on it.
    found = sorted(found, key=lambda v: v.id != default.id)
    return VoicesPublic(
        default=default.id,
        voices=[
            VoicePublic(
                id=v.id,
                name=v.name,
                label=label(v),
                language=v.language,
                engine=v.engine,
                gender=v.gender,
            )
            for v in found
        ],
    )
