"""What a client of the HTTP API does and checks: submit, poll, download, Range and side files.

Each function takes a Client: an httpx.Client of a running server, or the TestClient of an
in-process app (which, with the Starlette installed here, derives from httpx2.Client instead).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.helpers.articles import ARTICLE
from tests.helpers.audio import probe_bytes

Client = httpx.Client | TestClient


def submit(client: Client, text: str = ARTICLE, **options: Any) -> dict[str, Any]:
    """POST /v1/narrations (JSON); accepted (202) or found (200)."""
    response = client.post("/v1/narrations", json={"text": text, **options})
    assert response.status_code in (200, 202), response.text
    return dict(response.json())


def status(client: Client, narration_id: str) -> dict[str, Any]:
    response = client.get(f"/v1/narrations/{narration_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def wait_ready(
    client: Client,
    ids: list[str],
    timeout: float,
    *,
    logs: Callable[[], str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Poll every status URL until all are ready; fail at once on a failed narration."""
    deadline = time.monotonic() + timeout
    while True:
        rows = {}
        for i in ids:
            try:
                rows[i] = status(client, i)
            except httpx.TransportError:  # the API is restarting: keep polling
                rows[i] = {"status": "unreachable"}
        failed = {i: r.get("error") for i, r in rows.items() if r["status"] == "failed"}
        assert not failed, failed
        if all(r["status"] == "ready" for r in rows.values()):
            return rows
        if time.monotonic() > deadline:
            state = {i: (r["status"], r.get("progress")) for i, r in rows.items()}
            extra = f"\n{logs()}" if logs else ""
            raise AssertionError(f"not ready after {timeout} s: {state}{extra}")
        time.sleep(0.2)


def download_playable(client: Client, n: dict[str, Any], tmp: Path) -> bytes:
    """GET the whole audio over HTTP; it decodes and lasts about what the API says."""
    response = client.get(n["audio_url"])
    assert response.status_code == 200, response.text
    assert int(response.headers["content-length"]) == len(response.content) > 0
    duration = probe_bytes(response.content, tmp, n["format"])
    assert n["duration_s"] and abs(duration - n["duration_s"]) < 0.5, (duration, n["duration_s"])
    return response.content


def check_ranges(client: Client, n: dict[str, Any], full: bytes) -> None:
    """Range, suffix range, HEAD, ETag/If-None-Match and 416 on the audio URL."""
    url, size = n["audio_url"], len(full)
    assert size > 2000

    part = client.get(url, headers={"Range": "bytes=100-1099"})
    assert part.status_code == 206, part.text
    assert part.headers["content-range"] == f"bytes 100-1099/{size}"
    assert part.headers["content-length"] == "1000"
    assert part.content == full[100:1100]

    tail = client.get(url, headers={"Range": "bytes=-500"})
    assert tail.status_code == 206
    assert tail.headers["content-range"] == f"bytes {size - 500}-{size - 1}/{size}"
    assert tail.content == full[-500:]

    open_ended = client.get(url, headers={"Range": f"bytes={size - 10}-"})
    assert open_ended.status_code == 206 and open_ended.content == full[-10:]

    past = client.get(url, headers={"Range": f"bytes={size + 10}-"})
    assert past.status_code == 416
    assert past.headers["content-range"] == f"bytes */{size}"

    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == size
    assert head.headers["accept-ranges"] == "bytes"
    etag = head.headers["etag"]
    assert etag.strip('"')

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag


def check_side_files(client: Client, n: dict[str, Any], *, words: str) -> None:
    captions = client.get(n["captions_url"])
    assert captions.status_code == 200
    assert captions.headers["content-type"].startswith("text/vtt")
    assert captions.text.startswith("WEBVTT") and "-->" in captions.text

    timings = client.get(n["timings_url"])
    assert timings.status_code == 200
    sentences = timings.json()["sentences"]
    assert sentences and all(s["end_ms"] > s["start_ms"] >= 0 for s in sentences), sentences[:2]
    assert sentences[-1]["end_ms"] <= n["duration_s"] * 1000 + 50

    script = client.get(n["script_url"])
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/plain")
    assert words in script.text


def check_served(
    client: Client, n: dict[str, Any], tmp: Path, *, words: str | None = None
) -> bytes:
    """What a player gets: the whole audio (it decodes), the Range, HEAD and ETag answers and,
    given `words` the script must contain, the captions, timings and script. Returns the audio."""
    full = download_playable(client, n, tmp)
    check_ranges(client, n, full)
    if words is not None:
        check_side_files(client, n, words=words)
    return full
