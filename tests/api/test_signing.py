from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api import signing
from tests.helpers.app import AUDIO, make_ready
from tests.helpers.client import submit


@pytest.fixture
def signed(make_app: Callable[..., FastAPI]) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    app = make_app(signing_key="k" * 32, signed_url_ttl_s=600)
    with TestClient(app) as c:
        body = submit(c)
        make_ready(app, body["id"])
        yield c, c.get(body["status_url"]).json()


def test_media_links_are_signed(signed: tuple[TestClient, dict[str, Any]]) -> None:
    c, n = signed
    for key in ("audio_url", "captions_url", "timings_url", "script_url"):
        q = parse_qs(urlsplit(n[key]).query)
        assert set(q) == {"exp", "sig"}
        assert c.get(n[key]).status_code == 200
    assert c.get(n["audio_url"]).content == AUDIO
    r = c.get(n["audio_url"], headers={"Range": "bytes=0-9"})
    assert r.status_code == 206 and r.content == AUDIO[:10]
    assert "?" not in n["status_url"] and "?" not in n["player_url"]


def test_unsigned_wrong_or_swapped_links_are_403(signed: tuple[TestClient, dict[str, Any]]) -> None:
    c, n = signed
    audio = urlsplit(n["audio_url"])
    captions = urlsplit(n["captions_url"])
    for url in (
        audio.path,
        f"{audio.path}?exp=99999999999",
        f"{audio.path}?exp=99999999999&sig=" + "0" * 64,
        f"{audio.path}?exp=notanumber&sig=abc",
        f"{audio.path}?{captions.query}",  # the captions signature cannot open the audio
    ):
        r = c.get(url)
        assert r.status_code == 403, url
        assert r.json()["error"]["code"] == "forbidden"


def test_expired_links_are_403(signed: tuple[TestClient, dict[str, Any]]) -> None:
    c, n = signed
    path = urlsplit(n["audio_url"]).path
    exp = 1_000_000
    sig = signing.signature("k" * 32, n["id"], path, exp)
    r = c.get(f"{path}?exp={exp}&sig={sig}")
    assert r.status_code == 403
    assert "expired" in r.json()["error"]["message"]


def test_links_are_stable_within_the_rounding_window() -> None:
    a = signing.sign_query("key", "nar_x", "/p", 3600, now=1_000_000.0)
    b = signing.sign_query("key", "nar_x", "/p", 3600, now=1_000_010.0)
    assert a == b
    exp = int(parse_qs(a)["exp"][0])
    assert 1_000_000 + 3600 <= exp <= 1_000_000 + 3600 + signing.DEFAULT_GRANULARITY_S


def test_verify() -> None:
    exp = signing.expiry(60, now=100.0)
    sig = signing.signature("key", "nar_x", "/p", exp)
    assert signing.verify("key", "nar_x", "/p", str(exp), sig, now=100.0) is None
    assert signing.verify("key", "nar_y", "/p", str(exp), sig, now=100.0)
    assert signing.verify("key", "nar_x", "/p", str(exp), sig, now=exp + 1.0)
    assert signing.verify("other", "nar_x", "/p", str(exp), sig, now=100.0)
    assert signing.verify("key", "nar_x", "/p", None, None)
