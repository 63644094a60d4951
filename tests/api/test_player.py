"""/widget.js and the player pages: headers for cross-origin embedding, caching, the pages."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

WIDGET_GZIP_LIMIT = 12_000  # bytes: the widget stays small


def test_widget_js_is_one_cacheable_script_any_site_can_load(client: TestClient) -> None:
    r = client.get("/widget.js", headers={"Origin": "https://news.example"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    assert "max-age=300" in r.headers["cache-control"]
    assert "/*CSS*/" not in r.text and ":host" in r.text  # the CSS travels inside
    assert len(gzip.compress(r.content, 9)) < WIDGET_GZIP_LIMIT
    again = client.get("/widget.js", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and not again.content
    assert client.head("/widget.js").headers["etag"] == r.headers["etag"]


def test_the_allow_list_travels_in_the_widget(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(embed_origins=["https://news.example"])) as c:
        assert 'var ORIGINS = ["https://news.example"];' in c.get("/widget.js").text


def test_player_pages(client: TestClient, ready: dict[str, Any]) -> None:
    r = client.get(ready["player_url"])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert f'data-narration="{ready["id"]}"' in r.text and "/widget.js" in r.text
    assert r.headers["content-security-policy"] == "frame-ancestors *"
    page = client.get(f"/v1/articles/{ready['article_id']}/player")
    assert f'data-article="{ready["article_id"]}"' in page.text
    assert client.get("/v1/articles/art_aaaaaaaaaaaaaaaa/player").status_code == 404


def test_player_frames_only_on_allowed_sites(
    make_app: Callable[..., FastAPI], ready: dict[str, Any]
) -> None:
    with TestClient(make_app(embed_origins=["https://news.example"])) as c:
        r = c.get(ready["player_url"])
    assert r.headers["content-security-policy"] == "frame-ancestors 'self' https://news.example"


def test_voices_of_a_language_default_first_with_short_names(client: TestClient) -> None:
    body = client.get("/v1/voices", params={"language": "en"}).json()
    ids = [v["id"] for v in body["voices"]]
    assert ids[0] == body["default"] and set(ids) == {"en-us", "en-gb", "en-us+f3"}
    labels = {v["id"]: v["label"] for v in body["voices"]}
    assert labels == {"en-us": "espeak US", "en-gb": "espeak UK", "en-us+f3": "espeak US, f3"}
    assert [v["id"] for v in client.get("/v1/voices?language=fr").json()["voices"]] == ["fr-fr"]
