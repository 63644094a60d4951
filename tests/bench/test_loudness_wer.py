"""bench/loudness_wer.py's plain gain and its count of what the limiter lowered."""

from __future__ import annotations

import numpy as np

from bench import loudness_wer
from narrator.audio import r128
from narrator.speech.engine import Audio

RATE = 22050


def _audio(x: np.ndarray) -> Audio:
    return Audio(pcm=r128.to_pcm(x), sample_rate=RATE)


def test_quieter_is_a_plain_gain() -> None:
    x = 0.5 * np.sin(np.arange(RATE) * 2 * np.pi * 220 / RATE)
    y = r128.floats(r128.pcm_view(loudness_wer.quieter(_audio(x), 6.0206).pcm))
    assert np.max(np.abs(y - x / 2)) < 2 / 32768


def test_limited_shares_count_the_samples_lowered_past_each_step() -> None:
    x = np.full(1000, 0.1)
    after = x * 2  # +6.02 dB, as a gain ahead of the limiter would give
    after[:500] /= 10 ** (2 / 20)  # the first half lowered by 2 dB, ...
    after[:100] /= 10 ** (5 / 20)  # ... a fifth of that by 5 dB more (7 in all)
    one, three, six = loudness_wer.limited_shares(_audio(x), _audio(after), 20 * np.log10(2))
    assert (one, three, six) == (0.5, 0.1, 0.1)
