"""pipes.run_pair: two real ffmpeg processes, pieces in, floats out, failures named."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from narrator import errors
from narrator.audio import pipes

RATE = 8_000
TO_WAV = ["-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0", "-f", "wav", "pipe:1"]
TO_FLOATS = ["-f", "wav", "-i", "pipe:0", "-f", "f32le", "pipe:1"]


def _pieces(samples: np.ndarray, size: int) -> Iterator[bytes]:
    for start in range(0, len(samples), size):
        yield samples[start : start + size].astype("<i2").tobytes()


def test_every_sample_arrives_in_order() -> None:
    samples = (np.arange(3 * RATE) % 2000 - 1000).astype(np.int16)
    got: list[np.ndarray] = []
    pipes.run_pair(TO_WAV, TO_FLOATS, _pieces(samples, 777), "test", got.append)
    out = np.concatenate(got)
    assert np.array_equal(np.rint(out * 32768).astype(np.int16), samples)


def test_a_failing_process_is_named_with_its_error() -> None:
    bad = ["-f", "s16le", "-i", "pipe:0", "-c:a", "no_such_codec", "-f", "wav", "pipe:1"]
    with pytest.raises(errors.AudioError, match=r"test: ffmpeg failed.*no_such_codec"):
        pipes.run_pair(bad, TO_FLOATS, _pieces(np.zeros(RATE, np.int16), 100), "test", print)


def test_a_failure_computing_the_pieces_reaches_the_caller() -> None:
    def broken() -> Iterator[bytes]:
        yield bytes(2 * RATE)
        raise ValueError("limiter broke")

    with pytest.raises(ValueError, match="limiter broke"):
        pipes.run_pair(TO_WAV, TO_FLOATS, broken(), "test", lambda x: None)


def test_a_failure_of_the_consumer_reaches_the_caller() -> None:
    def refuses(x: np.ndarray) -> None:
        raise RuntimeError("meter broke")

    with pytest.raises(RuntimeError, match="meter broke"):
        pipes.run_pair(TO_WAV, TO_FLOATS, _pieces(np.zeros(RATE, np.int16), 100), "t", refuses)
