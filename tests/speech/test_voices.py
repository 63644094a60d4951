"""Voice listing, id resolution and per-process engines."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.speech import piper, voices
from narrator.speech.engine import FakeEngine


def test_list_has_espeak_voices_and_piper_when_installed():
    ids = {v.id: v for v in voices.list_voices()}
    assert {"en-us", "en-gb", "en-us+f3", "fr", "de"} <= set(ids)
    assert ids["en-us+f3"].gender == "female"
    assert ids["en-gb"].language == "en-gb"
    assert (piper.VOICE_ID in ids) == piper.available()


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("en-us", "en-us"),
        ("EN-US", "en-us"),
        ("en_US", "en-us"),
        ("en_GB", "en-gb"),
        ("en", "en-gb"),
        ("en-us+f3", "en-us+f3"),
        ("en-US+F3", "en-us+f3"),
        ("en-us+klatt", "en-us+klatt"),
        ("fr-fr", "fr"),
        ("fake", "fake"),
    ],
)
def test_resolve_accepts_loose_ids(asked, expected):
    assert voices.resolve_voice(asked).id == expected


def test_unknown_voice_suggests_close_ids():
    with pytest.raises(errors.UnknownVoice) as info:
        voices.resolve_voice("en-uss")
    assert "en-us" in info.value.suggestions


@pytest.mark.skipif(piper.available(), reason="only without the neural extra")
def test_piper_voice_without_extra_hints_install():
    with pytest.raises(errors.UnknownVoice, match=r"narrator\[neural\]"):
        voices.resolve_voice(piper.VOICE_ID)


def test_engines_are_one_per_process_and_name():
    assert voices.get_engine("espeak") is voices.get_engine("espeak")
    assert isinstance(voices.get_engine("fake"), FakeEngine)
    with pytest.raises(errors.EngineError):
        voices.get_engine("nope")


def test_auto_is_the_neural_voice_when_installed_else_en_us():
    expected = piper.VOICE_ID if piper.available() else "en-us"
    assert voices.auto_voice_id() == expected
    assert voices.resolve_voice("auto").id == expected
    assert voices.resolve_voice(" Auto ").id == expected


def test_the_default_voice_is_auto():
    from narrator.config import Settings

    assert Settings().default_voice == "auto"
