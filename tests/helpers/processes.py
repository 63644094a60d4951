"""Processes the tests start: free ports, waiting, and killing a process with its descendants."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(
    predicate: Callable[[], Any], timeout: float, interval: float = 0.1, what: str = "condition"
) -> Any:
    """Poll `predicate` until it returns something true (returned), or fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


# The real app with the fake voice slowed down per sentence (NARRATOR_FAKE_DELAY_MS).
SLOW_APP = "tests.helpers.slow_worker"


def narrator_worker_argv(concurrency: int, queues: str, *, slow: bool = False) -> list[str]:
    """`narrator worker` as deployed (via slow_worker when `slow`: the same CLI, a slower voice)."""
    module = SLOW_APP if slow else "narrator.cli"
    return [
        sys.executable,
        "-m",
        module,
        "worker",
        f"--concurrency={concurrency}",
        f"--queues={queues}",
    ]


def narrator_worker_nodes(queues: str, env: dict[str, str]) -> int:
    """The Celery workers `narrator worker --queues QUEUES` runs: its pool, and its lane when it
    keeps one (narrator.schedule.lane_queues)."""
    from narrator.contract import check_queues
    from narrator.schedule import lane_queues

    lane = env.get("NARRATOR_WORKER_LANE", "true").lower() not in ("0", "false", "no", "off")
    return 1 + bool(lane and lane_queues(check_queues(queues.split(","))))


def wait_worker_ready(proc: Proc, what: str) -> Proc:
    """Wait for the " ready." line of each Celery worker the process runs; fail with its log if
    it exits first."""

    def ready() -> bool:
        return proc.output().count(" ready.") >= proc.nodes or not proc.alive()

    wait_for(ready, 60, what=f"{what} to be ready")
    if not proc.alive():
        raise AssertionError(f"{what} exited:\n{proc.output()[-4000:]}")
    return proc


def proc_stats() -> Iterator[tuple[int, str, list[str]]]:
    """(pid, name, the fields of /proc/PID/stat after the name) of every process now running:
    fields[1] is the parent, [2] the process group, [16] the niceness."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        yield int(entry.name), name, stat.rsplit(")", 1)[1].split()


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for pid, _, fields in proc_stats():
        tree.setdefault(int(fields[1]), []).append(pid)
    return tree


def descendants(pid: int) -> list[int]:
    tree, out, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


@dataclass
class Proc:
    """One started process (its own session) and the log of what it printed."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    # Processes it started in sessions of their own (the embedded worker), seen while alive.
    known: set[int] = field(default_factory=set)
    nodes: int = 1  # Celery workers it runs (`narrator worker`: a pool, and maybe a lane)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def alive(self) -> bool:
        return self.popen.poll() is None

    def remember_children(self) -> set[int]:
        if self.alive():
            self.known.update(descendants(self.pid))
        return self.known

    def kill(self, sig: int = signal.SIGKILL, *, tree: bool = True) -> None:
        """Signal the process group, and (tree=True) every descendant's group too."""
        pids = self.remember_children() if tree else set()
        groups = {self.pid}
        for pid in pids:
            with contextlib.suppress(OSError):
                groups.add(os.getpgid(pid))
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, sig)
        for pid in pids:  # a child that left its group (setsid) but not our tree
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        try:
            self.popen.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            self.popen.wait(5)


def spawn(name: str, argv: list[str], env: dict[str, str], log: Path) -> Proc:
    """Start `argv` from the repository root in a session of its own, output into `log`."""
    with log.open("ab") as out:
        popen = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() reaches its children too
        )
    return Proc(name=name, popen=popen, log=log)


def product_env(**extra: str) -> dict[str, str]:
    """The environment of a product process: ours without NARRATOR_* / AWS_* / PYTHONPATH,
    plus the repository root on the path (so `tests.helpers.slow_worker` imports)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NARRATOR_", "AWS_")) and k != "PYTHONPATH"
    }
    env.update({"PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def dead_tag() -> str:
    """The owners.tag() of a real process on this machine that has exited."""
    done = subprocess.run(
        [sys.executable, "-c", "from narrator import owners; print(owners.tag())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()
