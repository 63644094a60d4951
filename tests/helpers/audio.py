"""Does a file decode, and how long does it play: ffprobe and ffmpeg, as a player would."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path


def probe_duration(path: Path) -> float:
    """ffprobe the duration and decode every frame with ffmpeg: a corrupt file fails here."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    decoded = subprocess.run(
        ["ffmpeg", "-v", "error", "-xerror", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    assert decoded.returncode == 0 and not decoded.stderr.strip(), decoded.stderr
    return float(json.loads(out)["format"]["duration"])


def probe_bytes(data: bytes, tmp: Path, suffix: str) -> float:
    """probe_duration of `data`, written to a file of its format under `tmp`."""
    path = tmp / f"probe-{time.monotonic_ns()}.{suffix}"
    path.write_bytes(data)
    return probe_duration(path)
