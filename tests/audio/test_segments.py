"""segments: an MP3 encoded in segments on several cores, joined without a seam."""

from __future__ import annotations

import itertools
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from narrator import errors
from narrator.audio import encode, loudness, mp3, pcm, probe, segments
from narrator.speech.engine import Audio
from tests.helpers.signals import ebur128, scaled

RATE = 22_050
FRAME = mp3.frame_samples(RATE)


@pytest.mark.parametrize("seconds", [20.0, 41.0, 300.0, 1800.0])
@pytest.mark.parametrize("parts", [1, 2, 3, 8])
def test_segments_keep_every_frame_of_the_whole_once(seconds: float, parts: int) -> None:
    frames = int(seconds * RATE) + 123
    plan = segments.plan(frames, RATE, parts)
    assert 1 <= len(plan) <= parts
    assert all(s.stop - s.first >= segments.MIN_SEGMENT_S * RATE * 0.9 for s in plan[:-1])
    # Kept ranges follow each other on the whole encode's grid, from its first frame on.
    assert plan[0].first == -mp3.DELAY and plan[-1].end is None
    for this, after in itertools.pairwise(plan):
        assert this.end == after.first
        assert (after.first + mp3.DELAY) % FRAME == 0
    for s in plan:
        assert s.start % FRAME == 0 and 0 <= s.start < s.stop <= frames
        # Each encoder starts early enough to settle, and runs past its last kept frame.
        assert s.start == 0 or s.first - s.start >= segments.WARM_FRAMES * FRAME - mp3.DELAY
        if s.end is not None:
            assert s.stop >= s.end + mp3.DELAY + segments.TAIL_FRAMES * FRAME
        first_kept = next(i for i in range(10_000) if s.kept(i, FRAME))
        assert s.start + first_kept * FRAME - mp3.DELAY == s.first


def test_a_short_narration_is_one_segment() -> None:
    assert len(segments.plan(int(30 * RATE), RATE, 4)) == 1


def test_one_segment_a_core_but_for_background_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "cores", lambda: 4)
    ten_minutes = 600 * RATE
    assert len(segments.plan(ten_minutes, RATE)) == 4
    with probe.background():
        assert len(segments.plan(ten_minutes, RATE)) == 1
    assert len(segments.plan(ten_minutes, RATE)) == 4


def _narration(speech: Audio) -> Audio:
    """About 30 s of speech at levels a few dB apart, with pauses: the limiter at work."""
    parts = [scaled(speech, gain) for gain in (0.0, -3.0, 2.0, -1.0, 1.0, -2.0, 3.0)]
    return pcm.concat([p for part in parts for p in (part, pcm.silence(300, speech.sample_rate))])


def _decoded(path: Path) -> np.ndarray:
    out, _ = probe.run_ffmpeg(
        ["-nostdin", "-i", str(path), "-f", "f32le", "pipe:1"], what="decoding"
    )
    return np.frombuffer(out, "<f4")


@pytest.fixture
def in_segments(monkeypatch: pytest.MonkeyPatch) -> int:
    """Narrations of a few seconds encoded in 3 segments, whatever the machine's cores."""
    monkeypatch.setattr(segments, "MIN_SEGMENT_S", 2.0)
    monkeypatch.setattr(segments, "cores", lambda: 3)
    return 3


def test_joined_file_decodes_as_the_whole_would_at_every_join(
    tmp_path: Path, speech: Audio, in_segments: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    audio = _narration(speech)
    gain = loudness.plan_gain(audio)
    joined = tmp_path / "joined.mp3"
    encode.encode_normalized(audio, joined, "mp3", tags={"title": "T"}, gain=gain)
    monkeypatch.setattr(segments, "cores", lambda: 1)
    whole = tmp_path / "whole.mp3"
    encode.encode_normalized(audio, whole, "mp3", tags={"title": "T"}, gain=gain)
    a, b = _decoded(joined), _decoded(whole)
    # Gapless: the player gets exactly the narration's samples, no more, no less.
    assert len(a) == len(b) == audio.frames
    plan = segments.plan(audio.frames, RATE, in_segments)
    assert len(plan) == in_segments
    for segment in plan[1:]:
        around = slice(segment.first - 3 * FRAME, segment.first + 3 * FRAME)
        assert np.array_equal(a[around], b[around]), f"the join at {segment.first} differs"
    # Away from the joins the encoders may settle on other (as good) choices now and then.
    signal = float(np.sqrt(np.mean(b.astype(np.float64) ** 2)))
    difference = float(np.sqrt(np.mean((a.astype(np.float64) - b) ** 2)))
    assert difference < signal * 0.05


@pytest.mark.slow
def test_joined_file_is_on_target_and_measured_as_written(
    tmp_path: Path, speech: Audio, in_segments: int
) -> None:
    path = tmp_path / "n.mp3"
    got = encode.encode_normalized(
        scaled(_narration(speech), -12.0), path, "mp3", tags={"title": "T: a|b", "artist": "A"}
    )
    lufs, peak = ebur128(path)
    assert lufs == pytest.approx(loudness.TARGET_LUFS, abs=0.3)
    assert peak <= encode.MAX_TRUE_PEAK
    assert got.integrated_lufs == pytest.approx(lufs, abs=0.1)
    assert got.true_peak_dbtp == pytest.approx(peak, abs=0.15)
    assert path.read_bytes()[:4] == b"ID3\x03"
    tags = probe.tags(path)
    assert tags["title"] == "T: a|b" and tags["artist"] == "A"


def test_same_bytes_every_time(tmp_path: Path, speech: Audio, in_segments: int) -> None:
    audio = _narration(speech)
    first, again = tmp_path / "1.mp3", tmp_path / "2.mp3"
    encode.encode_normalized(audio, first, "mp3")
    encode.encode_normalized(audio, again, "mp3")
    assert first.read_bytes() == again.read_bytes()


def _ffmpeg_children() -> set[int]:
    out = subprocess.run(
        ["pgrep", "-P", str(os.getpid()), "ffmpeg"], capture_output=True, text=True
    ).stdout
    return {int(p) for p in out.split()}


def test_a_failing_source_fails_the_encode_and_stops_every_encoder(
    tmp_path: Path, speech: Audio, in_segments: int
) -> None:
    audio = _narration(speech)
    whole = audio.pcm

    def source(start: int, stop: int) -> Iterator[bytes]:
        if start:
            raise RuntimeError("the limiter broke")
        yield whole[2 * start : 2 * stop]

    with pytest.raises(RuntimeError, match="the limiter broke"):
        encode._encode_measured(
            source, audio.frames, RATE, tmp_path / "x.mp3", encode.FORMATS["mp3"], {}, 0.0
        )
    assert not _ffmpeg_children()


def test_a_failing_encoder_is_an_audio_error(
    tmp_path: Path, speech: Audio, in_segments: int
) -> None:
    audio = _narration(speech)
    codec = ("-c:a", "libmp3lame", "-no_such_option", "1")
    broken = encode.Format("mp3", codec, RATE, "audio/mpeg", lossy=True)
    with pytest.raises(errors.AudioError, match="segments: ffmpeg failed"):
        encode._encode_measured(
            encode._slices(audio.pcm), audio.frames, RATE, tmp_path / "x.mp3", broken, {}, 0.0
        )
    assert not _ffmpeg_children()
