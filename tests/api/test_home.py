"""GET /: the home page and the files it loads."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_home_page_links_the_docs_and_its_script(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert 'href="docs"' in page
    for name in ("static/home.js", "static/home.css"):
        assert name in page
        assert client.get("/" + name).status_code == 200
    # The form the browser tests drive.
    for element in ('id="article-text"', 'id="article-file"', 'id="voice"', 'id="speed"'):
        assert element in page


def test_home_page_is_not_part_of_the_api_schema(client: TestClient) -> None:
    assert "/" not in client.get("/openapi.json").json()["paths"]


def test_script_keeps_the_key_in_session_storage_only(client: TestClient) -> None:
    script = client.get("/static/home.js").text
    assert "sessionStorage" in script and "localStorage" not in script
