"""Temp files and folders named for the process that made them, so leftovers can be told apart.

A SIGKILLed process leaves its temp files behind (no `finally`, no atexit), and so does a
Celery pool process, which ends with os._exit. A process still working must keep its own.
Names carry `tag()`, "<scope>-<pid>": the scope is the machine and its PID namespace
(containers that share a volume can share a hostname, never a PID namespace), so a sweep can
ask whether the owner of a name from its own scope still runs.

    folder = owners.mkdtemp("espeak")   # /tmp/narrator-espeak-<scope>-<pid>-<random>
    owners.sweep_temp_dirs()            # removes such folders whose process is gone
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

# tag() inside a name, for the patterns of the names that carry one.
TAG_PATTERN = r"(?P<scope>[0-9a-f]{12})-(?P<pid>\d+)"
# narrator-<kind>-<scope>-<pid>-<random>, as mkdtemp names them.
_TEMP_DIR = re.compile(rf"^narrator-[a-z]+-{TAG_PATTERN}-")


@functools.cache
def scope() -> str:
    parts = [socket.gethostname()]
    with contextlib.suppress(OSError):
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text())
    with contextlib.suppress(OSError):
        parts.append(os.readlink("/proc/self/ns/pid"))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def tag() -> str:
    """This process's mark for the names of its temp files: "<scope>-<pid>"."""
    return f"{scope()}-{os.getpid()}"


def scope_of(owner: str) -> str:
    """The machine (and PID namespace) part of a tag(): processes that share its cores."""
    return owner.rpartition("-")[0] or owner


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    try:  # a killed process not yet reaped by its parent is a zombie: gone for our purposes
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def gone(owner_scope: str, pid: int) -> bool:
    """True if the process that tagged a name (scope, pid) has certainly exited."""
    return owner_scope == scope() and not alive(pid)


def _split(owner_tag: str) -> tuple[str, int | None]:
    """A tag() ("<scope>-<pid>") as its scope and pid (None: not a pid)."""
    owner_scope, _, pid = owner_tag.rpartition("-")
    return owner_scope, int(pid) if pid.isdigit() else None


def tag_gone(owner_tag: str) -> bool:
    """True if the process of a tag() has certainly exited."""
    owner_scope, pid = _split(owner_tag)
    return pid is not None and gone(owner_scope, pid)


def runs_here(owner_tag: str) -> bool:
    """True if the process of a tag() is on this machine and still runs."""
    owner_scope, pid = _split(owner_tag)
    return pid is not None and owner_scope == scope() and alive(pid)


def mkdtemp(kind: str) -> Path:
    """A new folder in the temp directory, named for `kind` and this process."""
    return Path(tempfile.mkdtemp(prefix=f"narrator-{kind}-{tag()}-"))


def sweep_temp_dirs(root: str | os.PathLike[str] | None = None) -> int:
    """Remove the temp folders (mkdtemp's) of processes that are gone; returns how many."""
    folder = Path(root or tempfile.gettempdir())
    removed = 0
    for path in folder.glob("narrator-*"):
        match = _TEMP_DIR.match(path.name)
        if match and path.is_dir() and gone(match["scope"], int(match["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed
