"""The voice-id rule shared by the engines and the API's catalog, on plain data."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from narrator import errors
from narrator.speech import matching


@dataclass(frozen=True)
class V:
    id: str
    language: str
    engine: str = "espeak"


ESPEAK = [V("en-us", "en-us"), V("en-gb", "en-gb"), V("en-us+f3", "en-us"), V("fr", "fr-fr")]
JOE = V("piper/en_US-joe-medium", "en-us", "piper")


def no_variant(voice_id: str) -> V | None:
    return None


@pytest.mark.parametrize(
    ("asked", "normalized"),
    [
        ("en_US", "en-us"),
        (" EN-GB ", "en-gb"),
        ("en", "en-gb"),
        ("en-US+F3", "en-us+f3"),
        ("piper/en_US-joe-medium", "piper/en_us-joe-medium"),
        ("Auto", "auto"),
    ],
)
def test_normalize(asked: str, normalized: str) -> None:
    assert matching.normalize(asked) == normalized


def test_auto_is_the_first_us_english_neural_voice_else_espeak_en_us() -> None:
    assert matching.auto_voice_id(ESPEAK) == "en-us"
    assert matching.auto_voice_id([]) == "en-us"
    assert matching.auto_voice_id([*ESPEAK, JOE]) == JOE.id
    assert matching.auto_voice_id([V("piper/de", "de", "piper")]) == "en-us"


@pytest.mark.parametrize(
    ("asked", "resolved"),
    [
        ("EN_us", "en-us"),
        ("en", "en-gb"),
        ("auto", "en-us"),
        ("fr-fr", "fr"),
        ("en-us+f3", "en-us+f3"),
    ],
)
def test_resolve(asked: str, resolved: str) -> None:
    assert matching.resolve(asked, ESPEAK, no_variant).id == resolved


def test_resolve_auto_to_the_neural_voice_when_installed() -> None:
    assert matching.resolve("AUTO", [*ESPEAK, JOE], no_variant) == JOE


def test_an_unlisted_variant_is_asked_of_the_engine() -> None:
    asked: list[str] = []

    def variant(voice_id: str) -> V | None:
        asked.append(voice_id)
        return V(voice_id, "en-us") if voice_id == "en-us+klatt" else None

    assert matching.resolve("en-US+Klatt", ESPEAK, variant).id == "en-us+klatt"
    with pytest.raises(errors.UnknownVoice):
        matching.resolve("en-us+nope", ESPEAK, variant)
    assert asked == ["en-us+klatt", "en-us+nope"]


def test_unknown_voice_names_the_closest_ids() -> None:
    with pytest.raises(errors.UnknownVoice) as info:
        matching.resolve("en-uss", ESPEAK, no_variant)
    assert "en-us" in info.value.suggestions


def test_a_neural_voice_without_the_extra_says_how_to_install_it() -> None:
    with pytest.raises(errors.UnknownVoice) as info:
        matching.resolve(JOE.id, ESPEAK, no_variant)
    assert info.value.suggestions == [matching.NEURAL_INSTALL_HINT]
    assert "narrator[neural]" in str(info.value)


def test_the_rule_loads_no_engine() -> None:
    code = (
        "import sys, narrator.speech.matching\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pyttsx3', 'piper', 'onnxruntime')"
        " or m.startswith('narrator.speech.') and m != 'narrator.speech.matching']\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
