"""probe: what ffprobe reports, and ffmpeg failures as AudioError."""

from __future__ import annotations

import os
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


@pytest.fixture
def niceness_reporter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """FFMPEG as a program that fails, saying its own niceness (what ps shows as NI)."""
    script = tmp_path / "ffmpeg"
    niceness = "$(awk '{print $19}' /proc/$$/stat)"
    script.write_text(f'#!/bin/sh\necho "niceness={niceness}" >&2\nexit 3\n')
    script.chmod(0o755)
    monkeypatch.setattr(probe, "FFMPEG", str(script))


def _niceness_of_ffmpeg_runs() -> tuple[str, str]:
    """The niceness of a run_ffmpeg run and of an encode chain's first process."""
    from narrator.audio import encode
    from narrator.speech.engine import Audio

    said = []
    for run in (
        lambda: probe.run_ffmpeg(["-i", "x"], what="probe"),
        lambda: encode.encode_bytes(Audio(pcm=b"\1\0" * 800, sample_rate=8000), "mp3"),
    ):
        with pytest.raises(errors.AudioError) as failed:
            run()
        said.append(str(failed.value).split("niceness=")[1].split()[0])
    return said[0], said[1]


@pytest.mark.usefixtures("niceness_reporter")
def test_ffmpeg_runs_at_background_priority_only_while_told() -> None:
    own = str(os.getpriority(os.PRIO_PROCESS, 0))
    assert _niceness_of_ffmpeg_runs() == (own, own)
    with probe.background():
        lowered = str(min(19, int(own) + probe.BACKGROUND_NICENESS))
        assert _niceness_of_ffmpeg_runs() == (lowered, lowered)
    assert _niceness_of_ffmpeg_runs() == (own, own)
