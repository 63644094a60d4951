"""Which voices exist, what a voice id means, and the engine that speaks it.

Engines are created lazily, one per engine name and per process: a forked worker never uses
its parent's engine (espeak would hang, piper's ONNX session is not fork-safe either). What an
id means is narrator.speech.matching's rule, shared with the API's voice catalog.
"""

from __future__ import annotations

import os

from narrator import errors
from narrator.config import get_settings
from narrator.speech import matching, piper
from narrator.speech.engine import Engine, FakeEngine, Voice

ENGINES = ("espeak", "piper", "fake")


def auto_voice_id() -> str:
    """What "auto" means here: piper's Joe when the neural extra is installed, else en-us."""
    return matching.auto_voice_id(piper.installed())


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
            settings = get_settings()
            engine = piper.PiperEngine(threads=settings.engine_threads, seed=settings.piper_seed)
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
        found.extend(piper.installed())
        _voices.clear()
        _voices[pid] = found
    return list(_voices[pid])


def _espeak_variant(voice_id: str) -> Voice | None:
    """Any installed espeak variant ("en-us+klatt"), not only the listed ones."""
    from narrator.speech.espeak import EspeakEngine

    espeak = get_engine("espeak")
    found = espeak.lookup(voice_id) if isinstance(espeak, EspeakEngine) else None
    return found.voice if found is not None else None


def resolve_voice(voice_id: str) -> Voice:
    """The voice for an id, accepting any case and "en_US"-style ids (matching.resolve)."""
    if matching.normalize(voice_id) == matching.FAKE:
        return FakeEngine().voices()[0]
    return matching.resolve(voice_id, list_voices(), _espeak_variant)
