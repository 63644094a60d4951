from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.helpers.app import make_ready
from tests.helpers.articles import ARTICLE

KEY = "s3cret-key"


@pytest.fixture
def locked(make_app: Callable[..., FastAPI]) -> Iterator[tuple[FastAPI, TestClient]]:
    app = make_app(api_keys=[KEY, "second-key"])
    with TestClient(app) as c:
        yield app, c


def auth(key: str = KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {KEY}"},
        {"Authorization": "Bearer "},
        {"Authorization": KEY},
    ],
)
def test_writes_need_a_key(locked: tuple[FastAPI, TestClient], headers: dict[str, str]) -> None:
    _, c = locked
    r = c.post("/v1/narrations", json={"text": ARTICLE}, headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_auth_is_checked_before_the_body(locked: tuple[FastAPI, TestClient]) -> None:
    _, c = locked
    r = c.post("/v1/narrations", json={"nonsense": True})
    assert r.status_code == 401


def test_any_configured_key_works(locked: tuple[FastAPI, TestClient]) -> None:
    _, c = locked
    assert c.post("/v1/narrations", json={"text": ARTICLE}, headers=auth()).status_code == 202
    r = c.post("/v1/narrations", json={"text": ARTICLE}, headers=auth("second-key"))
    assert r.status_code == 200


def test_reads_stay_public_and_deletes_need_a_key(locked: tuple[FastAPI, TestClient]) -> None:
    app, c = locked
    body = c.post("/v1/narrations", json={"text": ARTICLE}, headers=auth()).json()
    make_ready(app, body["id"])
    assert c.get(f"/v1/narrations/{body['id']}").status_code == 200
    assert c.get(f"/v1/narrations/{body['id']}/audio").status_code == 200
    assert c.get(f"/v1/articles/{body['article_id']}").status_code == 200
    assert c.get("/v1/voices").status_code == 200
    url = f"/v1/articles/{body['article_id']}/narrations"
    # Keyless, only what a listener's player asks (tests/api/test_listeners.py).
    assert c.post(url, json={"speed": 2, "queue": "batch"}).status_code == 401
    assert c.post(url, json={"speed": 2}, headers=auth()).status_code == 202
    assert c.delete(f"/v1/narrations/{body['id']}").status_code == 401
    assert c.delete(f"/v1/articles/{body['article_id']}").status_code == 401
    assert c.delete(f"/v1/narrations/{body['id']}", headers=auth()).status_code == 204
    assert c.delete(f"/v1/articles/{body['article_id']}", headers=auth()).status_code == 204


def test_without_keys_writes_are_open(client: TestClient) -> None:
    assert client.post("/v1/narrations", json={"text": ARTICLE}).status_code == 202
