"""Loudness: measure (EBU R128, in this process), normalize to -16 LUFS (podcast level).

normalize() applies one gain to the whole narration (no dynamic compression) and a lookahead
limiter only where that gain would push a peak over the ceiling. It measures its own output
and corrects the gain until the integrated loudness lands on target, so the result does not
depend on how far the limiter had to work. The ceiling sits below the -1 dBTP delivery limit
to leave room for the overshoot that MP3/Opus encoding adds to peaks.

For a whole narration, plan_gain() runs that search on an excerpt (a few seconds every few
seconds) and returns the gain and limiter level; apply() puts them on all of it once.
Measuring, limiting and the search are numpy (narrator.audio.r128, narrator.audio.limiter):
done by ffmpeg, they cost a process and a pass over the audio each, most of a narration's
final step. A file is decoded by ffmpeg and measured the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from narrator import errors
from narrator.audio import limiter, probe, r128
from narrator.speech.engine import Audio

TARGET_LUFS = -16.0
MAX_TRUE_PEAK = -1.0  # dBTP, in the encoded file
CEILING_DBTP = -2.5  # normalize() output; MP3/Opus add up to ~1 dB, encode() checks the file
INTERSAMPLE_MARGIN_DB = 0.15  # limiter threshold below the ceiling (the peaks between samples)
TOLERANCE_LU = 0.2  # normalize() stops correcting once within this of the target
MAX_PASSES = 6
MIN_SLOPE = 0.1  # loudness gained per dB of gain, at the least, under heavy limiting
LIMITED_SLOPE = 0.45  # ... typically, once a first pass falls short by over LIMITED_ERROR_LU
LIMITED_ERROR_LU = 0.5
SILENT_LUFS = r128.SILENT_LUFS  # nothing passes the absolute gate
NO_PEAK = r128.NO_PEAK
EXCERPT_S = 40.0  # plan_gain() searches on this much of a long narration ...
EXCERPT_PIECE_S = 2.0  # ... in evenly spaced pieces this long
EXCERPT_TOLERANCE_LU = 0.1  # ... to within this of the target
PIECE_S = 10.0  # apply_pieces() hands the encoder this much at a time


@dataclass(frozen=True)
class Measurement:
    integrated_lufs: float
    true_peak_dbtp: float


def _measured(x: r128.Samples, rate: int, true_peak: bool = True) -> Measurement:
    return Measurement(
        integrated_lufs=r128.integrated(x, rate),
        true_peak_dbtp=r128.true_peak(x) if true_peak else NO_PEAK,
    )


def decode(path: Path, rate: int) -> npt.NDArray[np.float32]:
    """The first audio stream of `path`, mono floats at `rate`. Floats: a decoded MP3 or Opus
    peak over full scale is kept, not clipped."""
    out, _ = probe.run_ffmpeg(
        [
            *["-nostdin", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", str(rate)],
            *["-f", "f32le", "pipe:1"],
        ],
        what=f"decoding {path.name}",
    )
    return np.frombuffer(out, dtype="<f4")


def measure(
    source: Path | Audio, *, true_peak: bool = True, sample_rate: int | None = None
) -> Measurement:
    """Integrated loudness (LUFS) and true peak (dBTP) of a file or of PCM audio.

    true_peak=False skips the true peak and reports NO_PEAK. `sample_rate`: a file's, when
    the caller knows it (saves an ffprobe run).
    """
    if isinstance(source, Audio):
        if not source.pcm:
            return Measurement(SILENT_LUFS, NO_PEAK)
        return _measured(r128.pcm_view(source.pcm), source.sample_rate, true_peak)
    rate = sample_rate or probe.info(source).sample_rate
    return _measured(decode(source, rate), rate, true_peak)


def integrated_lufs(path_or_audio: Path | Audio) -> float:
    return measure(path_or_audio, true_peak=False).integrated_lufs


def _apply(audio: Audio, gain_db: float, ceiling_dbtp: float) -> tuple[Audio, Measurement]:
    """Gain, then the limiter at the ceiling; returns the audio and its measurement."""
    out = _limiter(audio).apply(gain_db, ceiling_dbtp)
    limited = Audio(pcm=r128.to_pcm(out), sample_rate=audio.sample_rate)
    return limited, measure(limited)  # as delivered: rounded to 16 bits


def normalize(audio: Audio, target_lufs: float = TARGET_LUFS) -> Audio:
    """`audio` at `target_lufs` integrated, true peak at most CEILING_DBTP; mono, same rate.

    Each pass applies a gain and the limiter and measures the result. Limiting makes
    loudness grow slower than gain, so the next gain comes from the slope seen so far, or,
    once one pass has undershot and one overshot, from interpolating between them.

    Audio too short or too quiet to measure (under 0.4 s, or nothing above -70 LUFS) is
    returned unchanged: there is no loudness to match.
    """
    before = measure(audio, true_peak=False)
    if before.integrated_lufs <= SILENT_LUFS:
        return audio
    return _search(audio, target_lufs, target_lufs - before.integrated_lufs).audio


@dataclass(frozen=True)
class Gain:
    """What normalize() would apply: a gain, then the limiter at `limit_dbtp` (sample peak)."""

    gain_db: float
    limit_dbtp: float
    audio: Audio  # the searched audio with both applied (an excerpt for plan_gain)


def _search(
    audio: Audio,
    target: float,
    gain: float,
    tolerance: float = TOLERANCE_LU,
) -> Gain:
    """normalize()'s gain search on `audio`, starting from `gain`, done within `tolerance`."""
    try:
        return _search_passes(audio, target, gain, tolerance)
    finally:
        _limiter.cache_clear()


def _search_passes(audio: Audio, target: float, gain: float, tolerance: float) -> Gain:
    # The limiter works on samples; true peaks between samples run a little higher.
    limit = CEILING_DBTP - INTERSAMPLE_MARGIN_DB
    under: tuple[float, float] | None = None  # (gain, loudness) of a pass that fell short
    over: tuple[float, float] | None = None  # ... and of one that went past the target
    last: tuple[float, float] | None = None
    best: tuple[float, Gain] | None = None
    for _ in range(MAX_PASSES):
        out, after = _apply(audio, gain, limit)
        if after.true_peak_dbtp > CEILING_DBTP + 0.1:
            # An inter-sample peak got through: lower the limiter, and the curve changes.
            limit -= after.true_peak_dbtp - CEILING_DBTP
            under = over = last = None
            continue
        reached = after.integrated_lufs
        error = target - reached
        if best is None or abs(error) < best[0]:
            best = (abs(error), Gain(gain, limit, out))
        if abs(error) <= tolerance:
            return Gain(gain, limit, out)
        if error > 0:
            under = (gain, reached)
        else:
            over = (gain, reached)
        if under and over and over[1] != under[1]:
            step = (over[0] - under[0]) / (over[1] - under[1])
            next_gain = under[0] + (target - under[1]) * step
        else:
            # A first pass that fell well short hit the limiter hard: it will take about two
            # dB of gain per LU from here, not one (measured on espeak and piper narrations).
            slope = LIMITED_SLOPE if error > LIMITED_ERROR_LU else 1.0
            if last and gain != last[0]:
                slope = min(1.0, max(MIN_SLOPE, (reached - last[1]) / (gain - last[0])))
            next_gain = gain + error / slope
        last = (gain, reached)
        gain = next_gain
    if best is None:
        raise errors.AudioError(
            f"loudness normalization could not keep true peak under {CEILING_DBTP} dBTP"
        )
    return best[1]


def excerpt(audio: Audio, seconds: float | None = None, piece_s: float | None = None) -> Audio:
    """About `seconds` (EXCERPT_S) of `audio` in evenly spaced pieces of `piece_s`
    (EXCERPT_PIECE_S); all of it if it is under twice that long."""
    seconds = EXCERPT_S if seconds is None else seconds
    piece_s = EXCERPT_PIECE_S if piece_s is None else piece_s
    if audio.duration_s <= 2 * seconds:
        return audio
    piece = int(piece_s * audio.sample_rate) * 2  # bytes: s16 mono
    count = max(1, round(seconds / piece_s))
    stride = (len(audio.pcm) - piece) // max(1, count - 1) // 2 * 2
    parts = [audio.pcm[i * stride : i * stride + piece] for i in range(count)]
    return Audio(pcm=b"".join(parts), sample_rate=audio.sample_rate)


def plan_gain(audio: Audio, target_lufs: float = TARGET_LUFS) -> Gain | None:
    """The gain and limiter level that bring `audio` to `target_lufs`, searched on an excerpt.

    The limiter acts on each peak alone (5 ms attack, 80 ms release), so the loudness it takes
    away at a given gain is the same on evenly spaced pieces of the narration as on all of it:
    the search runs on about EXCERPT_S seconds, aimed at the excerpt's own offset from the
    whole. The caller applies the result to all of the audio in one pass (encode does it
    while encoding) and measures that. None: too short or too quiet to measure, leave as is.
    """
    part = excerpt(audio)
    whole = measure(audio, true_peak=False).integrated_lufs
    if whole <= SILENT_LUFS:
        return None
    if part is audio:
        return _search(audio, target_lufs, target_lufs - whole)
    level = measure(part, true_peak=False).integrated_lufs
    if level <= SILENT_LUFS:  # a silent excerpt of a loud whole: search on all of it
        return _search(audio, target_lufs, target_lufs - whole)
    # Aimed closer than normalize() aims: a pass over the excerpt costs far less than the
    # re-encode that an estimate off by the excerpt's error plus the tolerance would cause.
    return _search(part, target_lufs + level - whole, target_lufs - level, EXCERPT_TOLERANCE_LU)


def apply(audio: Audio, gain: Gain) -> Audio:
    """`audio` with `gain` applied (its gain, then the limiter), as _apply did in the search."""
    return Audio(pcm=b"".join(apply_pieces(audio, gain)), sample_rate=audio.sample_rate)


def apply_pieces(audio: Audio, gain: Gain, seconds: float = PIECE_S) -> Iterator[bytes]:
    """apply()'s PCM in pieces of `seconds`, each computed when the consumer asks for it."""
    return applied(audio, gain, seconds)(0, audio.frames)


def applied(
    audio: Audio, gain: Gain, seconds: float = PIECE_S
) -> Callable[[int, int], Iterator[bytes]]:
    """apply()'s PCM of samples `start` to `stop`, for any range asked for (from any
    thread), in pieces of `seconds` computed as the consumer asks: the peaks and the
    limiter's curve are worked out once for all the ranges."""
    limited = limiter.Limiter(r128.pcm_view(audio.pcm), audio.sample_rate)
    size = max(1, round(seconds * audio.sample_rate / r128.CHUNK)) * r128.CHUNK

    def between(start: int, stop: int) -> Iterator[bytes]:
        for piece in limited.pieces(gain.gain_db, gain.limit_dbtp, size, start, stop):
            yield r128.to_pcm(piece)

    return between


@lru_cache(maxsize=2)
def _limiter(audio: Audio) -> limiter.Limiter:
    """The search limits the same audio at several gains: its envelope is measured once.
    (_search empties the cache when it is done: a narration's arrays are large.)"""
    return limiter.Limiter(r128.pcm_view(audio.pcm), audio.sample_rate)
