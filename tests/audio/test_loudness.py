"""loudness through real ffmpeg: -16 LUFS from quiet and hot speech, peaks under the ceiling."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.audio import encode, loudness, probe
from narrator.speech.engine import Audio
from tests.helpers.signals import ebur128, scaled, tone


def _at(audio: Audio, lufs: float) -> Audio:
    return scaled(audio, lufs - loudness.integrated_lufs(audio))


@pytest.mark.parametrize("start_lufs", [-35.0, -9.0])
def test_normalize_reaches_target_under_ceiling(speech: Audio, start_lufs: float) -> None:
    source = _at(speech, start_lufs)
    # The hot input clips at 16 bits, which costs it a little over 1 LU.
    assert loudness.integrated_lufs(source) == pytest.approx(start_lufs, abs=1.6)
    out = loudness.normalize(source)
    assert (out.sample_rate, out.frames) == (source.sample_rate, source.frames)
    m = loudness.measure(out)
    assert m.integrated_lufs == pytest.approx(-16.0, abs=0.3)
    assert m.true_peak_dbtp <= loudness.CEILING_DBTP + 0.1


def test_other_target(speech: Audio) -> None:
    out = loudness.normalize(speech, target_lufs=-23.0)
    assert loudness.integrated_lufs(out) == pytest.approx(-23.0, abs=0.3)


@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_measure_of_a_file_agrees_with_ffmpeg(tmp_path: Path, speech: Audio, fmt: str) -> None:
    # Our numpy meter against ffmpeg's own ebur128 (which resamples to 48 kHz to measure, and
    # prints to 0.1), on the raw speech and on speech the limiter has worked on.
    for name, audio in (("raw", speech), ("limited", loudness.normalize(scaled(speech, 12.0)))):
        path = tmp_path / f"{name}.{fmt}"
        encode.encode(audio, path, fmt, tags={})
        lufs, peak = ebur128(path)
        m = loudness.measure(path)
        assert m.integrated_lufs == pytest.approx(lufs, abs=0.06)
        assert m.true_peak_dbtp == pytest.approx(peak, abs=0.15)
        assert loudness.measure(path, sample_rate=probe.sample_rate(path)) == m
        assert loudness.integrated_lufs(path) == m.integrated_lufs


def test_sine_reference_level() -> None:
    # A 1 kHz sine at -20 dBFS reads about -23 LUFS (BS.1770's calibration point, +-0.1 LU
    # for the K-weighting at 1 kHz) and its true peak is its sample peak.
    m = loudness.measure(tone(1000, 3.0, sample_rate=48_000, dbfs=-20.0))
    assert m.integrated_lufs == pytest.approx(-23.0, abs=0.2)
    assert m.true_peak_dbtp == pytest.approx(-20.0, abs=0.2)


def test_silence_short_and_empty_audio_are_left_alone() -> None:
    silent = Audio(pcm=bytes(2 * 22_050), sample_rate=22_050)
    short = tone(440, 0.2)  # under one 400 ms gating block
    empty = Audio(pcm=b"", sample_rate=22_050)
    for audio in (silent, short, empty):
        assert loudness.integrated_lufs(audio) == loudness.SILENT_LUFS
        assert loudness.normalize(audio) is audio


@pytest.mark.parametrize("slope", [1.0, 0.5, 0.15])
def test_gain_search_converges_under_heavy_limiting(
    monkeypatch: pytest.MonkeyPatch, slope: float
) -> None:
    # A model of the limiter: gain is linear up to the knee, then loudness grows by only
    # `slope` dB per dB. normalize() must still land within tolerance in its passes.
    passes = []

    def model(audio: Audio, gain_db: float, limit: float) -> tuple[Audio, loudness.Measurement]:
        passes.append(gain_db)
        knee = 3.0
        reached = -30.0 + min(gain_db, knee) + max(0.0, gain_db - knee) * slope
        return audio, loudness.Measurement(reached, loudness.CEILING_DBTP)

    monkeypatch.setattr(loudness, "measure", lambda *a, **k: loudness.Measurement(-30.0, -10.0))
    monkeypatch.setattr(loudness, "_apply", model)
    loudness.normalize(tone(440, 1.0))
    reached = -30.0 + min(passes[-1], 3.0) + max(0.0, passes[-1] - 3.0) * slope
    assert abs(reached + 16.0) <= loudness.TOLERANCE_LU
    assert len(passes) <= 5
