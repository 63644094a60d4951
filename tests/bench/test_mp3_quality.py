"""bench/mp3_quality.py's own measures, on signals whose answer is known."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from bench import mp3_quality


def test_segmental_snr_is_the_level_of_the_error() -> None:
    rng = np.random.default_rng(0)
    speech_like = rng.standard_normal(mp3_quality.RATE * 2) * np.repeat(
        rng.uniform(0.1, 1.0, 100), mp3_quality.RATE * 2 // 100
    )
    frame = mp3_quality.RATE // 50
    # An error 20 dB under the signal in every 20 ms frame.
    error = rng.standard_normal(len(speech_like))
    for start in range(0, len(speech_like), frame):
        piece = slice(start, start + frame)
        scale = np.sqrt(np.sum(speech_like[piece] ** 2) / np.sum(error[piece] ** 2))
        error[piece] *= scale * 0.1
    got = mp3_quality.segmental_snr(speech_like, speech_like + error)
    assert got == pytest.approx(20.0, abs=0.01)
    assert mp3_quality.segmental_snr(speech_like, speech_like) == 35.0  # clipped: no error


def test_pesq_scores_each_whole_piece(tmp_path: Path) -> None:
    wav = tmp_path / "s.wav"
    text = "The council met on Monday and approved the new park plan after a long debate. " * 6
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), text], check=True)
    ref = mp3_quality._samples(wav, mp3_quality.PESQ_RATE)
    pieces = len(ref) // (mp3_quality.PESQ_RATE * mp3_quality.PESQ_PIECE_S)
    assert pieces >= 1
    assert mp3_quality.pesq_wb(ref, ref) == pytest.approx([4.64] * pieces, abs=0.01)
    noisy = ref + np.random.default_rng(1).standard_normal(len(ref)) * 0.03 * np.std(ref)
    assert all(2.0 < s < 4.5 for s in mp3_quality.pesq_wb(ref, noisy))
