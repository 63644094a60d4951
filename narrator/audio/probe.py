"""ffmpeg and ffprobe as subprocesses: run a filter over PCM, read what a file holds.

`run_ffmpeg` and `ffmpeg_command` are where the audio package starts ffmpeg (tempo, loudness,
encode), at background CPU priority while set_background() says so (batch work); the readers
(`info`, `duration_s`, `tags`, ...) use ffprobe's JSON output and are what tests and benches
check encoded files with.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.speech.engine import Audio


def _quick_ffmpeg() -> str:
    """The statically linked ffmpeg of the static-ffmpeg extra when installed (`make setup`
    installs it), else FFMPEG. It starts in about 10 ms of CPU where the system's, linked
    against some 200 libraries, takes 60-80 ms: for the encoder each listener's stream starts
    (ten listeners pressing play at once paid most of a CPU-second for them). The files stay
    the system's: their loudness and peak handling is tuned and tested on its codecs."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception:  # not installed, or its binary unusable here: the system's will do
        return FFMPEG


FFMPEG = shutil.which("ffmpeg") or "ffmpeg"
STREAM_FFMPEG = _quick_ffmpeg()
FFPROBE = shutil.which("ffprobe") or "ffprobe"
STDERR_TAIL = 800  # characters of ffmpeg's stderr carried in an AudioError
NICE = shutil.which("nice")
# Background work's programs yield the CPU: against a listener's work at 0, a process at 10 gets
# about a tenth of a shared core (Linux CFS weights 110 against 1024).
BACKGROUND_NICENESS = 10
_background = [False]  # per process: a worker process runs one task at a time


def set_background(on: bool) -> None:
    """From now on, ffmpeg runs started by this process (any thread) run at background CPU
    priority (`on`), or at the process's own.

    A batch narration's final file is mostly ffmpeg's work (tempo, loudness, encoding); at
    background priority it no longer slows down a listener's narration, or the API, sharing
    the machine. The process itself keeps its priority: an unprivileged process could not
    raise it again for the next task.
    """
    _background[0] = on


@contextlib.contextmanager
def background() -> Iterator[None]:
    """set_background(True) for the duration of the block."""
    before = _background[0]
    set_background(True)
    try:
        yield
    finally:
        set_background(before)


def in_background() -> bool:
    """Whether this process is doing background (batch) work now (set_background)."""
    return _background[0]


def ffmpeg_command(*args: str) -> list[str]:
    """The command line of `ffmpeg <args>`, lowered in priority inside background()."""
    command = [FFMPEG, "-hide_banner", "-nostats", *args]
    if _background[0] and NICE:
        return [NICE, "-n", str(BACKGROUND_NICENESS), *command]
    return command


def pcm_input(audio: Audio) -> list[str]:
    """ffmpeg arguments that read `audio` (mono s16le) from stdin."""
    return ["-f", "s16le", "-ar", str(audio.sample_rate), "-ac", "1", "-i", "pipe:0"]


def run_ffmpeg(args: Sequence[str], stdin: bytes = b"", *, what: str) -> tuple[bytes, str]:
    """Run `ffmpeg <args>` feeding `stdin`; return (stdout, stderr).

    Raises AudioError naming `what` with the tail of ffmpeg's stderr when it fails.
    """
    cmd = ffmpeg_command(*args)
    try:
        proc = subprocess.run(cmd, input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise errors.AudioError(f"{what}: cannot run ffmpeg: {exc}") from exc
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise errors.AudioError(f"{what}: ffmpeg failed ({proc.returncode}): {tail(stderr)}")
    return proc.stdout, stderr


def tail(text: str, limit: int = STDERR_TAIL) -> str:
    text = text.strip()
    return text if len(text) <= limit else "..." + text[-limit:]


@dataclass(frozen=True)
class Info:
    duration_s: float  # seconds of audio, without MP3's encoder delay
    codec: str
    sample_rate: int
    channels: int
    bit_rate: int | None
    tags: dict[str, str]


def _ffprobe(path: Path) -> dict[str, Any]:
    cmd = [FFPROBE, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)]
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False)
    except OSError as exc:
        raise errors.AudioError(f"cannot run ffprobe: {exc}") from exc
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        raise errors.AudioError(f"ffprobe cannot read {path}: {tail(stderr)}")
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def info(path: Path) -> Info:
    """What ffprobe reports for the first audio stream of `path`."""
    data = _ffprobe(Path(path))
    streams = [s for s in data.get("streams", []) if s.get("codec_type") == "audio"]
    if not streams:
        raise errors.AudioError(f"{path} has no audio stream")
    stream, fmt = streams[0], data.get("format", {})
    duration = fmt.get("duration") or stream.get("duration")
    if duration is None:
        raise errors.AudioError(f"ffprobe reports no duration for {path}")
    # MP3 reports the encoder delay as start_time and counts it in the duration.
    start = float(fmt.get("start_time") or stream.get("start_time") or 0.0)
    bit_rate = fmt.get("bit_rate") or stream.get("bit_rate")
    # Ogg keeps Vorbis comments on the stream, MP3 and WAV on the container: merge both.
    tags = {k.lower(): str(v) for k, v in stream.get("tags", {}).items()}
    tags.update({k.lower(): str(v) for k, v in fmt.get("tags", {}).items()})
    return Info(
        duration_s=max(0.0, float(duration) - max(0.0, start)),
        codec=str(stream.get("codec_name", "")),
        sample_rate=int(stream.get("sample_rate", 0)),
        channels=int(stream.get("channels", 0)),
        bit_rate=int(bit_rate) if bit_rate else None,
        tags=tags,
    )


def duration_s(path: Path) -> float:
    """Playing time as the container reports it (MP3: within one frame, 26 ms, long)."""
    return info(path).duration_s


def decoded_duration_s(path: Path) -> float:
    """Exact playing time: decodes the whole file and counts samples (slower)."""
    out, _ = run_ffmpeg(
        ["-nostdin", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-f", "s16le", "pipe:1"],
        what=f"decoding {path}",
    )
    return len(out) // 2 / sample_rate(path)


def codec(path: Path) -> str:
    return info(path).codec


def sample_rate(path: Path) -> int:
    return info(path).sample_rate


def channels(path: Path) -> int:
    return info(path).channels


def tags(path: Path) -> dict[str, str]:
    """Metadata tags with lower-case keys ("title", "artist", ...), container and stream."""
    return info(path).tags
