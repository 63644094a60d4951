"""Loudness: measure with ffmpeg's EBU R128 scanner, normalize to -16 LUFS (podcast level).

normalize() applies one gain to the whole narration (no dynamic compression) and a lookahead
limiter only where that gain would push a peak over the ceiling. It measures its own output
and corrects the gain until the integrated loudness lands on target, so the result does not
depend on how far the limiter had to work. The ceiling sits below the -1 dBTP delivery limit
to leave room for the overshoot that MP3/Opus encoding adds to peaks.

For a whole narration, plan_gain() runs that search on an excerpt (a few seconds every few
seconds) and returns the gain and limiter level; encode.encode_normalized() applies them in
the run that encodes and measures the file once, instead of passes over all of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from narrator import errors
from narrator.audio import probe
from narrator.speech.engine import Audio

TARGET_LUFS = -16.0
MAX_TRUE_PEAK = -1.0  # dBTP, in the encoded file
CEILING_DBTP = -2.5  # normalize() output; MP3/Opus add up to ~1 dB, encode() checks the file
INTERSAMPLE_MARGIN_DB = 0.15  # limiter threshold below the ceiling (resampling ripple)
OVERSAMPLE = 4
TOLERANCE_LU = 0.2  # normalize() stops correcting once within this of the target
MAX_PASSES = 6
MIN_SLOPE = 0.1  # loudness gained per dB of gain, at the least, under heavy limiting
LIMITED_SLOPE = 0.45  # ... typically, once a first pass falls short by over LIMITED_ERROR_LU
LIMITED_ERROR_LU = 0.5
SILENT_LUFS = -70.0  # ebur128's answer when nothing passes its absolute gate
EXCERPT_S = 40.0  # plan_gain() searches on this much of a long narration ...
EXCERPT_PIECE_S = 2.0  # ... in evenly spaced pieces this long
EXCERPT_TOLERANCE_LU = 0.1  # ... to within this of the target


@dataclass(frozen=True)
class Measurement:
    integrated_lufs: float
    true_peak_dbtp: float


# framelog=verbose keeps the ten-per-second frame lines out of the info-level log we parse.
# The summary rounds to 0.1 LU, too coarse for the gain search: metadata=1 puts the running
# integrated loudness on every frame, printed to three decimals; the last one is the whole's.
_EBUR128 = "ebur128=framelog=verbose:metadata=1{peak},ametadata=mode=print:key=lavfi.r128.I"
_NUMBER = r"(-?[\d.]+|-?inf|nan)"
_INTEGRATED = re.compile(r"I:\s*" + _NUMBER + r"\s*LUFS")
_RUNNING = re.compile(r"lavfi\.r128\.I=" + _NUMBER)
_PEAK = re.compile(r"Peak:\s*" + _NUMBER + r"\s*dBFS")
NO_PEAK = -200.0
_ASTATS = "astats=measure_overall=Peak_level:measure_perchannel=none"
_ASTATS_PEAK = re.compile(r"Peak level dB:\s*" + _NUMBER)


def _parse(stderr: str) -> Measurement:
    at = stderr.rfind("Summary:")
    integrated = _INTEGRATED.search(stderr, at)
    if at < 0 or not integrated:
        raise errors.AudioError(f"no loudness summary from ffmpeg ebur128: {probe.tail(stderr)}")
    peak = _PEAK.search(stderr, at)
    running = _RUNNING.findall(stderr, 0, at)
    lufs = float(running[-1] if running else integrated[1])
    tp = float(peak[1]) if peak else NO_PEAK
    return Measurement(
        integrated_lufs=lufs if math.isfinite(lufs) and lufs > SILENT_LUFS else SILENT_LUFS,
        true_peak_dbtp=tp if math.isfinite(tp) and tp > NO_PEAK else NO_PEAK,
    )


def measure(source: Path | Audio, *, true_peak: bool = True) -> Measurement:
    """Integrated loudness (LUFS) and true peak (dBTP) of a file or of PCM audio.

    true_peak=False skips the 4x-oversampled peak scan (three times faster) and reports
    NO_PEAK.
    """
    if isinstance(source, Audio):
        if not source.pcm:
            return Measurement(SILENT_LUFS, NO_PEAK)
        args, stdin = probe.pcm_input(source), source.pcm
    else:
        args, stdin = ["-nostdin", "-i", str(source)], b""
    scanner = _EBUR128.format(peak=":peak=true" if true_peak else "")
    _, stderr = probe.run_ffmpeg(
        [*args, "-map", "0:a:0", "-af", scanner, "-f", "null", "-"],
        stdin,
        what="loudness measurement",
    )
    return _parse(stderr)


def measure_file(path: Path, sample_rate: int | None = None) -> Measurement:
    """measure(path), about twice as fast: the true peak is the peak of 4x-oversampled samples.

    That is BS.1770's own true-peak method (ffmpeg's ebur128 oversamples to 192 kHz instead);
    on encoded speech, band-limited well below the file's Nyquist, the two agree within 0.05 dB.
    `sample_rate`: the file's, when the caller knows it (saves an ffprobe run).
    """
    rate = sample_rate or probe.info(path).sample_rate
    _, stderr = probe.run_ffmpeg(
        ["-nostdin", "-i", str(path), *measure_args(rate)], what="loudness measurement"
    )
    return parse_measurement(stderr)


def measure_args(sample_rate: int) -> list[str]:
    """ffmpeg output arguments that measure the input as measure_file does."""
    graph = f"{_EBUR128.format(peak='')},aresample={sample_rate * OVERSAMPLE},{_ASTATS}"
    return ["-map", "0:a:0", "-af", graph, "-f", "null", "-"]


def parse_measurement(stderr: str) -> Measurement:
    """The Measurement in the stderr of an ffmpeg run with measure_args."""
    return _with_peak(_parse(stderr), stderr)


def _with_peak(m: Measurement, stderr: str) -> Measurement:
    """`m` with the true peak astats reported (the last "Peak level dB" in `stderr`)."""
    found = _ASTATS_PEAK.findall(stderr)
    value = float(found[-1]) if found else NO_PEAK
    return Measurement(
        m.integrated_lufs, value if math.isfinite(value) and value > NO_PEAK else NO_PEAK
    )


def integrated_lufs(path_or_audio: Path | Audio) -> float:
    return measure(path_or_audio, true_peak=False).integrated_lufs


def _apply(audio: Audio, gain_db: float, ceiling_dbtp: float) -> tuple[Audio, Measurement]:
    """Gain, then a limiter at the ceiling; returns the audio and its measurement.

    The limiter runs at OVERSAMPLE times the rate, so it sees (and holds down) the peaks
    between samples too: at 1x, 8 dB of limiting let true peaks 0.7 dB over the limit.
    """
    rate = audio.sample_rate
    stages = limiter_filters(Gain(gain_db, ceiling_dbtp, audio), rate)
    # Loudness on the output; its true peak as BS.1770 defines it, the peak of the 4x
    # oversampled signal (ebur128's own peak=true oversamples to 192 kHz: three times slower).
    graph = (
        f"[0:a]{','.join(stages)},{_EBUR128.format(peak='')},asplit=2[out][peak];"
        f"[peak]aresample={rate * OVERSAMPLE},{_ASTATS},anullsink"
    )
    out, stderr = probe.run_ffmpeg(
        [
            *probe.pcm_input(audio),
            *["-filter_complex", graph, "-map", "[out]"],
            *["-f", "s16le", "-ac", "1", "pipe:1"],
        ],
        audio.pcm,
        what="loudness normalization",
    )
    # Resampling may add or drop a sample at the end: keep the length (timings rely on it).
    pcm = out[: len(audio.pcm)].ljust(len(audio.pcm), b"\0")
    return Audio(pcm=pcm, sample_rate=rate), _with_peak(_parse(stderr), stderr)


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
    target_lufs: float | Callable[[], float],
    gain: float,
    tolerance: float = TOLERANCE_LU,
) -> Gain:
    """normalize()'s gain search on `audio`, starting from `gain`, done within `tolerance`.

    `target_lufs` may be a function: it is called once the first pass is done (plan_gain is
    still measuring what to aim at while that pass runs).
    """
    target = None if callable(target_lufs) else target_lufs
    # The limiter works on samples; true peaks between samples run a little higher.
    limit = CEILING_DBTP - INTERSAMPLE_MARGIN_DB
    under: tuple[float, float] | None = None  # (gain, loudness) of a pass that fell short
    over: tuple[float, float] | None = None  # ... and of one that went past the target
    last: tuple[float, float] | None = None
    best: tuple[float, Gain] | None = None
    for _ in range(MAX_PASSES):
        out, after = _apply(audio, gain, limit)
        if target is None:
            assert callable(target_lufs)
            target = target_lufs()
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
    if part is audio:
        whole = measure(audio, true_peak=False).integrated_lufs
        return None if whole <= SILENT_LUFS else _search(audio, target_lufs, target_lufs - whole)
    # The whole is measured in parallel with the excerpt and the search's first pass, whose
    # gain needs only the excerpt: from the excerpt's level, aimed as if it stood for the whole.
    with ThreadPoolExecutor(max_workers=1) as pool:
        measuring = pool.submit(measure, audio, true_peak=False)
        level = measure(part, true_peak=False).integrated_lufs
        if level <= SILENT_LUFS:  # a silent excerpt: of a silent whole, or search on all of it
            whole = measuring.result().integrated_lufs
            if whole <= SILENT_LUFS:
                return None
            return _search(audio, target_lufs, target_lufs - whole)

        def aim() -> float:
            # Aimed closer than normalize() aims: a pass over the excerpt costs a tenth of the
            # re-encode that an estimate off by the excerpt's error plus the tolerance would cause.
            return target_lufs + level - measuring.result().integrated_lufs

        return _search(part, aim, target_lufs - level, EXCERPT_TOLERANCE_LU)


def limiter_filters(gain: Gain, sample_rate: int) -> list[str]:
    """The ffmpeg filters of `gain`, for audio at `sample_rate` (what _apply runs, unmeasured)."""
    limit = 10 ** (gain.limit_dbtp / 20)
    return [
        f"volume={gain.gain_db:.3f}dB:precision=double",
        f"aresample={sample_rate * OVERSAMPLE}",
        # level=0: no auto make-up gain; latency=1: no lookahead delay in the output.
        f"alimiter=limit={limit:.5f}:attack=5:release=80:level=0:latency=1",
        f"aresample={sample_rate}",
    ]
