"""GET/PUT /v1/lexicon in-process: both body forms, every bad line reported, limits, per key,
and what a saved lexicon does to the narrations submitted after it (their cache keys)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.store import repo
from tests.api.test_batches import expanded

TEXT = "Xiaomi sells phones in Shenzhen.\n\nThe weather was mild on Tuesday.\n"
FILE = "# names our voices get wrong\nXiaomi = [[S'aUmi:]]\nNguyen Van = Win Van\n"


def put_text(c: TestClient, text: str, **headers: str) -> Any:
    return c.put(
        "/v1/lexicon", content=text.encode(), headers={"content-type": "text/plain", **headers}
    )


def test_empty_before_any_save(client: TestClient) -> None:
    r = client.get("/v1/lexicon")
    assert r.status_code == 200
    assert r.json() == {
        "scope": "all",
        "version": 0,
        "count": 0,
        "digest": "",
        "updated_at": None,
        "entries": [],
        "text": "",
    }


def test_put_text_then_get_it_back(client: TestClient) -> None:
    r = put_text(client, FILE)
    assert r.status_code == 200, r.text
    body = client.get("/v1/lexicon").json()
    assert body["version"] == 1 and body["count"] == 2
    assert body["text"] == FILE  # comments kept: the publisher's file comes back
    assert body["entries"] == [
        {"word": "xiaomi", "say": None, "phonemes": "S'aUmi:"},
        {"word": "nguyen van", "say": "Win Van", "phonemes": None},
    ]
    assert len(body["digest"]) == 64


def test_put_json_is_the_same_lexicon(client: TestClient) -> None:
    text_digest = put_text(client, FILE).json()["digest"]
    r = client.put(
        "/v1/lexicon",
        json={
            "entries": [
                {"word": "Xiaomi", "phonemes": "S'aUmi:"},
                {"word": "Nguyen  Van", "say": "Win Van"},
            ]
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["digest"] == text_digest
    assert r.json()["version"] == 2
    assert r.json()["text"] == "Xiaomi = [[S'aUmi:]]\nNguyen Van = Win Van\n"


def test_same_text_twice_adds_no_version(client: TestClient) -> None:
    assert put_text(client, FILE).json()["version"] == 1
    assert put_text(client, FILE).json()["version"] == 1
    assert put_text(client, "").json() == {**client.get("/v1/lexicon").json(), "version": 2}
    assert client.get("/v1/lexicon").json()["count"] == 0  # an empty body clears it


def test_every_bad_line_is_reported_with_its_number(client: TestClient) -> None:
    text = (
        "# ok\n"
        "Xiaomi = [[S'aUmi:]]\n"
        "Huawei Wah-way\n"  # 3: no '='
        "= nothing\n"  # 4: no word
        "Nguyen =\n"  # 5: no pronunciation
        "Tata = [[t'A:t@\n"  # 6: unclosed phonemes
        "Ok = Oh-kay\n"
    )
    r = put_text(client, text)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "invalid_lexicon"
    assert [p["line"] for p in error["problems"]] == [3, 4, 5, 6]
    assert "expected 'word = respelling'" in error["problems"][0]["message"]
    assert "missing the word" in error["problems"][1]["message"]
    assert "missing the pronunciation" in error["problems"][2]["message"]
    assert "one [[...]] block" in error["problems"][3]["message"]
    assert error["message"].startswith("lexicon line 3: ")
    assert "(and 1 more)" in error["message"]
    assert client.get("/v1/lexicon").json()["version"] == 0  # nothing saved


@pytest.mark.parametrize(
    ("entries", "numbers", "says"),
    [
        ([{"word": "A", "say": "ay"}, "Xiaomi"], [2], "an entry is an object"),
        ([{"word": "A"}], [1], 'give "say"'),
        ([{"word": "A", "say": "x", "phonemes": "y"}], [1], "exactly one"),
        ([{"word": "A", "say": "x", "extra": 1}], [1], "unknown field 'extra'"),
        ([{"word": "ok", "say": "x"}, {"word": "B", "say": "[[x]] y"}, {"say": "x"}], [2, 3], ""),
        ([{"word": "A=B", "say": "x"}], [1], "'='"),
        ([{"word": "A", "say": "one\ntwo"}], [1], "one line"),
    ],
)
def test_bad_json_entries_are_numbered(
    client: TestClient, entries: list[Any], numbers: list[int], says: str
) -> None:
    r = client.put("/v1/lexicon", json={"entries": entries})
    assert r.status_code == 422
    problems = r.json()["error"]["problems"]
    assert [p["entry"] for p in problems] == numbers
    assert says in problems[0]["message"]


@pytest.mark.parametrize(
    ("body", "ctype", "status", "code"),
    [
        (b"Xiaomi = Shau-mee", "application/octet-stream", 415, "binary_input"),
        (b"Xiaomi = Shau-mee", "", 415, "binary_input"),
        (b"\xff\xfeX = y", "text/plain", 422, "invalid_lexicon"),
        (b"{not json", "application/json", 422, "invalid_lexicon"),
        (b'{"entries": {}}', "application/json", 422, "invalid_lexicon"),
        (b'{"entries": [], "more": 1}', "application/json", 422, "invalid_lexicon"),
    ],
)
def test_unusable_bodies(
    client: TestClient, body: bytes, ctype: str, status: int, code: str
) -> None:
    r = client.put("/v1/lexicon", content=body, headers={"content-type": ctype} if ctype else {})
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"]


def test_size_limits(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(lexicon_max_bytes=1000, lexicon_max_entries=3)
    with TestClient(app) as c:
        r = put_text(c, "".join(f"word{i} = say{i}\n" for i in range(100)))
        assert r.status_code == 413
        assert "limit is 1000" in r.json()["error"]["message"]
        r = put_text(c, "".join(f"word{i} = say{i}\n" for i in range(4)))
        assert r.status_code == 413
        assert "4 entries; the limit is 3" in r.json()["error"]["message"]
        assert put_text(c, "".join(f"word{i} = say{i}\n" for i in range(3))).status_code == 200
        long_word = put_text(c, "x" * 101 + " = y\n")
        assert long_word.status_code == 422
        assert "limit is 100" in long_word.json()["error"]["problems"][0]["message"]


KEY, OTHER = "key-one", "key-two"


@pytest.fixture
def locked(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app(api_keys=[KEY, OTHER])) as c:
        yield c


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_each_api_key_has_its_own_lexicon(locked: TestClient) -> None:
    assert locked.get("/v1/lexicon").status_code == 401
    assert put_text(locked, FILE).status_code == 401
    assert put_text(locked, FILE, **auth(KEY)).status_code == 200
    assert locked.get("/v1/lexicon", headers=auth(KEY)).json()["count"] == 2
    assert locked.get("/v1/lexicon", headers=auth(OTHER)).json()["version"] == 0


def _narration(app: FastAPI, narration_id: str) -> Any:
    with app.state.db.session() as s:
        return repo.load_narration(s, narration_id)


def test_a_lexicon_that_touches_the_article_makes_a_new_narration(
    app: FastAPI, client: TestClient
) -> None:
    before = client.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"}).json()
    assert _narration(app, before["id"]).lexicon_id is None
    # Entries the article does not use leave its narration as it was.
    put_text(client, "Nguyen = Win\n")
    again = client.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"})
    assert again.status_code == 200 and again.json()["id"] == before["id"]
    # One it uses: a new narration, which keeps the version it is read with.
    version = put_text(client, "Nguyen = Win\nXiaomi = Shau-mee\n").json()
    after = client.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"})
    assert after.status_code == 202 and after.json()["id"] != before["id"]
    row = _narration(app, after.json()["id"])
    with app.state.db.session() as s:
        lexicon = repo.get_lexicon(s, row.lexicon_id)
        assert lexicon is not None and lexicon.version == version["version"]
    # Changing an entry the article does not use: still the same narration.
    put_text(client, "Nguyen = Nwin\nXiaomi = Shau-mee\n")
    same = client.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"})
    assert same.status_code == 200 and same.json()["id"] == after.json()["id"]
    # Another voice of the article, asked for with the lexicon in force, uses it too.
    other = client.post(f"/v1/articles/{before['article_id']}/narrations", json={"voice": "en-gb"})
    assert _narration(app, other.json()["id"]).lexicon_id is not None


def test_a_keyless_listener_hears_the_publishers_lexicon(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(api_keys=[KEY])) as c:
        put_text(c, "Xiaomi = Shau-mee\n", **auth(KEY))
        first = c.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"}, headers=auth(KEY))
        assert first.status_code == 202
        app = c.app
        assert isinstance(app, FastAPI)
        assert _narration(app, first.json()["id"]).lexicon_id is not None
        faster = c.post(
            f"/v1/articles/{first.json()['article_id']}/narrations", json={"speed": 1.5}
        )
        assert faster.status_code == 202, faster.text
        assert _narration(app, faster.json()["id"]).lexicon_id is not None


_TRICKY = "ab Xé_1 =#[]:'\t\n\x00\x1c\u2028\u3000"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_TRICKY, max_size=12),
    st.text(alphabet=_TRICKY, max_size=12),
    st.sampled_from(["say", "phonemes"]),
)
def test_json_entry_patterns_say_what_the_server_accepts(
    word: str, spoken: str, field: str
) -> None:
    from narrator.api.lexicon_bodies import _pair
    from narrator.text.lexicon import SPOKEN_PATTERN, WORD_PATTERN

    valid = bool(re.search(WORD_PATTERN, word)) and bool(re.search(SPOKEN_PATTERN, spoken))
    assert isinstance(_pair({"word": word, field: spoken}), tuple) == valid


def test_batch_items_are_read_with_the_lexicon_of_the_key_that_sent_them(
    locked: TestClient,
) -> None:
    app = locked.app
    assert isinstance(app, FastAPI)
    put_text(locked, "Xiaomi = Shau-mee\n", **auth(KEY))
    ids = {}
    for key in (KEY, OTHER):
        r = locked.post(
            "/v1/batches",
            json={"items": [{"text": TEXT}]},
            params={"voice": "en-us"},
            headers=auth(key),
        )
        assert r.status_code == 202, r.text
        (item,) = expanded(locked, r.json()["id"])
        ids[key] = item["narration_id"]
    assert ids[KEY] != ids[OTHER]  # the same article, read two ways
    assert _narration(app, ids[KEY]).lexicon_id is not None
    assert _narration(app, ids[OTHER]).lexicon_id is None


def test_etag_and_if_match(client: TestClient) -> None:
    assert client.get("/v1/lexicon").headers["etag"] == '"v0"'
    first = put_text(client, FILE, **{"If-Match": '"v0"'})  # made on "none saved"
    assert first.status_code == 200 and first.headers["etag"] == '"v1"'
    assert client.get("/v1/lexicon").headers["etag"] == '"v1"'
    # Another client changed it meanwhile: a change made on v0 is refused, nothing saved.
    stale = put_text(client, "Xiaomi = Shau-mee\n", **{"If-Match": '"v0"'})
    assert stale.status_code == 412
    error = stale.json()["error"]
    assert error["code"] == "precondition_failed"
    assert "at version 1, and If-Match names 0" in error["message"]
    assert "GET it again" in error["message"]
    assert client.get("/v1/lexicon").json()["text"] == FILE
    for tag in ('W/"v1"', '"1"', "v1", '"v1x"', ""):  # weak, foreign or empty: never a match
        assert put_text(client, "a = b\n", **{"If-Match": tag}).status_code == 412, tag
    assert put_text(client, "a = b\n", **{"If-Match": '"v7", "v1"'}).headers["etag"] == '"v2"'
    assert put_text(client, "a = c\n", **{"If-Match": "*"}).headers["etag"] == '"v3"'
    assert client.delete("/v1/lexicon", headers={"If-Match": '"v2"'}).status_code == 412
    assert client.get("/v1/lexicon").json()["count"] == 1


def test_delete_clears_and_keeps_older_versions_readable(app: FastAPI, client: TestClient) -> None:
    assert client.delete("/v1/lexicon").status_code == 204  # nothing saved: nothing to do
    assert client.get("/v1/lexicon").json()["version"] == 0
    put_text(client, "Xiaomi = Shau-mee\n")
    narration = client.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"}).json()
    kept = _narration(app, narration["id"]).lexicon_id
    r = client.delete("/v1/lexicon", headers={"If-Match": '"v1"'})
    assert r.status_code == 204 and r.headers["etag"] == '"v2"' and r.content == b""
    body = client.get("/v1/lexicon").json()
    assert (body["version"], body["count"], body["text"]) == (2, 0, "")
    assert client.delete("/v1/lexicon").headers["etag"] == '"v2"'  # already clear: no version
    with app.state.db.session() as s:
        old = repo.get_lexicon(s, kept)
        assert old is not None and old.text == "Xiaomi = Shau-mee\n"  # the worker reads it
    after = client.post("/v1/narrations", json={"text": TEXT, "voice": "en-us"})
    assert after.status_code == 202 and after.json()["id"] != narration["id"]  # read plainly
    assert _narration(app, after.json()["id"]).lexicon_id is None


def test_the_openapi_documents_etag_if_match_and_412(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/lexicon", "/v1/sources/{source_id}/lexicon"):
        assert set(paths[path]) == {"get", "put", "delete"}
        assert "ETag" in paths[path]["get"]["responses"]["200"]["headers"]
        assert "ETag" in paths[path]["put"]["responses"]["200"]["headers"]
        assert "ETag" in paths[path]["delete"]["responses"]["204"]["headers"]
        for method in ("put", "delete"):
            operation = paths[path][method]
            assert "412" in operation["responses"], (path, method)
            assert "If-Match" in operation["description"], (path, method)
            # Not a declared parameter: any tag the schema could allow but the current one
            # gets 412, a schema-valid request refused (schemathesis' positive acceptance).
            assert "If-Match" not in [p["name"] for p in operation.get("parameters", [])]
        assert "404" in paths[path]["get"]["responses"]
