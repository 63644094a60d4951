"""bench/service.py's measure of what a status answer costs the API process."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from bench import service


class _Status(BaseHTTPRequestHandler):
    burn_s = 0.002  # CPU each answer costs, on purpose

    def do_GET(self) -> None:
        until = time.thread_time() + self.burn_s
        while time.thread_time() < until:
            pass
        body = b'{"status": "ready"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def status_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1/narrations/nar_x"
    finally:
        server.shutdown()
        server.server_close()


def test_cpu_seconds_of_a_process_grow_with_its_work() -> None:
    before = service._cpu_s(os.getpid())
    until = time.process_time() + 0.05
    while time.process_time() < until:
        pass
    assert service._cpu_s(os.getpid()) - before >= 0.03  # clock ticks of 10 ms


def test_status_cpu_counts_what_the_answering_process_spent(status_url: str) -> None:
    # The server runs in this process: its 2 ms of CPU per answer, and the client's own share.
    with httpx.Client() as client:
        ms = service.status_cpu_ms(client, status_url, os.getpid(), count=50)
    assert 2.0 <= ms < 20.0, ms
