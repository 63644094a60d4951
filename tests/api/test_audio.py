"""Serving the audio and its companion files. Range cases follow Starlette's
tests/test_responses.py::test_file_response_range*, run on a stored ready narration, once
with local storage (FileResponse) and once with storage that has no local path (the S3 proxy).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api.app import create_app
from narrator.config import Settings
from narrator.store.files import LocalStorage
from tests.helpers.app import AUDIO, CAPTIONS, TIMINGS, VOICES, Recorder, make_ready
from tests.helpers.client import submit

IMMUTABLE = "public, max-age=31536000, immutable"


class RemoteLikeStorage(LocalStorage):
    """Local files that pretend to be remote: forces the ranged-read proxy (the S3 path)."""

    def local_path(self, key: str) -> Path | None:
        return None


@pytest.fixture(params=["local", "proxied"])
def served(request: Any, settings: Settings, sent: Recorder) -> Iterator[tuple[TestClient, str]]:
    storage = None
    if request.param == "proxied":
        storage = RemoteLikeStorage(settings.data_dir / "files")
    app = create_app(settings, send_task=sent, voices=VOICES, storage=storage)
    with TestClient(app) as client:
        body = submit(client)
        make_ready(app, body["id"])
        yield client, f"/v1/narrations/{body['id']}/audio"


def test_whole_file(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url)
    assert r.status_code == 200
    assert r.content == AUDIO
    assert r.headers["content-type"] == "audio/mpeg"
    assert r.headers["content-length"] == str(len(AUDIO))
    assert r.headers["accept-ranges"] == "bytes"
    assert r.headers["etag"] == '"abc123"'
    assert r.headers["cache-control"] == IMMUTABLE
    assert r.headers["content-disposition"].startswith("inline")


def test_single_range(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": "bytes=0-4"})
    assert r.status_code == 206
    assert r.content == AUDIO[0:5]
    assert r.headers["content-range"] == f"bytes 0-4/{len(AUDIO)}"
    assert r.headers["content-length"] == "5"
    assert r.headers["etag"] == '"abc123"'


def test_open_ended_and_clamped_ranges(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": "bytes=9990-"})
    assert r.status_code == 206 and r.content == AUDIO[9990:]
    r = client.get(url, headers={"Range": "bytes=9000-20000"})
    assert r.status_code == 206 and r.content == AUDIO[9000:]
    assert r.headers["content-range"] == f"bytes 9000-9999/{len(AUDIO)}"


def test_suffix_range(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": "bytes=-10"})
    assert r.status_code == 206
    assert r.content == AUDIO[-10:]
    assert r.headers["content-range"] == f"bytes 9990-9999/{len(AUDIO)}"
    r = client.get(url, headers={"Range": "bytes=-20000"})  # longer than the file
    assert r.status_code == 206 and r.content == AUDIO


def test_overlapping_ranges_merge_into_one(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": "bytes=0-10, 5-20"})
    assert r.status_code == 206
    assert r.content == AUDIO[0:21]


def test_multiple_ranges(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": "bytes=0-9, 100-109"})
    if type(client.app.state.storage) is LocalStorage:  # type: ignore[attr-defined]
        # FileResponse: multipart/byteranges with both parts.
        assert r.status_code == 206
        assert r.headers["content-type"].startswith("multipart/byteranges; boundary=")
        assert AUDIO[0:10] in r.content and AUDIO[100:110] in r.content
    else:
        # The proxy serves several ranges as the whole file (RFC 9110 allows ignoring Range).
        assert r.status_code == 200 and r.content == AUDIO


def test_range_past_the_end_is_416(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": f"bytes={len(AUDIO)}-"})
    assert r.status_code == 416
    assert r.headers["content-range"] == f"bytes */{len(AUDIO)}"
    r = client.get(url, headers={"Range": "bytes=0-1, 20000-20001"})
    assert r.status_code == 416


def test_malformed_range_is_400(served: tuple[TestClient, str]) -> None:
    client, url = served
    for header in ("bytes", "items=0-1", "bytes=x-y", "bytes=5-2"):
        r = client.get(url, headers={"Range": header})
        assert r.status_code == 400, header


def test_if_range(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"Range": "bytes=0-4", "If-Range": '"abc123"'})
    assert r.status_code == 206 and r.content == AUDIO[:5]
    r = client.get(url, headers={"Range": "bytes=0-4", "If-Range": '"another"'})
    assert r.status_code == 200 and r.content == AUDIO
    r = client.get(url, headers={"Range": "bytes=0-4", "If-Range": 'W/"abc123"'})
    assert r.status_code == 200


def test_head(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.head(url)
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["content-length"] == str(len(AUDIO))
    assert r.headers["etag"] == '"abc123"'
    r = client.head(url, headers={"Range": "bytes=10-19"})
    assert r.status_code == 206
    assert r.content == b""
    assert r.headers["content-range"] == f"bytes 10-19/{len(AUDIO)}"


def test_if_none_match_is_304(served: tuple[TestClient, str]) -> None:
    client, url = served
    r = client.get(url, headers={"If-None-Match": '"abc123"'})
    assert r.status_code == 304
    assert r.content == b""
    assert r.headers["etag"] == '"abc123"'


def test_companion_files(served: tuple[TestClient, str]) -> None:
    client, url = served
    base = url.removesuffix("/audio")
    r = client.get(base + "/timings.json")
    assert r.status_code == 200 and json.loads(r.content) == TIMINGS
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["cache-control"] == IMMUTABLE and r.headers["etag"]
    r = client.get(base + "/captions.vtt")
    assert r.status_code == 200 and r.text == CAPTIONS
    assert r.headers["content-type"].startswith("text/vtt")
    r = client.get(base + "/script.txt")
    assert r.status_code == 200 and r.text == "First.\nSecond.\n"
    assert client.head(base + "/captions.vtt").status_code == 200


def test_not_ready_is_409_with_retry_after(client: TestClient) -> None:
    body = submit(client)
    # Not the audio: while rendering it streams (tests/api/test_stream.py).
    for name in ("captions.vtt", "timings.json", "script.txt"):
        r = client.get(f"/v1/narrations/{body['id']}/{name}")
        assert r.status_code == 409
        assert r.json()["error"]["code"] == "not_ready"
        assert r.json()["error"]["status"] == "queued"
        assert int(r.headers["retry-after"]) > 0
        assert "status_url" in r.json()["error"]["message"]


def test_failed_is_409_with_the_reason(app: FastAPI, client: TestClient) -> None:
    from narrator.store import repo

    body = submit(client)
    with app.state.db.session() as s:
        repo.mark_failed(s, body["id"], "espeak timed out")
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    assert r.status_code == 409
    assert "espeak timed out" in r.json()["error"]["message"]
    assert "retry-after" not in r.headers


def test_missing_file_of_a_ready_narration_is_503_not_500(app: FastAPI, client: TestClient) -> None:
    body = submit(client)
    make_ready(app, body["id"])
    app.state.storage.delete(f"narrations/{body['id']}/audio.mp3")
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    assert r.status_code == 503


def test_ogg_media_type(app: FastAPI, client: TestClient) -> None:
    body = submit(client, format="ogg")
    make_ready(app, body["id"])
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    assert r.headers["content-type"] == "audio/ogg"
