"""The product as deployed, one process each: `narrator serve` and `narrator worker`.

Settings reach the processes only through NARRATOR_* variables (base_env), with short timeouts
so that recovery (Redis visibility timeout, the reaper) happens within seconds.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.helpers.processes import (
    ROOT,
    Proc,
    free_port,
    narrator_worker_argv,
    narrator_worker_nodes,
    product_env,
    spawn,
    wait_for,
    wait_worker_ready,
)


def base_env(data_dir: Path, **narrator: str) -> dict[str, str]:
    """The environment of a product process: no inherited NARRATOR_*/AWS_* and short timeouts."""
    env = product_env(
        NARRATOR_DATA_DIR=str(data_dir),
        NARRATOR_DEFAULT_VOICE="fake",
        NARRATOR_CHUNK_CHARS="200",  # several chunks even for a short article
        NARRATOR_STALE_AFTER_S="6",
        NARRATOR_VISIBILITY_TIMEOUT_S="5",  # a killed worker's task returns after 5 s
        NARRATOR_TASK_TIME_LIMIT_S="60",
        NARRATOR_MAX_ATTEMPTS="3",
    )
    env.update({f"NARRATOR_{k.upper()}": v for k, v in narrator.items()})
    return env


def sqlite_lock_holders(root: Path) -> str:
    """Which processes hold locks on the SQLite files under `root` (/proc/locks), so that a
    "database is locked" in a test's logs names its holder."""
    inodes: dict[int, str] = {}
    for path in root.rglob("*.db*"):
        with contextlib.suppress(OSError):
            inodes[path.stat().st_ino] = path.name
    lines = []
    with contextlib.suppress(OSError):
        for line in Path("/proc/locks").read_text().splitlines():
            parts = line.split()
            if len(parts) < 6 or parts[5].count(":") != 2:
                continue
            name = inodes.get(int(parts[5].rsplit(":", 1)[1]))
            if name is None:
                continue
            cmd = ""
            with contextlib.suppress(OSError):
                cmd = Path(f"/proc/{parts[4]}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            lines.append(f"{name}: {' '.join(parts[1:4])} pid {parts[4]} {cmd[:160]}")
    return "--- SQLite locks held\n" + ("\n".join(lines) or "none")


@dataclass
class Api:
    proc: Proc
    url: str

    def client(self, timeout: float = 15.0) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout)


@dataclass
class Stack:
    """Starts `narrator serve` / `narrator worker` processes; kills all of them at the end."""

    tmp: Path
    procs: list[Proc] = field(default_factory=list)

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> Proc:
        proc = spawn(name, argv, env, self.tmp / f"{name}-{len(self.procs)}.log")
        self.procs.append(proc)
        return proc

    def start_api(self, env: dict[str, str], *, port: int | None = None) -> Api:
        port = port or free_port()
        argv = [str(ROOT / ".venv" / "bin" / "narrator"), "serve", "--port", str(port)]
        if not Path(argv[0]).exists():
            argv = [sys.executable, "-m", "narrator.cli", "serve", "--port", str(port)]
        proc = self._spawn("api", argv, env)
        api = Api(proc=proc, url=f"http://127.0.0.1:{port}")

        def up() -> bool:
            if not proc.alive():
                raise AssertionError(f"narrator serve exited:\n{proc.output()[-4000:]}")
            with contextlib.suppress(httpx.HTTPError):
                return httpx.get(f"{api.url}/healthz", timeout=1).status_code == 200
            return False

        wait_for(up, 60, interval=0.2, what="narrator serve to answer /healthz")
        proc.remember_children()
        return api

    def start_worker(
        self,
        env: dict[str, str],
        *,
        concurrency: int = 1,
        queues: str = "interactive,batch",
        delay_ms: int = 0,
        wait: bool = True,
    ) -> Proc:
        """`narrator worker` (via slow_worker when delay_ms: the same CLI, a slower voice)."""
        if delay_ms:
            env = {**env, "NARRATOR_FAKE_DELAY_MS": str(delay_ms)}
        argv = narrator_worker_argv(concurrency, queues, slow=bool(delay_ms))
        proc = self._spawn("worker", argv, env)
        proc.nodes = narrator_worker_nodes(queues, env)
        if wait:
            self.wait_worker(proc)
        return proc

    def wait_worker(self, proc: Proc) -> Proc:
        return wait_worker_ready(proc, "narrator worker")

    def start_api_and_worker(self, env: dict[str, str], **worker: int) -> tuple[Api, Proc]:
        """Both at once (start-up is mostly imports: do them side by side)."""
        proc = self.start_worker(env, wait=False, **worker)  # type: ignore[arg-type]
        api = self.start_api(env)
        return api, self.wait_worker(proc)

    def start_lanes(self, env: dict[str, str], *, concurrency: int, delay_ms: int = 0) -> Api:
        """`narrator serve`'s deployment on a Redis broker: a worker of `concurrency` processes
        (interactive and batch, hence live) and a live lane (one process, live only)."""
        self.start_worker(env, concurrency=concurrency, delay_ms=delay_ms, wait=False)
        self.start_worker(env, concurrency=1, queues="live", delay_ms=delay_ms, wait=False)
        api = self.start_api(env)
        for proc in self.procs:
            if proc.name == "worker":
                self.wait_worker(proc)
        return api

    def logs(self) -> str:
        out = [f"--- {p.name} {p.log.name}\n{p.output()[-3000:]}" for p in self.procs]
        return "\n".join([*out, sqlite_lock_holders(self.tmp)])

    def stop_all(self) -> None:
        for proc in reversed(self.procs):
            proc.kill(signal.SIGKILL)
