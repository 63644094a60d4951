"""End-to-end fixtures: every part of the product as a real process, talked to over HTTP.

    stack           start_api(...) / start_worker(...): `narrator serve` and `narrator worker`
                    subprocesses (the CLI, so serve() and run_worker() run as deployed), each in
                    its own process group, all SIGKILLed at teardown with their descendants
    redis_server    (tests/conftest.py) a real redis-server on a free port, .restart()
    moto_endpoint   (module) a moto S3 server subprocess; moto_s3: (endpoint URL, fresh bucket)
    postgres_url    (tests/conftest.py) a fresh PostgreSQL database, dropped after the test

Settings reach the processes only through NARRATOR_* variables, with short timeouts so that
recovery (Redis visibility timeout, the reaper) happens within seconds.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from e2e_helpers import FAKE_AWS, ROOT, descendants  # noqa: E402

from tests.support import free_port, wait_for  # noqa: E402

# The slow worker: `narrator worker` with the fake voice slowed by NARRATOR_FAKE_DELAY_MS.
SLOW_WORKER = HERE / "slow_worker.py"


# --- processes --------------------------------------------------------------------------------


@dataclass
class Proc:
    """One started process (its own session) and the log of what it printed."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    # Processes it started in sessions of their own (the embedded worker), seen while alive.
    known: set[int] = field(default_factory=set)

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
        log = self.tmp / f"{name}-{len(self.procs)}.log"
        popen = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc = Proc(name=name, popen=popen, log=log)
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
        """`narrator worker` (via slow_worker.py when delay_ms: the same CLI, a slower voice)."""
        args = ["worker", f"--concurrency={concurrency}", f"--queues={queues}"]
        if delay_ms:
            env = {**env, "NARRATOR_FAKE_DELAY_MS": str(delay_ms)}
            argv = [sys.executable, str(SLOW_WORKER), *args]
        else:
            argv = [sys.executable, "-m", "narrator.cli", *args]
        proc = self._spawn("worker", argv, env)
        if wait:
            self.wait_worker(proc)
        return proc

    def wait_worker(self, proc: Proc) -> Proc:
        wait_for(
            lambda: " ready." in proc.output() or not proc.alive(),
            60,
            what="narrator worker to be ready",
        )
        if not proc.alive():
            raise AssertionError(f"narrator worker exited:\n{proc.output()[-4000:]}")
        return proc

    def start_api_and_worker(self, env: dict[str, str], **worker: int) -> tuple[Api, Proc]:
        """Both at once (start-up is mostly imports: do them side by side)."""
        proc = self.start_worker(env, wait=False, **worker)  # type: ignore[arg-type]
        api = self.start_api(env)
        return api, self.wait_worker(proc)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name} {p.log.name}\n{p.output()[-3000:]}" for p in self.procs)

    def stop_all(self) -> None:
        for proc in reversed(self.procs):
            proc.kill(signal.SIGKILL)


@pytest.fixture
def stack(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Stack]:
    s = Stack(tmp=tmp_path)
    try:
        yield s
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            print(s.logs())
        s.stop_all()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item, so `stack` can print the logs of a failed test."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- S3 ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto S3 server subprocess (its own process group), killed at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("moto") / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | FAKE_AWS
    with log.open("wb") as out:
        popen = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    proc = Proc(name="moto", popen=popen, log=log)
    try:

        def up() -> bool:
            if not proc.alive():
                raise AssertionError(f"moto server exited:\n{proc.output()}")
            try:
                with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                    return True
            except OSError:
                return False

        wait_for(up, 60, interval=0.2, what="moto server")
        yield url
    finally:
        proc.kill(signal.SIGKILL)


@pytest.fixture
def moto_s3(moto_endpoint: str) -> tuple[str, str]:
    import boto3

    bucket = f"narrator-e2e-{secrets.token_hex(5)}"
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=bucket)
    return moto_endpoint, bucket
