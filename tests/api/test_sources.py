"""/v1/sources over HTTP (in-process app, recorded task sends): create, read, poll now,
delete, and every bad input a clear 4xx; the podcast feed's ?source= and ?batch= filters."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from narrator.contract import POLL_SOURCE
from tests.helpers.app import Recorder

FEED = "https://news.example/feed.xml"


def create(client: TestClient, **body: Any) -> dict[str, Any]:
    r = client.post("/v1/sources", json={"url": FEED, **body})
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_create_sends_the_first_poll_and_shows_the_source(
    client: TestClient, sent: Recorder
) -> None:
    body = create(
        client,
        voice="en-gb",
        speed=1.5,
        format="ogg",
        interval_s=600,
        channel={"title": "News, read aloud", "image_url": "https://news.example/cover.png"},
    )
    assert body["id"].startswith("src_")
    assert (body["voice"], body["speed"], body["format"]) == ("en-gb", 1.5, "ogg")
    assert body["status"] == "pending" and body["last_polled_at"] is None
    assert body["interval_s"] == 600
    assert body["channel"]["title"] == "News, read aloud"
    assert body["channel"]["language"] == "en"  # the settings' channel under the overrides
    assert body["counts"] == {"entries": 0, "ready": 0, "active": 0, "failed": 0, "versions": 0}
    assert body["feed_url"].endswith(f"/v1/feeds/podcast.xml?source={body['id']}")
    assert sent.calls == [(POLL_SOURCE, [body["id"]], "interactive")]
    assert client.get(f"/v1/sources/{body['id']}").json()["id"] == body["id"]
    assert [s["id"] for s in client.get("/v1/sources").json()["sources"]] == [body["id"]]
    assert client.get(f"/v1/sources/{body['id']}/entries").json() == {"entries": []}

    r = client.post(f"/v1/sources/{body['id']}/poll")
    assert r.status_code == 202
    assert sent.calls[-1] == (POLL_SOURCE, [body["id"]], "interactive")

    assert client.delete(f"/v1/sources/{body['id']}").status_code == 204
    assert client.get(f"/v1/sources/{body['id']}").status_code == 404
    assert client.get("/v1/sources").json()["sources"] == []


def test_bad_input_is_a_clear_4xx(client: TestClient, make_app: Any) -> None:
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"url": "file:///etc/passwd"}, 422, "file:// and other schemes are not accepted"),
        ({"url": "ftp://news.example/feed"}, 422, "http:// or https://"),
        ({"url": "news.example/feed"}, 422, "http:// or https://"),
        ({"url": "http:///feed"}, 422, "with a host"),
        ({"url": ""}, 422, "url"),
        ({"url": FEED, "voice": "klingon"}, 422, "unknown voice"),
        ({"url": FEED, "speed": 3}, 422, "speed must be"),
        ({"url": FEED, "speed": True}, 422, "speed must be"),
        ({"url": FEED, "interval_s": "600"}, 422, "interval_s"),
        ({"url": FEED, "format": "flac"}, 422, "format must be"),
        ({"url": FEED, "interval_s": 0}, 422, "interval_s"),
        ({"url": FEED, "channel": {"colour": "red"}}, 422, "colour"),
        ({"url": FEED, "channel": {"explicit": 0.0}}, 422, "explicit"),
        ({"url": FEED, "surprise": 1}, 422, "surprise"),
        ({}, 422, "url"),
    ]
    for body, code, says in cases:
        r = client.post("/v1/sources", json=body)
        assert r.status_code == code, (body, r.text)
        assert says.lower() in r.json()["error"]["message"].lower(), (body, r.text)
    first = create(client)
    r = client.post("/v1/sources", json={"url": FEED})
    assert r.status_code == 409 and first["id"] in r.json()["error"]["message"]
    assert client.post("/v1/sources", json={"url": FEED, "speed": 1.25}).status_code == 201
    # Polling more often than the server allows is not refused: raised to its minimum.
    short = client.post("/v1/sources", json={"url": FEED, "speed": 1.5, "interval_s": 10})
    assert short.status_code == 201 and short.json()["interval_s"] == 300
    for path in ("/v1/sources/src_nope", "/v1/sources/src_aaaaaaaaaaaaaaaa"):
        assert client.get(path).status_code == 404
        assert client.delete(path).status_code == 404
        assert client.post(path + "/poll").status_code == 404
        assert client.get(path + "/entries").status_code == 404
    assert client.post("/v1/sources", content=b"not json").status_code == 422


def test_private_addresses_refused_when_the_setting_says_so(make_app: Any) -> None:
    with TestClient(make_app(fetch_allow_private=False)) as c:
        for url in ("http://127.0.0.1:8080/feed", "http://localhost/feed", "http://10.0.0.2/"):
            r = c.post("/v1/sources", json={"url": url})
            assert r.status_code == 422, r.text
            assert r.json()["error"]["code"] == "invalid_url"
            assert "NARRATOR_FETCH_ALLOW_PRIVATE" in r.json()["error"]["message"]


def test_writes_need_a_key_when_keys_are_set(make_app: Any) -> None:
    with TestClient(make_app(api_keys=["k1"])) as c:
        assert c.post("/v1/sources", json={"url": FEED}).status_code == 401
        r = c.post("/v1/sources", json={"url": FEED}, headers={"Authorization": "Bearer k1"})
        assert r.status_code == 201
        assert c.delete(f"/v1/sources/{r.json()['id']}").status_code == 401


def test_podcast_feed_of_an_unknown_source_or_batch_is_404(client: TestClient) -> None:
    for params in ({"source": "src_aaaaaaaaaaaaaaaa"}, {"batch": "bat_aaaaaaaaaaaaaaaa"}):
        r = client.get("/v1/feeds/podcast.xml", params=params)
        assert r.status_code == 404, r.text
    for params in ({"batch": "nope"}, {"source": "src_nope"}):
        r = client.get("/v1/feeds/podcast.xml", params=params)
        assert r.status_code == 404 and "ids look like" in r.json()["error"]["message"]
    source = create(client, channel={"title": "News, read aloud"})
    r = client.get("/v1/feeds/podcast.xml", params={"source": source["id"]})
    assert r.status_code == 200
    assert "<title>News, read aloud</title>" in r.text
    assert "<item>" not in r.text  # nothing narrated yet
