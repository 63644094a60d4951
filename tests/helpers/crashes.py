"""What a process SIGKILLed in the middle of its work leaves behind, made for real."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.helpers.processes import wait_for


def killed_mid_write(root: Path, key: str) -> Path:
    """A real writer process SIGKILLed half way through `LocalStorage(root).put_file(key, ...)`.

    The source is a FIFO, so the writer blocks with its temp file open; returns that temp file.
    """
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
                # Only beside the key: a worker killed by the test may have left its own temp
                # files elsewhere in the same storage.
                folder = (root / key).parent
                temp = wait_for(
                    lambda: [p for p in folder.glob(".*.tmp") if p.stat().st_size],
                    20,
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
