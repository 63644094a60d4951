"""Which voices exist, what a voice id means, and the engine that speaks it.

Engines are created lazily, one per engine name and per process: a forked worker never uses
its parent's engine (espeak would hang, piper's ONNX session is not fork-safe either).
"""

from __future__ import annotations

import os

from narrator import errors
from narrator.speech import matching, piper
from narrator.speech.engine import Engine, FakeEngine, Voice

ENGINES = ("espeak", "piper", "fake")

# The default voice id: the best installed English voice, decided when a narration is planned.
AUTO = "auto"
ENGLISH_FALLBACK = "en-us"  # espeak-ng, always installed


def auto_voice_id() -> str:
    """What "auto" means here: piper's Joe when the neural extra is installed, else en-us.

    The API applies the same rule to its voice catalog (narrator.api.voice_catalog).
    """
    return piper.VOICE_ID if piper.available() else ENGLISH_FALLBACK


_engines: dict[tuple[int, str], Engine] = {}
_voices: dict[int, list[Voice]] = {}


def get_engine(name: str) -> Engine:
    key = (os.getpid(), name)
    engine = _engines.get(key)
    if engine is None:
        if name == "espeak":
            from narrator.speech.espeak import EspeakEngine

            engine = EspeakEngine()
        elif name == "piper":
            engine = piper.PiperEngine()
        elif name == "fake":
            engine = FakeEngine()
        else:
            raise errors.EngineError(f"unknown speech engine {name!r}; known: {', '.join(ENGINES)}")
        # Entries of a parent process are useless here: drop them.
        for k in [k for k in _engines if k[0] != key[0]]:
            del _engines[k]
        _engines[key] = engine
    return engine


def list_voices() -> list[Voice]:
    """Every installed voice: espeak's, then piper's when the neural extra is installed."""
    pid = os.getpid()
    if pid not in _voices:
        found = list(get_engine("espeak").voices())
        if piper.available():
            found.extend(get_engine("piper").voices())
        _voices.clear()
        _voices[pid] = found
    return list(_voices[pid])


def _normalize(voice_id: str) -> str:
    # "en_US" -> "en-us"; keep piper ids as they are apart from case.
    v = voice_id.strip().lower()
    if v.startswith("piper/"):
        return v
    return v.replace("_", "-")


def resolve_voice(voice_id: str) -> Voice:
    """The voice for an id, accepting any case and "en_US"-style ids."""
    if voice_id.strip().lower() == "fake":
        return FakeEngine().voices()[0]
    if voice_id.strip().lower() == AUTO:
        voice_id = auto_voice_id()
    wanted = _normalize(voice_id)
    voices = list_voices()
    by_id = {v.id.lower(): v for v in voices}
    from narrator.speech.espeak import CANONICAL_IDS

    wanted = CANONICAL_IDS.get(wanted, wanted)
    if wanted in by_id:
        return by_id[wanted]
    if wanted.startswith("piper/") and not piper.available():
        raise errors.UnknownVoice(voice_id, [piper.INSTALL_HINT])
    if "+" in wanted:  # any installed espeak variant, not only the listed ones
        from narrator.speech.espeak import EspeakEngine

        espeak = get_engine("espeak")
        if isinstance(espeak, EspeakEngine):
            found = espeak.lookup(wanted)
            if found is not None:
                return found.voice
    return matching.by_language_or_closest(voice_id, wanted, voices)
