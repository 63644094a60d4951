"""A moto S3 server as a process (the real HTTP protocol, no AWS account), with fake keys."""

from __future__ import annotations

import signal
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.helpers.processes import free_port, product_env, spawn, wait_for

FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def client(endpoint: str) -> Any:
    """A boto3 S3 client of the server at `endpoint`, with the fake keys."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=FAKE_AWS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=FAKE_AWS["AWS_SECRET_ACCESS_KEY"],
    )


@contextmanager
def moto_server(log_dir: Path) -> Iterator[str]:
    """Start `python -m moto.server` on a free port; yields its endpoint URL, kills it after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    proc = spawn("moto", argv, product_env(**FAKE_AWS), log_dir / "moto.log")
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
