"""Signals and measurements for the audio tests (numpy tones, ffmpeg's own loudness read-out)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from narrator.speech.engine import Audio


def samples(audio: Audio) -> np.ndarray:
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)


def from_samples(x: np.ndarray, sample_rate: int) -> Audio:
    clipped = np.clip(np.round(x), -32768, 32767).astype("<i2")
    return Audio(pcm=clipped.tobytes(), sample_rate=sample_rate)


def tone(hz: float, seconds: float, sample_rate: int = 22_050, dbfs: float = -12.0) -> Audio:
    t = np.arange(int(seconds * sample_rate)) / sample_rate
    return from_samples(32767 * 10 ** (dbfs / 20) * np.sin(2 * np.pi * hz * t), sample_rate)


def scaled(audio: Audio, gain_db: float) -> Audio:
    return from_samples(samples(audio) * 10 ** (gain_db / 20), audio.sample_rate)


def dominant_hz(audio: Audio) -> float:
    x = samples(audio)
    x = x[len(x) // 4 : 3 * len(x) // 4] * np.hanning(len(x) // 2)
    spectrum = np.abs(np.fft.rfft(x, n=8 * len(x)))  # zero-padded: fine frequency bins
    return float(np.fft.rfftfreq(8 * len(x), 1 / audio.sample_rate)[np.argmax(spectrum)])


def ebur128(path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) straight from ffmpeg, independent of our parser."""
    out = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true:framelog=verbose",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = out[out.rindex("Summary:") :]
    lufs = float(summary.split("I:")[1].split("LUFS")[0])
    peak = float(summary.split("Peak:")[1].split("dBFS")[0])
    return lufs, peak
