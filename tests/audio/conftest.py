"""Fixtures for the audio package tests.

    speech          about 4 s of espeak-ng speech (mono s16, 22050 Hz), made once

Signal helpers (tones, gains, pitch and loudness read-outs) are in tests/helpers/signals.py.
"""

from __future__ import annotations

import shutil
import subprocess
import wave

import pytest

from narrator.speech.engine import Audio

SENTENCE = (
    "The city council approved a harbor cleanup plan on Tuesday, after months of debate. "
    "Residents said the water had become unsafe for swimming."
)


@pytest.fixture(scope="session")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Audio:
    espeak = shutil.which("espeak-ng")
    if not espeak:
        pytest.skip("espeak-ng is not installed")
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run([espeak, "-v", "en-us", "-s", "190", "-w", str(path), SENTENCE], check=True)
    with wave.open(str(path)) as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        return Audio(pcm=w.readframes(w.getnframes()), sample_rate=w.getframerate())
