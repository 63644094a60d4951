"""pcm: silence, trimming with fades, concatenation (pure Python, no ffmpeg)."""

from __future__ import annotations

from array import array

import pytest

from narrator import errors
from narrator.audio import pcm
from narrator.speech.engine import Audio


def _audio(values: list[int], rate: int = 1000) -> Audio:
    return Audio(pcm=array("h", values).tobytes(), sample_rate=rate)


def _values(audio: Audio) -> list[int]:
    a = array("h")
    a.frombytes(audio.pcm)
    return a.tolist()


def test_silence_length() -> None:
    assert pcm.silence(250, 16_000) == Audio(pcm=bytes(2 * 4000), sample_rate=16_000)
    assert pcm.silence(0, 16_000).frames == 0


def test_trim_keeps_a_margin_and_fades_the_cut_points() -> None:
    # 1 kHz rate: KEEP_MS=20 keeps 20 samples each side, FADE_MS=5 fades 5 samples.
    loud = [10_000] * 100
    audio = _audio([0] * 200 + loud + [0] * 200)
    out = _values(pcm.trim(audio))
    assert len(out) == 20 + 100 + 20
    assert out[0] == 0 and out[-1] == 0  # faded in and out
    assert out[20:120] == loud


def test_trim_does_not_reach_past_the_ends() -> None:
    audio = _audio([5000] * 50)
    out = _values(pcm.trim(audio))
    assert len(out) == 50
    assert out[0] == 0 and out[25] == 5000


def test_trim_of_silence_is_empty() -> None:
    out = pcm.trim(_audio([100, -100, 0] * 50))
    assert out.frames == 0 and out.sample_rate == 1000


def test_concat_joins_in_order() -> None:
    joined = pcm.concat([_audio([1, 2]), _audio([3]), _audio([])])
    assert _values(joined) == [1, 2, 3] and joined.sample_rate == 1000


def test_concat_refuses_nothing_and_mixed_rates() -> None:
    with pytest.raises(errors.AudioError, match="nothing to join"):
        pcm.concat([])
    with pytest.raises(errors.AudioError, match="different sample rates"):
        pcm.concat([_audio([1], 1000), _audio([1], 2000)])


def test_trim_moves_word_marks_with_the_cut() -> None:
    rate = 1000
    quiet, loud = [0] * 300, [5000] * 500
    samples = array("h", quiet + loud + quiet)
    audio = Audio(pcm=samples.tobytes(), sample_rate=rate, marks=((0, 100), (5, 310), (9, 790)))
    trimmed = pcm.trim(audio, keep_ms=20)
    # 280 ms cut from the front: marks before it land at 0, the others move back by 280 ms.
    assert trimmed.marks == ((0, 0), (5, 30), (9, 510))


def test_marks_in_silence_move_to_where_the_sound_begins() -> None:
    rate = 1000
    samples = array("h", [4000] * 200 + [0] * 150 + [4000] * 300)
    audio = Audio(pcm=samples.tobytes(), sample_rate=rate, marks=((0, 0), (6, 210), (9, 400)))
    settled = pcm.settle_marks(audio)
    # In sound: kept. In the pause after the first word: moved to its end, 350 ms.
    assert settled.marks == ((0, 0), (6, 350), (9, 400))
    # A mark in a silence longer than max_ms stays where it was.
    long_quiet = Audio(
        pcm=array("h", [0] * 900 + [4000] * 10).tobytes(), sample_rate=rate, marks=((0, 100),)
    )
    assert pcm.settle_marks(long_quiet).marks == ((0, 100),)
