"""A real HTTP receiver for webhooks on localhost (http.server in a thread), and the README's
verification snippet, read from the README itself so that the documented code is what is tested.

    with Receiver({"/ok": [200], "/flaky": [500, 500, 200], "/slow": [Sleep(3), 200]}) as r:
        ... r.url("/ok") ...
        r.wait(lambda got: len(got) >= 2, 30)

Each path answers its plan in order, the last entry for every later request. Sleep(s, status)
holds the request for s seconds before answering; Drip(status) answers with a body that
never ends.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.helpers.processes import ROOT, wait_for


@dataclass(frozen=True)
class Sleep:
    seconds: float
    status: int = 200


@dataclass(frozen=True)
class Drip:
    """Answer `status` with a body that never ends: a byte every `every` s for `seconds`."""

    status: int
    seconds: float = 30.0
    every: float = 0.2


Action = int | Sleep | Drip


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    at: float
    client_port: int


@dataclass
class Receiver:
    plans: dict[str, list[Action]]
    received: list[Received] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def __enter__(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                got = Received(
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                    time.time(),
                    self.client_address[1],
                )
                action = receiver._record(got)
                status = action
                if isinstance(action, Drip):
                    self._drip(action)
                    return
                if isinstance(action, Sleep):
                    time.sleep(action.seconds)
                    status = action.status
                try:
                    self.send_response(int(status))  # type: ignore[arg-type]
                    self.send_header("content-length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:  # the sender gave up (timed out, or was killed)
                    pass

            def _drip(self, drip: Drip) -> None:
                try:
                    self.send_response(drip.status)
                    self.end_headers()  # no length: the body ends when the connection does
                    end = time.monotonic() + drip.seconds
                    while time.monotonic() < end:
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(drip.every)
                except OSError:
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def _record(self, got: Received) -> Action:
        with self._lock:
            n = sum(1 for r in self.received if r.path == got.path)
            self.received.append(got)
        plan = self.plans.get(got.path, [404])
        return plan[min(n, len(plan) - 1)]

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def got(self, path: str | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self.received if path is None or r.path == path]

    def wait(self, done: Callable[[list[Received]], bool], timeout: float, what: str) -> None:
        wait_for(lambda: done(self.got()), timeout, interval=0.1, what=what)


def readme_verify() -> Callable[[str, dict[str, str], bytes], bool]:
    """The `verify` function of the README's Webhooks section, as written there."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Webhooks") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "the README's Webhooks section has no python snippet"
    namespace: dict[str, Any] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    verify: Callable[[str, dict[str, str], bytes], bool] = namespace["verify"]
    return verify


def pid_of_connection(client_port: int, server_port: int) -> int | None:
    """The process holding the client end of a TCP connection to localhost:server_port (read
    from /proc: which socket inode has that local port, and which process has it open)."""
    import os
    from pathlib import Path

    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if int(local.rsplit(":", 1)[1], 16) == client_port and (
                int(remote.rsplit(":", 1)[1], 16) == server_port
            ):
                inodes.add(f"socket:[{inode}]")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in inodes for fd in fds):
                return int(pid)
        except OSError:
            continue
    return None
