from __future__ import annotations

import pytest

from narrator import errors
from narrator.api.voice_catalog import FAKE, CatalogVoice, VoiceCatalog, probe_subprocess
from tests.helpers.app import VOICES


@pytest.fixture
def catalog() -> VoiceCatalog:
    return VoiceCatalog(VOICES)


@pytest.mark.parametrize(
    ("asked", "resolved"),
    [
        ("en-us", "en-us"),
        ("EN-US", "en-us"),
        ("en_US", "en-us"),
        (" en-gb ", "en-gb"),
        ("en-us+f3", "en-us+f3"),
        ("en-us+m7", "en-us+m7"),
        ("fr-fr", "fr-fr"),
        ("fake", "fake"),
    ],
)
def test_resolve(catalog: VoiceCatalog, asked: str, resolved: str) -> None:
    assert catalog.resolve(asked).id == resolved


def test_unknown_voice_suggests_close_ids(catalog: VoiceCatalog) -> None:
    with pytest.raises(errors.UnknownVoice) as info:
        catalog.resolve("en-uk")
    assert "en-us" in info.value.suggestions or "en-gb" in info.value.suggestions
    with pytest.raises(errors.UnknownVoice):
        catalog.resolve("xx+f3")  # a variant of a voice that is not installed
    with pytest.raises(errors.UnknownVoice):
        catalog.resolve("en-us+../../x")


def test_piper_missing_says_how_to_install(catalog: VoiceCatalog) -> None:
    with pytest.raises(errors.UnknownVoice) as info:
        catalog.resolve("piper/en_US-joe-medium")
    assert "narrator[neural]" in str(info.value)


def test_loader_failure_is_remembered_briefly() -> None:
    calls = []

    def broken() -> list[CatalogVoice]:
        calls.append(1)
        raise errors.EngineError("no espeak")

    catalog = VoiceCatalog(broken)
    for _ in range(3):
        with pytest.raises(errors.EngineError):
            catalog.voices()
    assert len(calls) == 1


def test_fake_voice_is_accepted_but_not_listed(catalog: VoiceCatalog) -> None:
    assert catalog.resolve("fake") == FAKE
    assert FAKE not in catalog.voices()


def test_the_real_probe_runs_in_a_child_process() -> None:
    voices = probe_subprocess()
    assert voices, "no voices installed"
    assert all(v.engine_version for v in voices)
    assert any(v.id == "en-us" for v in voices)


def test_auto_is_espeak_en_us_without_the_neural_voice(catalog: VoiceCatalog) -> None:
    assert catalog.resolve("auto").id == "en-us"


def test_auto_is_the_neural_voice_when_installed() -> None:
    joe = CatalogVoice(
        id="piper/en_US-joe-medium",
        name="Joe",
        language="en-us",
        engine="piper",
        engine_version="piper-1",
    )
    assert VoiceCatalog([*VOICES, joe]).resolve("AUTO") == joe


def test_auto_means_the_same_voice_to_the_api_and_the_cli() -> None:
    from narrator.speech import voices as speech_voices

    assert VoiceCatalog(probe_subprocess).resolve("auto").id == speech_voices.auto_voice_id()
