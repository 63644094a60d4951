"""The real Joe voice through piper (short texts: it runs at ~10-14x real time)."""

from __future__ import annotations

import itertools

import pytest

from narrator import errors
from narrator.audio import pcm
from narrator.speech import pace, piper

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


def test_the_sounds_of_a_text_are_what_piper_will_say(engine):
    # The pace is solved from them (pace.phonemes_of): "FBI" is three letters, eight sounds.
    assert pace.phonemes_of(engine, piper.VOICE_ID, "FBI") >= 2 * pace.letters_of("FBI")
    said = engine.phonemes("Rain, then sun.", piper.VOICE_ID)
    assert said and not set(said) & set(",. ")
    with pytest.raises(errors.UnknownVoice):
        engine.phonemes("Rain.", "en-us")


def test_voice_list_and_unknown_voice(engine):
    assert [v.id for v in engine.voices()] == [piper.VOICE_ID]
    with pytest.raises(errors.UnknownVoice):
        engine.synthesize("Hello.", "piper/en_GB-nobody")


def test_a_word_s_phonemes_alone_tell_where_an_abbreviation_goes(engine):
    # "N.Y." has two letters but several phonemes: by letters it would pull the marks after it.
    text = "N.Y. Gov. Katherine Holloway and legislative leaders reached a deal."
    audio = engine.synthesize(text, piper.VOICE_ID)
    starts = {text[c:].split()[0]: ms for c, ms in audio.marks}
    # Where "leaders" begins: about where the words before it, said alone, end.
    before = pcm.trim(
        engine.synthesize("N.Y. Gov. Katherine Holloway and legislative", piper.VOICE_ID)
    )
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


def test_same_text_same_seed_same_audio_whatever_ran_before(engine):
    # The noise is a fixed table drawn from the seed (piper_graph), not a generator that
    # advances with every call: a sentence sounds the same first, after others, and in
    # another process.
    text = "The ministry said the bridge would reopen in March."
    first = engine.synthesize(text, piper.VOICE_ID, 1.3)
    engine.synthesize("Something else entirely, spoken in between.", piper.VOICE_ID, 1.0)
    assert engine.synthesize(text, piper.VOICE_ID, 1.3).pcm == first.pcm
    assert piper.PiperEngine(seed=engine.seed).synthesize(text, piper.VOICE_ID, 1.3) == first
    other = piper.PiperEngine(seed=engine.seed + 1).synthesize(text, piper.VOICE_ID, 1.3)
    assert other.pcm != first.pcm
    assert other.duration_s == pytest.approx(first.duration_s, rel=0.15)  # another reading


@pytest.fixture
def squeezing(monkeypatch):
    """Class exponents that tell the classes apart (the shipped ones may be uniform)."""
    monkeypatch.setattr(piper, "CONSONANT_EXPONENT", 0.6)
    monkeypatch.setattr(piper, "VOWEL_EXPONENT", 1.3)
    monkeypatch.setattr(piper, "PAUSE_EXPONENT", 2.0)


def test_vowels_and_pauses_shrink_harder_than_consonants(squeezing):
    c, v, p = piper.class_scales(2.0)
    assert p < v < c < 1
    assert piper.class_scales(0.8) == (1.25, 1.25, 1.25)  # slower than the voice: uniform
    assert piper.class_scales(1.0) == (1.0, 1.0, 1.0)


def test_phoneme_classes_and_padding(engine, squeezing):
    model = engine._voice()
    classes = piper.phoneme_classes(model.config.phoneme_id_map)
    ids = model.phonemes_to_ids(list("ðə kæt."))
    scales = piper.duration_scales(ids, classes, 2.0)[0, 0]
    c, v, p = piper.class_scales(2.0)
    by_phoneme = dict(zip(["^", *"ðə kæt.", "$"], scales[::2], strict=False))
    assert by_phoneme["ð"] == pytest.approx(c) and by_phoneme["k"] == pytest.approx(c)
    assert by_phoneme["ə"] == pytest.approx(v) and by_phoneme["æ"] == pytest.approx(v)
    assert by_phoneme[" "] == pytest.approx(p) and by_phoneme["."] == pytest.approx(p)
    # The padding after each phoneme (id 0) goes with the phoneme before it.
    assert list(scales[1::2][:3]) == pytest.approx(list(scales[::2][:3]))


def test_squeezed_vowels_shorten_the_sentence(engine, monkeypatch):
    # The duration input reaches the model: at the same pace, vowels squeezed harder than the
    # uniform scale (consonants and pauses as uniform) give a shorter sentence.
    # (The model speaking the whole pace: past SQUEEZE_FROM a time-stretch sets the length.)
    monkeypatch.setattr(piper, "SQUEEZE_FROM", None)
    text = "A long and winding road leads over the old stone bridge."
    slow = pcm.trim(engine.synthesize(text, piper.VOICE_ID, 1.0)).duration_s
    uniform = pcm.trim(engine.synthesize(text, piper.VOICE_ID, 1.6)).duration_s
    monkeypatch.setattr(piper, "VOWEL_EXPONENT", 2.5)
    squeezed = pcm.trim(engine.synthesize(text, piper.VOICE_ID, 1.6)).duration_s
    assert uniform < 0.8 * slow
    assert squeezed < 0.9 * uniform


def test_squeeze_shortens_each_class_by_its_share(monkeypatch):
    import numpy as np

    monkeypatch.setattr(piper, "SQUEEZE_EXPONENTS", (0.5, 1.0, 2.0))
    samples = [4410, 4410, 4410]  # a consonant, a vowel and a pause, 0.2 s each
    audio = np.sin(np.arange(sum(samples)) * 2 * np.pi * 130 / 22_050).astype(np.float32)
    out, after = piper.squeeze(audio, samples, [0, 1, 2], 2.0)
    assert len(out) == pytest.approx(sum(samples) / 2, abs=3)
    assert sum(after) == pytest.approx(len(out), abs=3)
    consonant, vowel, pause = after
    assert consonant > vowel > pause  # pauses shrink hardest, consonants least
    rate = 4410 / vowel  # one rate R, raised to each class's exponent
    assert 4410 / consonant == pytest.approx(rate**0.5, rel=0.01)
    assert 4410 / pause == pytest.approx(rate**2, rel=0.01)


def test_past_the_voice_s_clean_pace_the_rest_is_a_stretch(engine):
    # Piper speaks at SQUEEZE_FROM and our WSOLA shortens it the rest of the way: the sentence
    # lasts what the pace asks, and its word marks stay in order inside it.
    if piper.SQUEEZE_FROM is None:
        pytest.skip("piper shortens by its own length scale only")
    text = "The ministry said the new bridge across the river would reopen in March."
    clean = engine.synthesize(text, piper.VOICE_ID, piper.SQUEEZE_FROM)
    fast = engine.synthesize(text, piper.VOICE_ID, 2 * piper.SQUEEZE_FROM)
    assert fast.duration_s == pytest.approx(clean.duration_s / 2, rel=0.01)
    times = [ms for _, ms in fast.marks]
    assert len(fast.marks) == len(clean.marks) and times == sorted(times)
    assert times[-1] < fast.duration_s * 1000
    ratios = [f / c for (_, f), (_, c) in zip(fast.marks[1:], clean.marks[1:], strict=True)]
    assert all(0.35 < r < 0.65 for r in ratios), ratios


def test_a_fast_noise_scale_changes_the_sound_not_the_timing(engine, monkeypatch):
    # The bench's lever (FAST_NOISE_SCALE, not shipped): from FAST_FROM the model's audio
    # noise is another, which gives another sound with the same durations (that noise does
    # not reach the duration predictor), so paces and word marks stay what the calibration
    # says. Below FAST_FROM the voice's own noise is untouched.
    monkeypatch.setattr(piper, "FAST_NOISE_SCALE", 0.333)
    text = "The ministry said the new bridge across the river would reopen in March."
    fast, slow = piper.FAST_FROM + 0.4, piper.FAST_FROM - 0.4
    steady = engine.synthesize(text, piper.VOICE_ID, fast)
    steady_slow = engine.synthesize(text, piper.VOICE_ID, slow)
    lever = piper.PiperEngine().sound_version
    monkeypatch.setattr(piper, "FAST_NOISE_SCALE", None)
    own = engine.synthesize(text, piper.VOICE_ID, fast)
    assert steady.pcm != own.pcm
    assert len(steady.pcm) == len(own.pcm) and steady.marks == own.marks
    assert engine.synthesize(text, piper.VOICE_ID, slow).pcm == steady_slow.pcm
    # Another sound: the cache and the calibration know it by another name, and so they
    # do the noise lever of every pace.
    assert lever != piper.PiperEngine().sound_version
    monkeypatch.setattr(piper, "NOISE", (0.333, 0.8))
    assert piper.PiperEngine().sound_version not in (lever, engine.sound_version)
