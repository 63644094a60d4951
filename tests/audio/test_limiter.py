"""limiter: no peak over the limit, the gain untouched away from peaks, smooth in between."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from narrator.audio import limiter, r128
from narrator.speech.engine import Audio

RATE = 22_050


def _speech(speech: Audio) -> r128.Signal:
    return r128.samples(speech.pcm)


@pytest.mark.parametrize("gain_db", [6.0, 12.0, 20.0])
def test_no_true_peak_over_the_limit(speech: Audio, gain_db: float) -> None:
    x = _speech(speech)
    out = limiter.limit(x, speech.sample_rate, gain_db, -3.0)
    # The gain is exact at each sample; between two samples it moves a little, which the
    # callers' INTERSAMPLE_MARGIN_DB covers.
    assert r128.true_peak(out) <= -3.0 + 0.1
    # ... and it is not simply turned down: the loudest stretches reach the limit.
    assert r128.true_peak(out) >= -3.2


def test_away_from_peaks_the_gain_is_exactly_the_gain() -> None:
    quiet = 0.05 * np.sin(2 * np.pi * 220 * np.arange(2 * RATE) / RATE)
    burst = np.zeros(RATE // 10)
    burst[RATE // 20] = 0.9  # one click, 1 s in
    x = np.concatenate((quiet[:RATE], burst, quiet[RATE:]))
    out = limiter.limit(x, RATE, 6.0, -6.0)
    gain = 10 ** (6 / 20)
    click = RATE + RATE // 20
    attack = math.ceil(limiter.ATTACK_S * RATE) + 2 * limiter.STEP
    before = slice(0, click - attack)
    assert out[before] == pytest.approx(x[before] * gain, rel=1e-12)
    # The reduction starts ahead of the peak (lookahead) and fades with the release.
    assert np.all(out[click - attack // 2 : click] <= x[click - attack // 2 : click] * gain)
    after = click + int(12 * limiter.RELEASE_S * RATE)
    assert out[after:] == pytest.approx(x[after:] * gain, rel=1e-4)
    assert abs(out[click]) <= 10 ** (-6 / 20) + 1e-9


def test_pieces_join_to_the_whole_and_repeat_exactly(speech: Audio) -> None:
    x = _speech(speech)
    limited = limiter.Limiter(x, speech.sample_rate)
    whole = limited.apply(14.0, -2.65)
    pieces = list(limited.pieces(14.0, -2.65, 1000))
    assert len(pieces) == math.ceil(len(x) / 1000)
    assert np.array_equal(np.concatenate(pieces), whole)
    assert np.array_equal(limiter.limit(x, speech.sample_rate, 14.0, -2.65), whole)


def test_any_range_is_that_part_of_the_whole_from_any_thread(speech: Audio) -> None:
    # segments.py asks one Limiter for several ranges at once, from a thread each.
    x = _speech(speech)
    limited = limiter.Limiter(x, speech.sample_rate)
    whole = limiter.Limiter(x, speech.sample_rate).apply(14.0, -2.65)
    ranges = [(0, 777), (777, 20_001), (20_001, 40_003), (40_003, len(x))]
    with ThreadPoolExecutor(max_workers=len(ranges)) as pool:
        parts = list(
            pool.map(lambda r: np.concatenate(list(limited.pieces(14.0, -2.65, 4096, *r))), ranges)
        )
    for (first, stop), part in zip(ranges, parts, strict=True):
        assert np.array_equal(part, whole[first:stop])


def test_the_gain_moves_smoothly(speech: Audio) -> None:
    # No step in the gain larger than a ramp over the attack time allows: a limiter that
    # jumps is heard as clicks.
    x = _speech(speech)
    out = limiter.limit(x, speech.sample_rate, 18.0, -3.0)
    loud = np.abs(x) > 0.01
    gain = out[loud] / x[loud]
    next_to = np.diff(np.flatnonzero(loud)) == 1  # neighbouring samples only
    steps = np.abs(np.diff(gain))[next_to]
    per_sample = 1 / (limiter.ATTACK_S * speech.sample_rate)
    assert np.max(steps) <= 10 ** (18 / 20) * per_sample * 1.5
