"""A lookahead peak limiter in numpy: a gain, then no peak over the limit.

The gain reduction each sample needs (1 - limit / its true-peak level, or 0) is held with an
exponential release (RELEASE_S), then reached ATTACK_S ahead of each peak through a ramp of
that length: the reduction is the running maximum over the next ATTACK_S, averaged over the
last ATTACK_S, so it is never less than a sample needs. Every step is an array operation:
the release, a recursion, is a running maximum in the log domain. The curve is worked out on
blocks of STEP samples (their largest need) and interpolated back: a gain that moves over
milliseconds needs no finer grid, and it is most of the cost.

Memory stays small for long narrations: the blocks' peaks and released reduction are kept in
single precision (a byte per sample of audio), worked out a CHUNK at a time (the release
carried over from one to the next), and the rest is computed for one piece at a time. The
result does not depend on the size of the pieces asked for.

The level is the true-peak envelope (r128.peak_envelope): limited on sample values alone,
espeak's bright consonants came out up to 0.8 dB over the limit once oversampled. It is worked
out only in the blocks that a cheap bound (r128.Blocks) cannot keep under the limit at the
gain asked for; the others need no reduction either way, so the result is the same to the bit.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from narrator.audio import r128
from narrator.audio.r128 import Signal

ATTACK_S = 0.005
RELEASE_S = 0.030
STEP = r128.BLOCK  # samples per point of the gain curve: the blocks whose true peaks it takes
_BLOCKS = r128.CHUNK // STEP  # points of the curve worked out at a time


def _running_max_ahead(x: Signal, width: int) -> Signal:
    """out[n] = max(x[n : n + width]), by doubling windows (log2(width) passes)."""
    out = x.copy()
    covered = 1
    while covered < width:
        step = min(covered, width - covered)
        np.maximum(out[:-step], out[step:], out=out[:-step])
        covered += step
    return out


def _released(need: Signal, carry: float, points_per_s: float) -> Signal:
    """u[n] = max(need[n], c * u[n - 1]), c = exp(-1 / (RELEASE_S * rate)), u[-1] = carry.

    Without a loop: log u[n] = max over k <= n of (log need[k] - (n - k) / tau), a running
    maximum of log need[k] + k / tau, less n / tau (with the carry as the point k = -1).
    """
    ramp = np.arange(-1, len(need)) / (RELEASE_S * points_per_s)
    with np.errstate(divide="ignore"):
        logs = np.log(np.concatenate(([carry], need)))
    return np.exp(np.maximum.accumulate(logs + ramp) - ramp)[1:]


class Limiter:
    """One signal, limited at any gain and level (its peaks are measured once)."""

    def __init__(self, x: r128.Samples, rate: int) -> None:
        self.x = x
        self.rate = rate
        # Each block's true-peak level where worked out (_exact), else a bound above it.
        self._peaks: npt.NDArray[np.float32] | None = None
        self._exact: npt.NDArray[np.bool_] | None = None
        # The release at the last gain and level asked for (a byte per sample: one is kept).
        self._released: dict[tuple[float, float], npt.NDArray[np.float32]] = {}
        self._lock = threading.Lock()

    def _block_peaks(self, gain: float, ceiling: float) -> npt.NDArray[np.float32]:
        """The true-peak level of each block of STEP samples that the gain could bring over
        the ceiling; for the others, a bound that keeps under it (so they need nothing).

        The envelope is worked out once per block, and only where the bound says the block
        could need it: in speech limited by a few dB, about a quarter of the blocks."""
        per_chunk = r128.CHUNK // STEP
        if self._peaks is None or self._exact is None:
            self._peaks = np.zeros(-(-len(self.x) // STEP), dtype=np.float32)
            for first in range(0, len(self.x), r128.CHUNK):
                bounds = r128.Blocks(self.x, first, first + r128.CHUNK).bounds()
                self._peaks[first // STEP : first // STEP + len(bounds)] = bounds
            self._exact = np.zeros(len(self._peaks), dtype=bool)
        peaks, exact = self._peaks, self._exact
        todo = np.flatnonzero(~exact & (peaks.astype(np.float64) * gain > ceiling))
        chunks = todo // per_chunk
        edges = np.flatnonzero(np.diff(chunks)) + 1  # where the todo list enters a new chunk
        for blocks in np.split(todo, edges) if len(todo) else []:
            first = int(blocks[0]) // per_chunk * per_chunk
            region = r128.Blocks(self.x, first * STEP, (first + per_chunk) * STEP)
            peaks[blocks] = region.levels(blocks - first)
            exact[blocks] = True
        return peaks

    def apply(self, gain_db: float, limit_dbfs: float) -> Signal:
        """The signal times the gain, limited to `limit_dbfs` (true peak, to within the
        interpolation of the gain between its points)."""
        return np.concatenate([*self.pieces(gain_db, limit_dbfs, r128.CHUNK)] or [np.zeros(0)])

    def pieces(
        self, gain_db: float, limit_dbfs: float, size: int, first: int = 0, stop: int | None = None
    ) -> Iterator[Signal]:
        """apply()'s samples `first` to `stop` in pieces of `size` samples, each worked out
        when it is asked for: an encoder can take the first while the next is computed.
        Several threads may ask for ranges of one Limiter at once (segments.py)."""
        gain = 10 ** (gain_db / 20)
        ceiling = 10 ** (limit_dbfs / 20)
        with self._lock:  # the peaks and release, worked out once for all the ranges
            peaks = self._block_peaks(gain, ceiling)
            released = None
            if len(peaks) and float(np.max(peaks)) * gain > ceiling:
                key = (gain_db, limit_dbfs)
                if key not in self._released:
                    self._released = {key: self._release(peaks, gain, ceiling)}
                released = self._released[key]
        stop = len(self.x) if stop is None else min(stop, len(self.x))
        for start in range(first, stop, size):
            end = min(start + size, stop)
            x = r128.floats(self.x[start:end])
            if released is None:
                yield x * gain
                continue
            # The curve's points around this piece, and the samples' own needs.
            lo, hi = max(0, start // STEP - 1), min(len(peaks), end // STEP + 2)
            curve = self._reduction(released, peaks, gain, ceiling, lo, hi)
            centres = np.arange(lo, hi, dtype=np.float64) * STEP + (STEP - 1) / 2
            reduction = np.interp(np.arange(start, end), centres, curve)
            yield x * (
                gain * (1.0 - np.maximum(reduction, self._need(peaks, start, end, gain, ceiling)))
            )

    def _need(
        self, peaks: npt.NDArray[np.float32], start: int, end: int, gain: float, ceiling: float
    ) -> Signal:
        """Each sample's own need, start to end: zero but in the blocks whose peak is over
        the ceiling (a few in a hundred), where the envelope is worked out sample by sample."""
        need = np.zeros(end - start)
        blocks = np.arange(start // STEP, -(-end // STEP))
        over = blocks[peaks[blocks].astype(np.float64) * gain > ceiling]
        if len(over):
            first = over[0] * STEP
            envelope = r128.Blocks(self.x, first, over[-1] * STEP + STEP).envelope(over - over[0])
            where = (np.arange(STEP)[:, None] + over[None, :] * STEP).ravel()
            inside = (where >= start) & (where < end)
            need[where[inside] - start] = _need(envelope.ravel()[inside], gain, ceiling)
        return need

    def _attack(self) -> int:
        return max(1, math.ceil(ATTACK_S * self.rate / STEP))

    def _release(
        self, peaks: npt.NDArray[np.float32], gain: float, ceiling: float
    ) -> npt.NDArray[np.float32]:
        """Each block's need, held with the release: _BLOCKS at a time, the last one carried."""
        out = np.empty(len(peaks), dtype=np.float32)
        carry = 0.0
        for first in range(0, len(peaks), _BLOCKS):
            need = _need(peaks[first : first + _BLOCKS], gain, ceiling)
            held = _released(need, carry, self.rate / STEP)
            out[first : first + len(held)] = held
            carry = float(held[-1])
        return out

    def _reduction(
        self,
        released: npt.NDArray[np.float32],
        peaks: npt.NDArray[np.float32],
        gain: float,
        ceiling: float,
        first: int,
        last: int,
    ) -> Signal:
        """The reduction at blocks first to last: the mean of held[b - attack : b + 1], where
        held[k] is the largest released value of k to k + attack (none before the start).

        Each of those covers block b, so the mean is at least need[b]; the need itself is the
        floor where the window reaches before the start.
        """
        attack = self._attack()
        lo, hi = max(0, first - attack), min(len(released), last + attack)
        held = _running_max_ahead(released[lo:hi].astype(np.float64), attack + 1)
        window = np.concatenate((np.zeros(attack - (first - lo)), held[: last - lo]))
        # A convolution sums each window in the same order wherever the piece begins.
        mean = np.convolve(window, np.full(attack + 1, 1.0 / (attack + 1)), mode="valid")
        return np.maximum(mean, _need(peaks[first:last], gain, ceiling))


def _need(
    peaks: npt.NDArray[np.float32] | npt.NDArray[np.float64], gain: float, ceiling: float
) -> Signal:
    """The reduction a level needs to stay under the ceiling (0 where it is under already)."""
    level = peaks.astype(np.float64) * gain
    return np.maximum(0.0, 1.0 - ceiling / np.maximum(level, 1e-12))


def limit(x: r128.Samples, rate: int, gain_db: float, limit_dbfs: float) -> Signal:
    """`x` times the gain, limited to `limit_dbfs`."""
    return Limiter(x, rate).apply(gain_db, limit_dbfs)
