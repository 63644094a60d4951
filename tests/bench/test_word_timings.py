"""bench/word_timings.py: its acoustic reference, and word timings checked against the audio.

The unit tests pin the pause finder (where no word can begin) on synthetic audio; the slow
test narrates the opening of bench article 02 with each English engine and checks timings.json
against Whisper's alignment of the words said, and against where the sound resumes after each
pause. Thresholds are looser than the bench goals (median 60 ms, p95 150 ms over three
articles), so that a regression fails CI. This clip (125 words paired of 129) measured on
2026-12-02: espeak median 40 ms, p95 151 ms, after its 5 pauses 2 ms off the sound's onset;
piper median 40 ms, p95 135 ms, after its 10 pauses 12 ms off.
"""

from __future__ import annotations

import json
import math
import struct
import wave
from pathlib import Path
from typing import Any

import pytest

from bench.word_timings import (
    absolute_median,
    aligned_words,
    errors,
    onset_errors,
    opening,
    our_words,
    out_of_pauses,
    p95,
    pauses,
)

RATE = 22050


def _wav(path: Path, seconds: float, silent: list[tuple[float, float]]) -> Path:
    """A 300 Hz tone, silent in the given (start s, end s) stretches."""
    frames = bytearray()
    for i in range(int(seconds * RATE)):
        t = i / RATE
        on = not any(a <= t < b for a, b in silent)
        frames += struct.pack("<h", int(8000 * math.sin(2 * math.pi * 300 * t)) if on else 0)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))
    return path


def test_pauses_are_found_where_they_are_even_a_minute_in(tmp_path: Path) -> None:
    wav = _wav(tmp_path / "a.wav", 62.0, [(1.0, 1.3), (60.0, 60.25), (61.0, 61.05)])
    found = pauses(wav)
    assert len(found) == 2  # the 50 ms gap is no pause
    for (start, end), (a, b) in zip(found, [(1000, 1300), (60000, 60250)], strict=True):
        assert abs(start - a) <= 6 and abs(end - b) <= 6, (start, end)


def test_a_reference_start_inside_a_pause_moves_to_where_the_sound_resumes() -> None:
    quiet = [(1000.0, 1300.0), (5000.0, 5600.0)]
    words = [("a", 900.0), ("b", 1100.0), ("c", 1300.0), ("d", 5599.0), ("e", 5700.0)]
    assert out_of_pauses(words, quiet) == [
        ("a", 900.0),
        ("b", 1300.0),
        ("c", 1300.0),
        ("d", 5600.0),
        ("e", 5700.0),
    ]


def _narrated_clip(voice: str, tmp_path: Path) -> tuple[Any, Any, dict[str, Any]]:
    """(script, result, timings.json) of the opening of bench article 02 narrated at 1x (WAV);
    skips when the voice is not installed (piper is the optional extra narrator[neural])."""
    from bench.intelligibility import ARTICLES
    from narrator import pipeline
    from narrator.speech import voices
    from narrator.text.article import Article

    try:
        voices.resolve_voice(voice)
    except Exception as e:
        pytest.skip(f"{voice} not installed: {e}")
    art, paragraphs = opening(sorted(Path(ARTICLES).parent.glob("02-*.txt"))[0], 90)
    script = pipeline.prepare(Article(paragraphs=paragraphs, title=art.title))
    result = pipeline.narrate(script, tmp_path / "a.wav", voice=voice, speed=1.0, fmt="wav")
    return script, result, json.loads(Path(result.timings).read_text())


@pytest.mark.slow  # a real voice, then Whisper
@pytest.mark.parametrize("voice", ["en-us", "piper/en_US-joe-medium"])
def test_word_timings_match_the_audio(voice: str, tmp_path: Path) -> None:
    from bench.intelligibility import ModelNotInstalled, load_model

    try:
        load_model()
    except (ModelNotInstalled, ImportError) as e:
        pytest.skip(f"Whisper model not installed: {e}")
    script, result, doc = _narrated_clip(voice, tmp_path)
    quiet = pauses(Path(result.audio))
    reference = out_of_pauses(
        aligned_words(
            Path(result.audio),
            [(s["start_ms"], s["end_ms"]) for s in doc["sentences"]],
            [s.text for s in script.sentences],
        ),
        quiet,
    )
    ours = our_words(doc, even=False)

    off = errors(ours, reference)
    assert len(off) >= 0.8 * len(ours)  # most words are paired
    assert absolute_median(off) <= 60 and p95(off) <= 200, (absolute_median(off), p95(off))
    # Where the truth is plain, a word after a pause begins where the sound does.
    after_pause = onset_errors([t for _, t in ours], [end for _, end in quiet])
    assert len(after_pause) >= 3 and absolute_median(after_pause) <= 20, after_pause


def test_forced_alignment_says_each_token_as_dictionary_words() -> None:
    from bench.forced import arpabet, spoken

    assert spoken("25th") == ["twenty", "fifth"]
    assert spoken("3.5") == ["three", "point", "five"]
    assert spoken("fifty-five,") == ["fifty", "five"]
    assert spoken("“Council’s") == ["council's"]  # noqa: RUF001 - a typographic quote
    assert arpabet("hˈɑːtʃʌl") == "HH AA CH AH L"  # noqa: RUF001 - espeak-ng's IPA for "Hochul"


@pytest.mark.slow  # a real voice, then CMU Sphinx
@pytest.mark.parametrize("voice", ["en-us", "piper/en_US-joe-medium"])
def test_word_timings_match_a_forced_alignment(voice: str, tmp_path: Path) -> None:
    """Against an HMM forced aligner (bench/forced.py), independent of Whisper and of our
    engines' own events: the issue's goal itself (median 60 ms, 95% within 150 ms). This clip
    measured on 2026-12-04 (126 words paired of 129): espeak median 8 ms, p95 33 ms; piper 12
    and 44 ms."""
    from bench.forced import aligned_words as forced_words

    script, result, doc = _narrated_clip(voice, tmp_path)
    spans = [(s["start_ms"], s["end_ms"]) for s in doc["sentences"]]
    reference = forced_words(Path(result.audio), spans, [s.text for s in script.sentences])
    ours = our_words(doc, even=False)

    off = errors(ours, reference)
    assert len(off) >= 0.9 * len(ours)  # every sentence aligned, nearly every word paired
    assert absolute_median(off) <= 60 and p95(off) <= 150, (absolute_median(off), p95(off))
    # The check can fail: timings off by a syllable (150 ms later) miss it.
    late = [(k, t + 150) for k, t in ours]
    assert p95(errors(late, reference)) > 150
