"""The real Joe voice through piper (short texts: it runs at ~10-14x real time)."""

from __future__ import annotations

import itertools

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


def test_align_words_matches_joined_and_split_words_by_length() -> None:
    # "in the spring of nineteen" (phonemes each alone): piper speaks "in the" as one word.
    assert piper.align_words([2, 2, 5, 2, 7], [4, 5, 2, 7]) == [(0, 0), (2, 1), (3, 2), (4, 3)]
    # One to one when the counts agree.
    assert piper.align_words([3, 5], [3, 4]) == [(0, 0), (1, 1)]
    # A word spoken as two ("best-known", "N.Y.").
    assert piper.align_words([3, 9, 6], [3, 4, 5, 6]) == [(0, 0), (1, 1), (2, 3)]


def test_a_word_s_phonemes_alone_tell_where_an_abbreviation_goes(engine):
    # "N.Y." has two letters but several phonemes: by letters it would pull the marks after it.
    text = "N.Y. Gov. Katherine Holloway and legislative leaders reached a deal."
    audio = engine.synthesize(text, piper.VOICE_ID)
    starts = {text[c:].split()[0]: ms for c, ms in audio.marks}
    # Where "leaders" begins: about where the words before it, said alone, end.
    before = pcm.trim(engine.synthesize("N.Y. Gov. Katherine Holloway and legislative", piper.VOICE_ID))
    lead_in = starts["N.Y."]
    assert abs(starts["leaders"] - lead_in - before.duration_s * 1000) < 250, (starts, before)


def test_word_marks_come_from_the_model_at_word_starts(engine):
    text = "In the spring of nineteen ninety, the council voted to close the old mill."
    audio = engine.synthesize(text, piper.VOICE_ID)
    marks = audio.marks
    words = [i for i, c in enumerate(text) if c != " " and (i == 0 or text[i - 1] == " ")]
    assert len(marks) >= 0.8 * len(words)
    assert all(c in words for c, _ in marks)  # each mark at the start of a word
    times = [ms for _, ms in marks]
    assert times == sorted(set(times)) and times[-1] < audio.duration_s * 1000
    # "ninety," is followed by a pause: the gap before "the" is the longest between marks.
    after_comma = next(ms for c, ms in marks if text[c:].startswith("the council"))
    before = max(ms for _, ms in marks if ms < after_comma)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert after_comma - before == max(gaps)
