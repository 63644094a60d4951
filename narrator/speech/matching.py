"""What a voice id means, given the voices installed: one rule for the API and the engines.

Pure (no engine import), so the API's catalog, which must not load an engine, and the engine
side (narrator.speech.voices) resolve ids the same way:

    normalize("en_US") == "en-us"       any case, "_" for "-", canonical ids ("en" is en-gb)
    auto_voice_id(installed)            what the default voice "auto" means here
    resolve(voice_id, installed, variant=...)   the voice, or UnknownVoice with close ids
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from narrator import errors

# The default voice id: the best installed English voice, decided when a narration is planned.
AUTO = "auto"
ENGLISH_FALLBACK = "en-us"  # espeak-ng, always installed
# Always accepted, never listed: deterministic tones for tests (narrator.speech.engine.FakeEngine).
FAKE = "fake"
NEURAL_ENGINE = "piper"
NEURAL_PREFIX = "piper/"  # piper ids keep their case-insensitive "en_US" spelling
NEURAL_INSTALL_HINT = "install the neural voice with `pip install 'narrator[neural]'`"
# Canonical ids that differ from the voice file's base name (espeak's "gmw/en" is British).
CANONICAL_IDS = {"en": "en-gb"}


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def engine(self) -> str: ...


V = TypeVar("V", bound=_Named)


def normalize(voice_id: str) -> str:
    """The id as voices are listed: lower case, "en_US" -> "en-us", "en" -> "en-gb"."""
    v = voice_id.strip().lower()
    if v.startswith(NEURAL_PREFIX):
        return v
    v = v.replace("_", "-")
    return CANONICAL_IDS.get(v, v)


def auto_voice_id(installed: Iterable[_Named]) -> str:
    """What "auto" means: the first US English neural voice when the neural extra is installed
    (better at speed), else espeak's en-us."""
    for v in installed:
        if v.engine == NEURAL_ENGINE and v.language.lower() == "en-us":
            return v.id
    return ENGLISH_FALLBACK


def resolve(voice_id: str, installed: Sequence[V], variant: Callable[[str], V | None]) -> V:
    """The installed voice `voice_id` names: "auto", any case, "en_US" for "en-us", a language
    code for its first voice; `variant(id)` finds a "base+variant" id the listing leaves out
    (None: no such variant). UnknownVoice names the closest ids, or how to install piper."""
    wanted = normalize(voice_id)
    if wanted == AUTO:
        wanted = normalize(auto_voice_id(installed))
    by_id = {v.id.lower(): v for v in installed}
    if wanted in by_id:
        return by_id[wanted]
    if wanted.startswith(NEURAL_PREFIX) and not any(v.engine == NEURAL_ENGINE for v in installed):
        raise errors.UnknownVoice(voice_id, [NEURAL_INSTALL_HINT])
    if "+" in wanted:
        found = variant(wanted)
        if found is not None:
            return found
    return _by_language_or_closest(voice_id, wanted, installed)


def _by_language_or_closest(voice_id: str, wanted: str, voices: Sequence[V]) -> V:
    """The first voice of language `wanted` ("en" is British English in espeak), else
    UnknownVoice naming the closest ids."""
    for v in voices:
        if v.language.lower() == wanted:
            return v
    by_id = {v.id.lower(): v for v in voices}
    close = difflib.get_close_matches(wanted, list(by_id), n=3, cutoff=0.5)
    raise errors.UnknownVoice(voice_id, [by_id[c].id for c in close])
