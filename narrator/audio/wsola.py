"""Time-varying WSOLA: speech shortened by a different factor in each stretch of it.

A listener's browser speeds a file up by one factor everywhere (WSOLA, as ffmpeg's atempo).
Fast human speakers do not: they drop pauses and shorten vowels far more than consonants,
whose bursts and transitions carry most of what is understood. With the engine's own timing
of every phoneme, each can get its own factor: `stretch` takes a time map (points pairing an
input sample with the output sample it should land on, linear between them) and follows it
frame by frame, each frame taken where it best continues the one before (waveform similarity
overlap-add, Verhelst and Roelands 1993), so pitch and timbre are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FRAME = 512  # samples (23 ms at 22.05 kHz): a few pitch periods of a low voice
TOLERANCE = 160  # samples searched each side (7 ms, more than half a low voice's period)
# Raw correlation favours the loudest candidate over the best-matching one; dividing by the
# candidate's energy scores shape alone (normalised cross-correlation).
NORMALISED = False


def stretch(
    samples: np.ndarray,
    points: Sequence[tuple[float, float]],
    frame: int | None = None,
    tolerance: int | None = None,
) -> np.ndarray:
    """`samples` (float, mono) re-timed along `points`: (input sample, output sample) pairs,
    both rising, from (0, 0) to (len(samples), output length)."""
    x = np.asarray(samples, dtype=np.float64)
    frame = FRAME if frame is None else frame
    tolerance = TOLERANCE if tolerance is None else tolerance
    ins = np.array([p[0] for p in points], dtype=np.float64)
    outs = np.array([p[1] for p in points], dtype=np.float64)
    out_len = round(outs[-1])
    if out_len <= 0 or len(x) == 0:
        return np.zeros(max(out_len, 0), dtype=np.float32)
    hop = frame // 2  # Hann windows at half overlap sum to one
    pad = frame + 2 * tolerance
    xp = np.concatenate([np.zeros(tolerance), x, np.zeros(pad)])  # index i <-> sample i - tol
    window = np.hanning(frame + 1)[:frame]
    y = np.zeros(out_len + frame)
    weight = np.zeros(out_len + frame)
    previous = None
    last = len(xp) - frame
    for start in range(0, out_len, hop):
        centre = float(np.interp(start + hop, outs, ins))  # where this frame's middle comes from
        nominal = round(centre) - hop + tolerance
        if previous is None:
            pos = min(max(nominal, 0), last)
        else:
            lo = min(max(nominal - tolerance, 0), last)
            hi = min(max(nominal + tolerance, 0), last)
            natural = previous + hop  # what would follow the last frame taken
            template = xp[natural : natural + hop]
            if hi <= lo or not np.any(template):
                pos = min(max(nominal, 0), last)
            else:
                # the first half of the new frame overlaps the second half of the last one
                region = xp[lo : hi + hop]
                scores = np.correlate(region, template, mode="valid")
                if NORMALISED:
                    energy = np.cumsum(np.concatenate([[0.0], region * region]))
                    scores = scores / np.sqrt(energy[hop:] - energy[:-hop] + 1e-9)
                pos = lo + int(np.argmax(scores))
        y[start : start + frame] += window * xp[pos : pos + frame]
        weight[start : start + frame] += window
        previous = pos
    out = y[:out_len] / np.maximum(weight[:out_len], 1e-3)
    return out.astype(np.float32)


def time_map(durations: Sequence[int], factors: Sequence[float]) -> list[tuple[float, float]]:
    """Points for `stretch`: segments of `durations` samples, each made `factors` times
    shorter."""
    points = [(0.0, 0.0)]
    at_in = at_out = 0.0
    for n, f in zip(durations, factors, strict=True):
        at_in += n
        at_out += n / f
        points.append((at_in, at_out))
    return points
