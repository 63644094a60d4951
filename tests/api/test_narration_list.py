"""GET /v1/narrations: the recent narrations, newest first, paged by cursor."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.api.paging import decode_cursor, encode_cursor


def _submit_many(client: TestClient, count: int, first: int = 0) -> list[str]:
    ids = []
    for i in range(first, first + count):
        r = client.post(
            "/v1/narrations", json={"text": f"Article number {i}. It has words.", "title": f"T{i}"}
        )
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
    return ids


def test_newest_first_with_titles_and_links(client: TestClient) -> None:
    ids = _submit_many(client, 3)
    body = client.get("/v1/narrations").json()
    assert [n["id"] for n in body["narrations"]] == ids[::-1]
    assert [n["title"] for n in body["narrations"]] == ["T2", "T1", "T0"]
    first = body["narrations"][0]
    assert first["player_url"].endswith(f"/v1/narrations/{ids[2]}/player")
    assert first["status"] == "queued" and first["voice"] == "en-us"
    assert body["next_cursor"] is None


def test_pages_follow_the_cursor_without_repeats_or_gaps(client: TestClient) -> None:
    ids = _submit_many(client, 5)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/v1/narrations", params=params).json()
        seen += [n["id"] for n in body["narrations"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ids[::-1] and pages == 3


def test_a_new_narration_does_not_shift_the_next_page(client: TestClient) -> None:
    ids = _submit_many(client, 3)
    page1 = client.get("/v1/narrations", params={"limit": 2}).json()
    _submit_many(client, 1, first=3)
    page2 = client.get("/v1/narrations", params={"limit": 2, "cursor": page1["next_cursor"]}).json()
    assert [n["id"] for n in page2["narrations"]] == [ids[0]]


def test_empty_list(client: TestClient) -> None:
    assert client.get("/v1/narrations").json() == {"narrations": [], "next_cursor": None}


def test_bad_cursor_and_limit_are_4xx_in_the_error_format(client: TestClient) -> None:
    r = client.get("/v1/narrations", params={"cursor": "not a cursor"})
    assert r.status_code == 422  # the schema's pattern says what a cursor is
    assert "cursor must be the next_cursor of a previous page" in r.json()["error"]["message"]
    # Any cursor the pattern allows is one that works: an empty page, not an error.
    r = client.get("/v1/narrations", params={"cursor": "0.nar_aaaaaaaaaaaaaaaa"})
    assert r.status_code == 200 and r.json()["narrations"] == []
    for limit in ("0", "101", "ten"):
        r = client.get("/v1/narrations", params={"limit": limit})
        assert r.status_code == 422, limit
        assert r.json()["error"]["code"] == "invalid_request"


def test_cursor_round_trip_and_rejects_anything_else() -> None:
    from datetime import UTC, datetime

    import pytest

    from narrator import errors

    stamp = datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC)
    assert decode_cursor(encode_cursor(stamp, "nar_abcdefghij234567")) == (
        stamp,
        "nar_abcdefghij234567",
    )
    for bad in ("", "12.nar_x", "1.art_abcdefghij234567", "x" + encode_cursor(stamp, "nar_a")):
        with pytest.raises(errors.InputError):
            decode_cursor(bad)


def test_with_api_keys_the_list_needs_a_key(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(api_keys=["k1"])) as c:
        assert c.get("/v1/narrations").status_code == 401
        bad = c.get("/v1/narrations", headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401 and "unknown API key" in bad.json()["error"]["message"]
        ok = c.get("/v1/narrations", headers={"Authorization": "Bearer k1"})
        assert ok.status_code == 200
