"""mp3: frames of real LAME streams, where their samples fall, and the gapless tag."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from narrator.audio import mp3

RAW = ["-write_xing", "0", "-id3v2_version", "0"]  # frames only, as segments.py asks for


def _encode(x: np.ndarray, rate: int, *extra: str, kbps: int = 64, out: str = "pipe:1") -> bytes:
    """`x` encoded by LAME without its bit reservoir, to `out` (a file: with the LAME tag)."""
    pcm = (np.clip(x, -1, 1) * 32767).astype("<i2").tobytes()
    return subprocess.run(
        [
            *["ffmpeg", "-loglevel", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1"],
            *["-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", f"{kbps}k", "-reservoir", "0"],
            *extra,
            *["-f", "mp3", "-y", out],
        ],
        input=pcm,
        capture_output=True,
        check=True,
    ).stdout


def _decode(data: bytes) -> np.ndarray:
    out = subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-f", "mp3", "-i", "pipe:0", "-f", "f32le", "pipe:1"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(out, "<f4")


def _decode_file(path: Path) -> np.ndarray:
    out = subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", str(path), "-f", "f32le", "pipe:1"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(out, "<f4")


def _noise(seconds: float, rate: int) -> np.ndarray:
    return np.random.default_rng(3).normal(0, 0.1, int(seconds * rate))


@pytest.mark.parametrize(("rate", "kbps"), [(22_050, 64), (44_100, 128), (16_000, 32)])
def test_a_stream_is_cut_into_its_frames_in_any_pieces(rate: int, kbps: int) -> None:
    data = _encode(_noise(3.0, rate), rate, *RAW, kbps=kbps)
    whole, starts = mp3.Frames().feed(data)
    assert whole == data and starts[0] == 0
    decoded = _decode(data)
    assert len(decoded) == len(starts) * mp3.frame_samples(rate)
    frames, blocks, at = mp3.Frames(), [], 0
    random.seed(1)
    while at < len(data):
        step = random.randint(1, 700)
        block, _ = frames.feed(data[at : at + step])
        blocks.append(block)
        at += step
    frames.finish()
    assert b"".join(blocks) == data


def test_a_cut_stream_and_a_stranger_are_refused() -> None:
    data = _encode(_noise(1.0, 22_050), 22_050, *RAW)
    frames = mp3.Frames()
    frames.feed(data[:-10])
    with pytest.raises(mp3.FrameError, match="cut frame"):
        frames.finish()
    with pytest.raises(mp3.FrameError, match="no Layer III"):
        mp3.Frames().feed(b"RIFF0000WAVEfmt ")


@pytest.mark.parametrize("rate", [22_050, 44_100])
def test_the_decoded_stream_lags_its_input_by_the_delay(rate: int) -> None:
    x = np.zeros(rate * 2)
    x[5000] = 0.8
    decoded = _decode(_encode(x, rate, *RAW))
    assert int(np.argmax(np.abs(decoded))) == 5000 + mp3.DELAY


def test_gapless_fields_are_those_lame_writes(tmp_path: Path) -> None:
    # A file ffmpeg encodes itself has the delay, the padding and the tag's CRC right: blank
    # them, and set_gapless must write back the same bytes.
    x = _noise(2.5, 22_050)
    path = tmp_path / "a.mp3"
    _encode(x, 22_050, "-id3v2_version", "3", out=str(path))
    original = path.read_bytes()
    start = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(original[6:10]))
    lame = start + 4 + 9 + 4 + 4 + 4 + 4 + 100 + 4  # header, side info, "Info", fields
    assert original[start + 13 : start + 17] == b"Info"
    blanked = bytearray(original)
    blanked[lame + 21 : lame + 24] = bytes(3)
    blanked[lame + 34 : lame + 36] = bytes(2)
    path.write_bytes(bytes(blanked))
    mp3.set_gapless(path, len(x))
    assert path.read_bytes() == original


def test_copied_frames_play_exactly_once_gapless_is_set(tmp_path: Path) -> None:
    x = _noise(3.0, 22_050)
    path = tmp_path / "copied.mp3"
    subprocess.run(
        [
            *["ffmpeg", "-loglevel", "error", "-f", "mp3", "-i", "pipe:0", "-c:a", "copy"],
            *["-id3v2_version", "3", "-f", "mp3", "-y", str(path)],
        ],
        input=_encode(x, 22_050, *RAW),
        check=True,
    )
    assert len(_decode_file(path)) > len(x)  # without the fields: the priming samples too
    mp3.set_gapless(path, len(x))
    decoded = _decode_file(path)
    assert len(decoded) == len(x)
    # ... and the samples are the input's, in place: the best lag is zero.
    lags = range(-3, 4)
    errors = [float(np.mean((np.roll(decoded, lag) - x) ** 2)) for lag in lags]
    assert lags[int(np.argmin(errors))] == 0


def test_a_file_without_its_tag_frame_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "raw.mp3"
    path.write_bytes(_encode(_noise(1.0, 22_050), 22_050, *RAW))
    with pytest.raises(mp3.FrameError, match="no Info"):
        mp3.set_gapless(path, 22_050)
