"""The real Joe voice through piper (short texts: it runs at ~10-14x real time)."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.audio import pcm
from narrator.speech import piper

pytestmark = pytest.mark.skipif(not piper.available(), reason="narrator[neural] not installed")


@pytest.fixture(scope="module")
def engine() -> piper.PiperEngine:
    return piper.PiperEngine()


def test_speaks_22050_hz_mono(engine):
    audio = engine.synthesize("The council met on Tuesday.", piper.VOICE_ID)
    assert audio.sample_rate == 22_050
    assert 1.0 < pcm.trim(audio).duration_s < 3.5


def test_pace_shortens_speech(engine):
    text = "Rain flooded the old town on Sunday night."
    slow = pcm.trim(engine.synthesize(text, piper.VOICE_ID, 1.0)).duration_s
    fast = pcm.trim(engine.synthesize(text, piper.VOICE_ID, 1.6)).duration_s
    assert fast < 0.8 * slow


def test_lexicon_phonemes_become_ipa(engine):
    assert piper.espeak_to_ipa("S'aUmi:") == "\u0283\u02c8a\u028ami\u02d0"  # IPA for "Shaumi"
    audio = engine.synthesize("[[S'aUmi:]]", piper.VOICE_ID)
    assert 0.3 < pcm.trim(audio).duration_s < 1.2


def test_voice_list_and_unknown_voice(engine):
    assert [v.id for v in engine.voices()] == [piper.VOICE_ID]
    with pytest.raises(errors.UnknownVoice):
        engine.synthesize("Hello.", "piper/en_GB-nobody")
