"""What a listener's browser may ask without an API key: another voice or speed, rate-limited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api.listeners import RateLimit
from tests.helpers.app import make_ready
from tests.helpers.articles import ARTICLE

KEY = {"Authorization": "Bearer k"}


@pytest.fixture
def article(make_app: Callable[..., FastAPI]) -> Any:
    app = make_app(
        api_keys=["k"],
        listener_renditions_per_minute=2,
        embed_origins=["https://news.example"],
    )
    with TestClient(app) as c:
        n = c.post("/v1/narrations", json={"text": ARTICLE, "format": "ogg"}, headers=KEY).json()
        make_ready(app, n["id"])
        yield c, f"/v1/articles/{n['article_id']}/narrations"


def test_a_listener_gets_another_voice_or_speed_without_a_key(article: Any) -> None:
    c, url = article
    r = c.post(url, json={"speed": 1.5}, headers={"Origin": "https://news.example"})
    assert r.status_code == 202
    assert (r.json()["speed"], r.json()["format"]) == (1.5, "ogg")  # the article's own format
    assert r.headers["access-control-allow-origin"] == "https://news.example"
    assert c.post(url, json={"voice": "en-gb", "speed": 1.5, "format": "ogg"}).status_code == 202
    # Asking again for what exists costs nothing: not counted against the limit.
    for _ in range(3):
        assert c.post(url, json={"speed": 1.5}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"speed": 1.3},  # not one of the player's steps
        {"speed": 1.5, "format": "wav"},  # a format the article does not have
        {"speed": 1.5, "queue": "batch"},
    ],
)
def test_anything_else_needs_a_key(article: Any, body: dict[str, Any]) -> None:
    c, url = article
    r = c.post(url, json=body)
    assert r.status_code == 401, r.text
    assert "another voice or speed" in r.json()["error"]["message"]
    assert c.post(url, json=body, headers=KEY).status_code == 202
    assert c.post("/v1/narrations", json={"text": "A new article."}).status_code == 401


def test_new_renditions_are_limited_per_client(article: Any) -> None:
    c, url = article
    assert c.post(url, json={"speed": 1.25}).status_code == 202
    assert c.post(url, json={"speed": 1.5}).status_code == 202
    r = c.post(url, json={"speed": 1.75})
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert c.post(url, json={"speed": 1.75}, headers=KEY).status_code == 202  # keys: no limit


def test_other_sites_may_not_embed(article: Any) -> None:
    c, url = article
    r = c.post(url, json={"speed": 1.5}, headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 403
    assert "NARRATOR_EMBED_ORIGINS" in r.json()["error"]["message"]


def test_rate_limit_window() -> None:
    limit = RateLimit(2)
    assert limit.take("a", now=0) == 0 and limit.take("a", now=1) == 0
    assert limit.take("a", now=2) == 58
    assert limit.take("b", now=2) == 0  # per client
    assert limit.take("a", now=60) == 0  # the first one has left the window
    assert limit.take("a", now=60.5) == 1
