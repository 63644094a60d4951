"""Pauses scaled to put a narration on its pace (narrator.audio.pauses), on PCM whose speech
and silence are known sample by sample."""

from __future__ import annotations

import numpy as np
import pytest

from narrator.audio import pauses
from narrator.audio.pcm import silence_frames
from narrator.speech.engine import Audio

RATE = 22_050


def _speech_and_pauses(
    speech_ms: list[int], pauses_ms: list[int], seed: int = 1
) -> tuple[Audio, list[tuple[int, int]], list[np.ndarray]]:
    """Bursts of noise (no sample zero) with digital silence after each, as render_chunk
    joins sentences; their spans in ms, rounded as render_chunk rounds them."""
    rng = np.random.default_rng(seed)
    parts, spans, bursts, pos = [], [], [], 0.0
    for speech, pause in zip(speech_ms, pauses_ms, strict=True):
        burst = rng.integers(1, 20_000, RATE * speech // 1000).astype("<i2")
        burst *= rng.choice(np.array([-1, 1], dtype="<i2"), len(burst))
        bursts.append(burst)
        spans.append((round(pos), round(pos + len(burst) * 1000 / RATE)))
        parts += [burst, np.zeros(silence_frames(pause, RATE), "<i2")]
        pos += len(burst) * 1000 / RATE + pause
    return Audio(pcm=np.concatenate(parts).tobytes(), sample_rate=RATE), spans, bursts


@pytest.mark.parametrize("change", [-0.04, -0.01, 0.003, 0.03])
def test_the_pauses_take_the_change_and_the_speech_is_untouched(change: float) -> None:
    speech = [1830, 2410, 977, 3120, 1505, 2207]
    gaps = [300, 650, 300, 300, 650, 0]
    audio, spans, bursts = _speech_and_pauses(speech, gaps)
    wanted = round(audio.frames * (1 + change))
    fitted = pauses.fit(audio, spans, gaps, wanted)
    assert fitted is not None
    assert fitted.audio.frames == wanted  # to the sample
    x = np.frombuffer(fitted.audio.pcm, dtype="<i2")
    planned = sum(silence_frames(g, RATE) for g in gaps)
    assert fitted.scale == pytest.approx((planned + wanted - audio.frames) / planned)
    # Every burst is found whole, in order, where the moved spans say (within a ms).
    for burst, (start_ms, end_ms), gap in zip(bursts, fitted.spans, gaps, strict=True):
        at = round(start_ms * RATE / 1000)
        found = int(np.flatnonzero(x[max(0, at - 30) :] != 0)[0]) + max(0, at - 30)
        assert abs(found - at) <= RATE // 1000
        assert np.array_equal(x[found : found + len(burst)], burst)
        assert abs((end_ms - start_ms) - len(burst) * 1000 / RATE) <= 1
        # ... followed by its pause, scaled (to a sample of rounding).
        after = x[found + len(burst) :]
        silent = len(after) if not np.any(after) else int(np.flatnonzero(after)[0])
        assert abs(silent - silence_frames(gap, RATE) * fitted.scale) <= 1


@pytest.mark.parametrize(
    ("scale", "bound"),
    [(pauses.MIN_SCALE - 0.3, pauses.MIN_SCALE), (pauses.MAX_SCALE + 0.5, pauses.MAX_SCALE)],
)
def test_beyond_what_pauses_can_take_they_take_what_they_can(scale: float, bound: float) -> None:
    audio, spans, bursts = _speech_and_pauses([2000, 2000, 2000], [300, 300, 0])
    planned = 2 * silence_frames(300, RATE)
    wanted = audio.frames + round(planned * (scale - 1))
    fitted = pauses.fit(audio, spans, [300, 300, 0], wanted)
    assert fitted is not None
    assert fitted.scale == bound
    # As near the pace as pauses at the bound bring it, not further: the caller's tempo
    # filter takes the rest.
    assert fitted.audio.frames == audio.frames + round(planned * bound) - planned
    assert abs(fitted.audio.frames - wanted) < abs(audio.frames - wanted)
    x = np.frombuffer(fitted.audio.pcm, dtype="<i2")
    for burst, (start_ms, _) in zip(bursts, fitted.spans, strict=True):
        at = round(start_ms * RATE / 1000)
        found = int(np.flatnonzero(x[max(0, at - 30) :] != 0)[0]) + max(0, at - 30)
        assert np.array_equal(x[found : found + len(burst)], burst)  # the speech untouched


def test_a_miss_past_the_bounds_but_within_tolerance_is_left_as_spoken() -> None:
    audio, spans, _ = _speech_and_pauses([2000, 2000, 2000], [300, 300, 0])
    planned = 2 * silence_frames(300, RATE)
    wanted = audio.frames + round(planned * (pauses.MAX_SCALE + 0.3 - 1))  # past the bound
    miss = wanted / audio.frames - 1
    assert pauses.fit(audio, spans, [300, 300, 0], wanted, tolerance=miss + 0.001) is None
    fitted = pauses.fit(audio, spans, [300, 300, 0], wanted, tolerance=miss - 0.001)
    assert fitted is not None and fitted.scale == pauses.MAX_SCALE
    inside = audio.frames + round(planned * 0.2)  # within the bounds: exact, whatever the tolerance
    fitted = pauses.fit(audio, spans, [300, 300, 0], inside, tolerance=1.0)
    assert fitted is not None and fitted.audio.frames == inside


def test_nothing_to_change_or_no_pauses_leaves_it_alone() -> None:
    audio, spans, _ = _speech_and_pauses([2000, 2000, 2000], [300, 300, 0])
    assert pauses.fit(audio, spans, [300, 300, 0], audio.frames) is None  # already on pace
    assert pauses.fit(audio, spans, [0, 0, 0], audio.frames + 100) is None  # no pauses at all


def test_a_pause_that_is_not_silence_stops_the_fit() -> None:
    audio, spans, _ = _speech_and_pauses([2000, 2000, 2000], [300, 300, 0])
    x = np.frombuffer(audio.pcm, dtype="<i2").copy()
    second = round(spans[1][1] * RATE / 1000)
    x[second + 3000] = 7  # a click in the middle of the second pause
    noisy = Audio(pcm=x.tobytes(), sample_rate=RATE)
    assert pauses.fit(noisy, spans, [300, 300, 0], audio.frames - 500) is None
    # Spans that put the pauses somewhere else: nothing is cut out of speech.
    wrong = [(a + 700, b + 700) for a, b in spans]
    assert pauses.fit(audio, wrong, [300, 300, 0], audio.frames - 500) is None
