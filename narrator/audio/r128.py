"""EBU R128 / ITU-R BS.1770-4 measurement of PCM in this process (numpy).

Integrated loudness (K-weighting, 400 ms blocks every 100 ms, absolute and relative gates) and
true peak (the peak of the signal oversampled 4x by a 49-tap polyphase interpolator, as
BS.1770's Annex 2 describes). ffmpeg's ebur128 gives the same figures (tests hold the two
together) but costs a process and a pass per measurement; the loudness search measures its
candidates many times, and the final file once more.

The K-weighting filters are BS.1770's two biquads, with coefficients derived for the audio's
own rate (as libebur128 does). They run as an FIR of their impulse response, cut where it has
decayed below 1e-9 of its energy: numpy has no recursive filter, and an FFT convolution of a
few thousand taps is faster than one would be in Python.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import numpy.typing as npt

Signal = npt.NDArray[np.float64]
# What the measurements take: floats in [-1, 1), or 16-bit samples (a view of PCM bytes).
Samples = npt.NDArray[np.float64] | npt.NDArray[np.float32] | npt.NDArray[np.int16]

SILENT_LUFS = -70.0  # the absolute gate: nothing louder means no loudness to speak of
NO_PEAK = -200.0
BLOCK_S = 0.4
HOP_S = 0.1
RELATIVE_GATE_LU = 10.0
OVERSAMPLE = 4
_HALF_TAPS = 12  # per side, at the original rate: a 97-tap interpolator at 4x
CHUNK = 1 << 16  # samples converted and measured at a time
HALO = _HALF_TAPS + 1  # neighbours a piece of signal needs for its envelope
BLOCK = 8  # samples per block whose true peak is bounded, and worked out only if it matters
_FIRST_BLOCKS = 64  # highest() works these out first: the peak is nearly always among them
_IMPULSE_LIMIT = 1e-9


def samples(pcm: bytes) -> Signal:
    """Signed 16-bit mono PCM as floats in [-1, 1)."""
    return floats(pcm_view(pcm))


def pcm_view(pcm: bytes) -> npt.NDArray[np.int16]:
    """Signed 16-bit mono PCM as an array, without a copy."""
    return np.frombuffer(pcm, dtype="<i2")


def floats(x: Samples) -> Signal:
    """A piece of Samples as floats in [-1, 1). The measurements convert one CHUNK at a time:
    arrays of a whole narration are each tens of MB, and every temporary of that size is
    memory the system must hand over afresh (page faults cost more than the arithmetic)."""
    if x.dtype == np.int16:
        return x.astype(np.float64) / 32768.0
    return x.astype(np.float64, copy=False)


def to_pcm(x: Signal) -> bytes:
    """Floats back to signed 16-bit PCM, rounded, clipped at full scale."""
    return np.clip(np.rint(x * 32768.0), -32768, 32767).astype("<i2").tobytes()


def _biquads(rate: int) -> list[tuple[tuple[float, float, float], tuple[float, float]]]:
    """BS.1770's pre-filter (a high shelf) and RLB high-pass, as (b0, b1, b2), (a1, a2)."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        ((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0),
        (2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0),
    )
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    highpass = ((1.0, -2.0, 1.0), (2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0))
    return [shelf, highpass]


@lru_cache(maxsize=8)
def _k_weighting(rate: int) -> Signal:
    """The impulse response of the K-weighting filters at `rate`, long enough to be exact."""
    length = 1 << max(10, math.ceil(math.log2(rate * 0.5)))
    response = [0.0] * length
    response[0] = 1.0
    for (b0, b1, b2), (a1, a2) in _biquads(rate):
        x1 = x2 = y1 = y2 = 0.0
        for i, x in enumerate(response):
            y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1, y2, y1 = x1, x, y1, y
            response[i] = y
    h = np.array(response)
    energy = np.cumsum(h[::-1] ** 2)[::-1]  # energy from each tap to the end
    keep = int(np.searchsorted(-energy, -_IMPULSE_LIMIT * energy[0]))
    return h[: max(keep, 1)].copy()


def _fast_size(n: int) -> int:
    """The smallest 2^a 3^b >= n: FFT sizes with large prime factors are many times slower."""
    best = 1 << math.ceil(math.log2(n))
    three = 1
    while three < best:
        size = three << max(0, math.ceil(math.log2(n / three)))
        best = min(best, size)
        three *= 3
    return best


def _frames(rate: int) -> tuple[int, int, int]:
    """(hop, frame, lead) of hop_energies at `rate`: each hop is filtered in a frame of a fast
    FFT size, with the `lead` samples before it (at least the filter's reach)."""
    hop = round(rate * HOP_S)
    frame = _fast_size(hop + len(_k_weighting(rate)) - 1)
    return hop, frame, frame - hop


def hop_energies(x: Samples, rate: int, first: int = 0, count: int | None = None) -> Signal:
    """The mean square of the K-weighted signal in each 100 ms hop (the blocks' quarters):
    of every whole hop of `x`, or of hops `first` to `count` (the samples before them count).

    Overlap-save, the hops of a chunk in one batched FFT: each hop is filtered together with
    the samples before it that the impulse response reaches, so the result is the linear
    (not circular) filter's, exactly.
    """
    hop, frame, lead = _frames(rate)
    count = len(x) // hop if count is None else count
    if count <= first:
        return np.zeros(0)
    spectrum = np.fft.rfft(_k_weighting(rate), frame)
    out = np.empty(count - first)
    step = max(1, CHUNK // hop)
    for begin in range(first, count, step):
        end = min(count, begin + step)
        start = begin * hop - lead
        piece = floats(x[max(0, start) : end * hop])
        if start < 0:
            piece = np.concatenate((np.zeros(-start), piece))
        frames = np.lib.stride_tricks.sliding_window_view(piece, frame)[::hop]
        filtered = np.fft.irfft(np.fft.rfft(frames, axis=1) * spectrum, frame, axis=1)
        out[begin - first : end - first] = np.mean(filtered[:, lead:] ** 2, axis=1)
    return out


def integrated_from_hops(hops: Signal) -> float:
    """Gated integrated loudness (LUFS) from hop_energies; SILENT_LUFS when nothing passes."""
    per_block = round(BLOCK_S / HOP_S)
    if len(hops) < per_block:
        return SILENT_LUFS
    sums = np.cumsum(np.concatenate(([0.0], hops)))
    blocks = (sums[per_block:] - sums[:-per_block]) / per_block
    gated = blocks[blocks > 10 ** ((SILENT_LUFS + 0.691) / 10)]
    if not len(gated):
        return SILENT_LUFS
    relative = np.mean(gated) * 10 ** (-RELATIVE_GATE_LU / 10)
    kept = gated[gated > relative]
    return float(-0.691 + 10 * np.log10(np.mean(kept)))


def integrated(x: Samples, rate: int) -> float:
    """Integrated loudness of `x` (floats, mono) in LUFS; SILENT_LUFS under the gates."""
    return integrated_from_hops(hop_energies(x, rate))


@lru_cache(maxsize=1)
def _phases() -> npt.NDArray[np.float64]:
    """The interpolator's taps, one row per phase: row p gives the signal p/4 sample later."""
    taps = np.arange(-_HALF_TAPS * OVERSAMPLE, _HALF_TAPS * OVERSAMPLE + 1)
    # Kaiser, beta 8: within 0.012 dB of the ideal interpolation up to 0.4 of the rate (8.8 kHz
    # at 22.05 kHz, where an MP3 at 64 kb/s still carries speech). Half as many taps lost 0.17 dB
    # at 0.35 and 1.4 dB at 0.4 of the rate: the file's peak read 0.1-0.2 dB low.
    h = np.sinc(taps / OVERSAMPLE) * np.kaiser(len(taps), 8.0)
    rows = np.zeros((OVERSAMPLE, 2 * _HALF_TAPS + 1))
    for p in range(OVERSAMPLE):
        # Output at n + p/4 = sum over k of x[n + k] h(p - 4k): k from -6 to 6.
        for i, k in enumerate(range(-_HALF_TAPS, _HALF_TAPS + 1)):
            t = p - OVERSAMPLE * k
            if -_HALF_TAPS * OVERSAMPLE <= t <= _HALF_TAPS * OVERSAMPLE:
                rows[p, i] = h[t + _HALF_TAPS * OVERSAMPLE]
    return rows


def peak_envelope(x: Signal) -> Signal:
    """Per sample n, the highest |value| of the 4x-oversampled signal in [n, n + 1).

    Each phase between samples is a 13-tap filter, run as 13 scaled, shifted copies added in
    single precision (to 1e-6 of a peak; the samples themselves exactly): for so short a
    filter that is seven times faster than np.convolve. `x` is taken to be silent outside
    (see Blocks for a long signal, and for the blocks where the envelope can matter).
    """
    zeros = np.zeros(_HALF_TAPS, np.float32)
    padded = np.concatenate((zeros, x.astype(np.float32), zeros))
    # The samples themselves exactly: a limiter holds them to its ceiling to the last bit.
    return np.maximum(np.abs(x), _between(padded, len(x)))


def _between(values: npt.NDArray[np.float32], count: int) -> npt.NDArray[np.float32]:
    """The highest |value| of the phases between samples at `count` places, the taps of place
    n reaching values[n : n + 2 * _HALF_TAPS + 1] along the first axis: each tap one scaled
    copy of the values added, in single precision, in the same order wherever it is used."""
    shape = (count, *values.shape[1:])
    between = np.zeros(shape, np.float32)
    phase = np.empty(shape, np.float32)
    term = np.empty(shape, np.float32)
    for row in _phases()[1:].astype(np.float32):
        phase.fill(0.0)
        for k, tap in enumerate(row):
            if tap:
                np.multiply(values[k : k + count], tap, out=term)
                phase += term
        np.maximum(between, np.abs(phase, out=phase), out=between)
    return between


@lru_cache(maxsize=1)
def _bound_factor() -> float:
    """How far the interpolated signal can rise above the largest |sample| its taps reach:
    the largest sum of |taps| of a phase (2.2), with room for single-precision rounding."""
    return float(np.abs(_phases()).sum(axis=1).max()) * (1 + 1e-5)


class Blocks:
    """The blocks of BLOCK samples of `x` from `first` to `stop` (the last may be shorter),
    for their true peaks: a cheap bound for each, and the exact level where the bound says
    it could matter (in limited speech, a fifth of the blocks).

    The samples and the neighbours the interpolator reaches are held once in single
    precision, as peak_envelope() computes; a block's window is a view of them.
    """

    def __init__(self, x: Samples, first: int, stop: int) -> None:
        self.x, self.first, self.stop = x, first, min(stop, len(x))
        self.count = max(0, -(-(self.stop - first) // BLOCK))
        span = -(-(BLOCK + 2 * _HALF_TAPS) // BLOCK)  # blocks of the window one block reaches
        lo = first - _HALF_TAPS
        padded = np.zeros((self.count + span - 1) * BLOCK, np.float32)
        a, b = max(0, lo), min(len(x), lo + len(padded))
        if b > a:
            # 16-bit samples and their scale are exact in single precision.
            padded[a - lo : b - lo] = x[a:b]
            if x.dtype == np.int16:
                padded *= np.float32(1 / 32768.0)
        self._padded = padded
        self._span = span

    def bounds(self) -> Signal:
        """For each block, a level its true peak cannot exceed: the largest |sample| its
        interpolator reaches, times the taps' gain."""
        if not self.count:
            return np.zeros(0)
        magnitude = np.abs(self._padded)
        # Strided maxima, one per place in a block: numpy reduces a short last axis slowly.
        per_block = magnitude[::BLOCK].copy()
        for i in range(1, BLOCK):
            np.maximum(per_block, magnitude[i::BLOCK], out=per_block)
        out = per_block[: self.count].copy()
        for s in range(1, self._span):
            np.maximum(out, per_block[s : s + self.count], out=out)
        return out.astype(np.float64) * _bound_factor()

    def levels(self, blocks: npt.NDArray[np.intp]) -> Signal:
        """The highest value of peak_envelope(x) in each of `blocks` (indices from `first`)."""
        return np.asarray(self.envelope(blocks).max(axis=0), dtype=np.float64)

    def envelope(self, blocks: npt.NDArray[np.intp]) -> Signal:
        """peak_envelope(x) in each of `blocks` (indices from `first`), to the bit: one row
        per place in a block, one column per block (0 from `stop` on)."""
        width = BLOCK + 2 * _HALF_TAPS
        windows = np.lib.stride_tricks.sliding_window_view(self._padded, width)[::BLOCK]
        # One row per place in the window, one column per block: every operation below then
        # runs over long contiguous rows.
        between = _between(np.ascontiguousarray(windows[blocks].T), BLOCK)
        # The samples themselves in their own precision, as peak_envelope() takes them.
        where = self.first + np.arange(BLOCK)[:, None] + blocks[None, :] * BLOCK
        inside = where < self.stop
        own = np.abs(floats(self.x[np.where(inside, where, self.first)]))
        return np.where(inside, np.maximum(own, between), 0.0)


def highest(x: Samples, first: int = 0, stop: int | None = None, known: float = 0.0) -> float:
    """max(known, the highest value of peak_envelope(x) from `first` to `stop`), the envelope
    worked out only in the blocks whose bound is over the highest level found so far (the
    blocks of highest bound first: the peak is nearly always among them)."""
    stop = len(x) if stop is None else stop
    best = known
    for start in range(first, stop, CHUNK):
        blocks = Blocks(x, start, min(stop, start + CHUNK))
        bounds = blocks.bounds()
        first_blocks = min(_FIRST_BLOCKS, len(bounds))
        top = np.argpartition(bounds, -first_blocks)[-first_blocks:]
        todo = top[bounds[top] > best]
        if len(todo):
            best = max(best, float(np.max(blocks.levels(todo))))
        bounds[top] = 0.0  # worked out already
        todo = np.flatnonzero(bounds > best)
        if len(todo):
            best = max(best, float(np.max(blocks.levels(todo))))
    return best


def true_peak(x: Samples) -> float:
    """The true peak of `x` in dBTP (NO_PEAK for silence)."""
    if not len(x):
        return NO_PEAK
    return _dbtp(highest(x))


def _dbtp(peak: float) -> float:
    """A true peak (linear) in dBTP; NO_PEAK for silence."""
    return max(NO_PEAK, 20 * math.log10(peak)) if peak > 0 else NO_PEAK


class Meter:
    """integrated() and true_peak() of a signal that arrives in pieces (a decoder's output).

    Each hop and each stretch of samples is measured as soon as enough has arrived (a hop's
    filter needs what came before it, an envelope the next few samples), so the figures are
    ready when the last piece is, and they are those of the whole signal. Only what is still
    to be measured is kept (and the little before it that the filters reach): an hour of
    audio takes no more memory than a minute.
    """

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._hop, _, lead = _frames(rate)
        self._lead_hops = -(-lead // self._hop)
        self._x = np.empty(4 * CHUNK, dtype=np.float32)
        self._base = 0  # the index, in the whole signal, of self._x[0] (a multiple of a hop)
        self._length = 0  # of the whole signal so far
        self._hops: list[Signal] = []
        self._hops_done = 0
        self._peak_done = 0
        self._peak = 0.0

    def feed(self, x: npt.NDArray[np.float32]) -> None:
        kept = self._length - self._base
        if kept + len(x) > len(self._x):
            grown = np.empty(max(2 * len(self._x), kept + len(x)), dtype=np.float32)
            grown[:kept] = self._x[:kept]
            self._x = grown
        self._x[kept : kept + len(x)] = x
        self._length += len(x)
        self._advance(final=False)

    def _advance(self, final: bool) -> None:
        x = self._x[: self._length - self._base]
        hops = self._length // self._hop
        first = self._base // self._hop  # hop indices below are relative to the buffer
        if hops - self._hops_done >= CHUNK // self._hop or final:
            self._hops.append(hop_energies(x, self.rate, self._hops_done - first, hops - first))
            self._hops_done = hops
        stop = self._length if final else self._length - HALO
        if stop - self._peak_done >= CHUNK or (final and stop > self._peak_done):
            self._peak = highest(x, self._peak_done - self._base, stop - self._base, self._peak)
            self._peak_done = stop
        # Drop what both measurements are done with, but the samples their filters reach.
        keep_from = min(
            (self._hops_done - self._lead_hops) * self._hop,
            (self._peak_done - HALO) // self._hop * self._hop,
        )
        if keep_from - self._base >= CHUNK:
            shift = keep_from - self._base
            kept = self._length - keep_from
            self._x[:kept] = self._x[shift : shift + kept].copy()
            self._base = keep_from

    def result(self) -> tuple[float, float]:
        """(integrated LUFS, true peak dBTP) of all that was fed."""
        self._advance(final=True)
        lufs = integrated_from_hops(np.concatenate(self._hops) if self._hops else np.zeros(0))
        return lufs, _dbtp(self._peak)
