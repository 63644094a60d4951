"""A lookahead peak limiter in numpy: a gain, then no peak over the limit.

The gain reduction each sample needs (1 - limit / its true-peak level, or 0) is held with an
exponential release (RELEASE_S), then reached ATTACK_S ahead of each peak through a ramp of
that length: the reduction is the running maximum over the next ATTACK_S, averaged over the
last ATTACK_S, so it is never less than a sample needs. Every step is a whole-array
operation: the release, a recursion, is a running maximum in the log domain. The curve is
worked out on blocks of STEP samples (their largest need) and interpolated back: a gain that
moves over milliseconds needs no finer grid, and it is most of the cost.

The level is the true-peak envelope (r128.peak_envelope): limited on sample values alone,
espeak's bright consonants came out up to 0.8 dB over the limit once oversampled.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from narrator.audio import r128
from narrator.audio.r128 import Signal

ATTACK_S = 0.005
RELEASE_S = 0.030
STEP = 8  # samples per point of the gain curve


def _running_max_ahead(x: Signal, width: int) -> Signal:
    """out[n] = max(x[n : n + width]), by doubling windows (log2(width) passes)."""
    out = x.copy()
    covered = 1
    while covered < width:
        step = min(covered, width - covered)
        np.maximum(out[:-step], out[step:], out=out[:-step])
        covered += step
    return out


def _released(need: Signal, points_per_s: float) -> Signal:
    """u[n] = max(need[n], c * u[n - 1]), c = exp(-1 / (RELEASE_S * rate)), without a loop.

    log u[n] = max over k <= n of (log need[k] - (n - k) / tau): a running maximum of
    log need[k] + k / tau, less n / tau.
    """
    ramp = np.arange(len(need)) / (RELEASE_S * points_per_s)
    with np.errstate(divide="ignore"):
        logs = np.log(need)
    return np.exp(np.maximum.accumulate(logs + ramp) - ramp)


class Limiter:
    """One signal, limited at any gain and level (its peaks are measured once per level)."""

    def __init__(self, x: r128.Samples, rate: int) -> None:
        self.x = x
        self.rate = rate
        self._peaks: Signal | None = None

    def _block_peaks(self) -> Signal:
        """The true-peak level of each block of STEP samples (measured once)."""
        if self._peaks is None:
            self._peaks = np.zeros(-(-len(self.x) // STEP))
            for start, envelope in r128.envelopes(self.x):
                padded = np.zeros(-(-len(envelope) // STEP) * STEP)
                padded[: len(envelope)] = envelope
                peaks = np.max(padded.reshape(-1, STEP), axis=1)
                self._peaks[start // STEP : start // STEP + len(peaks)] = peaks
        return self._peaks

    def apply(self, gain_db: float, limit_dbfs: float) -> Signal:
        """The signal times the gain, limited to `limit_dbfs` (true peak, to within the
        interpolation of the gain between its points)."""
        return np.concatenate([*self.pieces(gain_db, limit_dbfs, r128.CHUNK)] or [np.zeros(0)])

    def pieces(self, gain_db: float, limit_dbfs: float, size: int) -> Iterator[Signal]:
        """apply()'s result in pieces of `size` samples (a multiple of r128.CHUNK, or less
        than one), each worked out when it is asked for: an encoder can take the first while
        the next is computed."""
        gain = 10 ** (gain_db / 20)
        ceiling = 10 ** (limit_dbfs / 20)
        peaks = self._block_peaks() * gain
        limited = len(peaks) and float(np.max(peaks)) > ceiling
        curve = self._curve(peaks, ceiling) if limited else None
        for start in range(0, len(self.x), size):
            end = min(start + size, len(self.x))
            x = r128.floats(self.x[start:end])
            if curve is None:
                yield x * gain
                continue
            level = self._envelope(start, end)
            # The curve's points around this piece (interpolating on all of them would search
            # a narration-long array for every sample).
            first, last = max(0, start // STEP - 1), min(len(curve), end // STEP + 2)
            centres = np.arange(first, last, dtype=np.float64) * STEP + (STEP - 1) / 2
            reduction = np.interp(np.arange(start, end), centres, curve[first:last])
            # Every sample still gets what it needs, between the curve's points too.
            need = np.maximum(0.0, 1.0 - ceiling / np.maximum(level * gain, 1e-12))
            yield x * (gain * (1.0 - np.maximum(reduction, need)))

    def _envelope(self, start: int, end: int) -> Signal:
        """The true-peak envelope of samples start to end (the neighbours outside count)."""
        halo = r128.HALO
        lo, hi = max(0, start - halo), min(len(self.x), end + halo)
        envelope = r128.peak_envelope(r128.floats(self.x[lo:hi]))
        return envelope[start - lo : start - lo + end - start]

    def _curve(self, peaks: Signal, ceiling: float) -> Signal:
        """The gain reduction at the middle of each block of STEP samples."""
        need = np.maximum(0.0, 1.0 - ceiling / np.maximum(peaks, 1e-12))
        points_per_s = self.rate / STEP
        attack = max(1, math.ceil(ATTACK_S * points_per_s))
        held = _running_max_ahead(_released(need, points_per_s), attack + 1)
        sums = np.cumsum(np.concatenate((np.zeros(attack + 1), held)))
        # The mean of held[b - attack : b + 1]: each of those covers block b, so the mean is
        # at least need[b] (before the start the window holds zeros, and the floor acts).
        return np.maximum((sums[attack + 1 :] - sums[: -attack - 1]) / (attack + 1), need)


def limit(x: r128.Samples, rate: int, gain_db: float, limit_dbfs: float) -> Signal:
    """`x` times the gain, limited to `limit_dbfs`."""
    return Limiter(x, rate).apply(gain_db, limit_dbfs)
