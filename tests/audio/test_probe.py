"""probe: what ffprobe reports, and ffmpeg failures as AudioError."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from narrator import errors
from narrator.audio import probe
from tests.helpers.signals import tone


def _wav(path: Path, seconds: float, rate: int = 16_000) -> Path:
    audio = tone(440, seconds, sample_rate=rate)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(audio.pcm)
    return path


def test_info_of_a_plain_wav(tmp_path: Path) -> None:
    path = _wav(tmp_path / "a.wav", 1.5)
    info = probe.info(path)
    assert (info.codec, info.sample_rate, info.channels) == ("pcm_s16le", 16_000, 1)
    assert info.duration_s == pytest.approx(1.5, abs=0.001)
    assert info.tags == {}
    assert probe.duration_s(path) == info.duration_s
    assert probe.decoded_duration_s(path) == pytest.approx(1.5, abs=0.0001)
    assert (probe.codec(path), probe.sample_rate(path), probe.channels(path)) == (
        "pcm_s16le",
        16_000,
        1,
    )


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"this is not audio" * 10)
    with pytest.raises(errors.AudioError, match="ffprobe cannot read"):
        probe.info(junk)
    with pytest.raises(errors.AudioError):
        probe.duration_s(tmp_path / "missing.mp3")


def test_run_ffmpeg_returns_output_and_reports_failures() -> None:
    out, _ = probe.run_ffmpeg(
        ["-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "0.5", "-f", "s16le", "pipe:1"],
        what="silence",
    )
    assert out == bytes(8000)
    with pytest.raises(errors.AudioError, match=r"^making noise: ffmpeg failed \(\d+\): .*"):
        probe.run_ffmpeg(["-i", "/nonexistent/input.wav", "-f", "null", "-"], what="making noise")


def test_stderr_tail_is_bounded() -> None:
    assert probe.tail("x" * 5000).startswith("...") and len(probe.tail("x" * 5000)) == 803
    assert probe.tail("  short \n") == "short"
