"""Helpers shared by the suites that run real processes (workers, e2e, streaming)."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(
    predicate: Callable[[], Any], timeout: float, interval: float = 0.1, what: str = "condition"
) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


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


def killed_mid_write(root: Path, key: str) -> Path:
    """A real writer process SIGKILLed half way through `LocalStorage(root).put_file(key, ...)`.

    The source is a FIFO, so the writer blocks with its temp file open; returns that temp file.
    """
    import os
    import signal
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as fifo_dir:
        fifo = Path(fifo_dir) / "source"
        os.mkfifo(fifo)
        code = (
            "import sys; from narrator.store.files import LocalStorage; "
            "LocalStorage(sys.argv[1]).put_file(sys.argv[2], sys.argv[3])"
        )
        writer = subprocess.Popen([sys.executable, "-c", code, str(root), key, str(fifo)])
        try:
            with open(fifo, "wb") as source:
                source.write(bytes(64 * 1024))  # one whole read of put_file's copy loop
                source.flush()
                temp = wait_for(
                    lambda: [p for p in root.rglob(".*.tmp") if p.stat().st_size], 20,
                    what="the writer's temp file",
                )
                writer.send_signal(signal.SIGKILL)
                writer.wait(10)
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
    assert writer.returncode == -signal.SIGKILL
    [path] = temp
    return Path(path)


def killed_with_temp_dir(tmpdir: Path | None = None) -> Path:
    """The folder that narrator.owners.mkdtemp made in a real process then SIGKILLed."""
    import os
    import signal
    import sys

    code = (
        "import os, signal; from narrator import owners; "
        "d = owners.mkdtemp('espeak'); (d / '3.wav').write_bytes(b'x' * 100); "
        "print(d, flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    )
    env = {**os.environ, **({"TMPDIR": str(tmpdir)} if tmpdir else {})}
    killed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    folder = Path(killed.stdout.strip())
    assert (folder / "3.wav").is_file()
    return folder
