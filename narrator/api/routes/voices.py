"""/v1/voices: the voices the workers can speak."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from narrator.api.deps import SettingsDep, VoicesDep
from narrator.api.schemas import VoicePublic, VoicesPublic
from narrator.api.views import ERRORS

router = APIRouter(prefix="/v1/voices", tags=["voices"])


@router.get("", response_model=VoicesPublic, responses={503: ERRORS[503]})
async def list_voices(voices: VoicesDep, settings: SettingsDep) -> VoicesPublic:
    found = await run_in_threadpool(voices.voices)
    # The concrete voice ("auto" resolved the way narrations resolve it), not the setting.
    default = await run_in_threadpool(voices.resolve, settings.default_voice)
    return VoicesPublic(
        default=default.id,
        voices=[
            VoicePublic(id=v.id, name=v.name, language=v.language, engine=v.engine, gender=v.gender)
            for v in found
        ],
    )
