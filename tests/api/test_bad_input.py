"""Every input a user can get wrong: a 4xx with {"error": {"code", "message"}}, never a 500."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from tests.helpers.app import Recorder
from tests.helpers.articles import ARTICLE


def error_of(r: Any, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["code"] == code, body
    message: str = body["error"]["message"]
    assert message
    return message


@pytest.mark.parametrize(
    ("body", "status", "code", "says"),
    [
        ({"text": ""}, 422, "empty_article", "empty"),
        ({"text": "   \n\t  "}, 422, "empty_article", "empty"),
        ({"html": "<script>alert(1)</script><style>p{}</style>"}, 422, "empty_article", ""),
        ({"text": ARTICLE, "voice": "en-uz"}, 422, "unknown_voice", "en-us"),
        ({"text": ARTICLE, "voice": "klingon"}, 422, "unknown_voice", "klingon"),
        ({"text": ARTICLE, "voice": ""}, 422, "invalid_request", "voice"),
        ({"text": ARTICLE, "speed": 0.5}, 422, "invalid_request", "1.0 to 2.0"),
        ({"text": ARTICLE, "speed": 2.5}, 422, "invalid_request", "1.0 to 2.0"),
        ({"text": ARTICLE, "speed": "fast"}, 422, "invalid_request", "1.0 to 2.0"),
        # a JSON number, as the schema says: no true, no number in a string
        ({"text": ARTICLE, "speed": True}, 422, "invalid_request", "1.0 to 2.0"),
        ({"text": ARTICLE, "speed": "1.5"}, 422, "invalid_request", "1.0 to 2.0"),
        ({"text": ARTICLE, "speed": None, "format": "flac"}, 422, "invalid_request", "mp3, ogg"),
        ({"text": ARTICLE, "queue": "urgent"}, 422, "invalid_request", "interactive"),
        ({"text": ARTICLE, "html": "<p>x</p>"}, 422, "invalid_request", "exactly one"),
        ({}, 422, "invalid_request", "exactly one"),
        ({"title": "only a title"}, 422, "invalid_request", "exactly one"),
        ({"text": ARTICLE, "txt": "typo"}, 422, "invalid_request", "txt"),
        ({"text": 42}, 422, "invalid_request", "text"),
        ({"text": ARTICLE, "title": "t" * 1001}, 422, "invalid_request", "title"),
        # a title or an author goes into a podcast feed's XML, a file's tags and pages
        ({"text": ARTICLE, "title": "Budget\x00vote"}, 422, "invalid_request", "title: must"),
        ({"text": ARTICLE, "author": "Jane\x1bDoe"}, 422, "invalid_request", "control char"),
    ],
)
def test_bad_json_bodies(
    client: TestClient, sent: Recorder, body: dict[str, Any], status: int, code: str, says: str
) -> None:
    message = error_of(client.post("/v1/narrations", json=body), status, code)
    assert says.lower() in message.lower()
    assert sent.calls == []


def test_unknown_voice_lists_closest_ids(client: TestClient) -> None:
    r = client.post("/v1/narrations", json={"text": ARTICLE, "voice": "en-uss"})
    error_of(r, 422, "unknown_voice")
    assert "en-us" in r.json()["error"]["suggestions"]


def test_text_over_the_limit_is_413(client: TestClient) -> None:
    r = client.post("/v1/narrations", json={"text": "word " * 5000})  # 25 000 > 20 000 chars
    assert "20000" in error_of(r, 413, "too_large")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7 binary stuff \x00\x01",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        bytes(range(256)) * 4,
    ],
)
def test_binary_upload_is_415(client: TestClient, data: bytes) -> None:
    r = client.post("/v1/narrations", files={"file": ("a.bin", data)})
    error_of(r, 415, "binary_input")


def test_upload_of_an_empty_file(client: TestClient) -> None:
    r = client.post("/v1/narrations", files={"file": ("a.txt", b"  \n ")})
    error_of(r, 422, "empty_article")


def test_upload_with_a_control_character_in_its_author(client: TestClient) -> None:
    files = {"file": ("a.txt", ARTICLE.encode())}
    r = client.post("/v1/narrations", files=files, data={"author": "Jane\x07Doe"})
    assert "author: must be text without control characters" in error_of(r, 422, "invalid_request")
    # tabs and line breaks are spaces in a label, not errors
    r = client.post("/v1/narrations", files=files, data={"author": "Jane\tDoe"})
    assert r.status_code == 202, r.text


def test_upload_with_a_field_the_form_does_not_have(client: TestClient, sent: Recorder) -> None:
    files = {"file": ("a.txt", ARTICLE.encode())}
    r = client.post("/v1/narrations", files=files, data={"titel": "Budget vote"})
    message = error_of(r, 422, "invalid_request")
    assert "titel: no such field" in message and "title" in message
    assert sent.calls == []


def test_upload_with_bad_options(client: TestClient) -> None:
    r = client.post(
        "/v1/narrations", files={"file": ("a.txt", ARTICLE.encode())}, data={"speed": "9"}
    )
    error_of(r, 422, "invalid_request")
    r = client.post(
        "/v1/narrations", files={"file": ("a.txt", ARTICLE.encode())}, data={"voice": "zz-top"}
    )
    error_of(r, 422, "unknown_voice")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/narrations/nar_doesnotexist0000",
        "/v1/narrations/nar_doesnotexist0000/audio",
        "/v1/narrations/nar_doesnotexist0000/timings.json",
        "/v1/narrations/nar_doesnotexist0000/player",
        "/v1/articles/art_doesnotexist0000",
        "/v1/narrations/art_doesnotexist0000",
        "/v1/narrations/NAR_UPPERCASE00000",
        "/v1/narrations/nar_short",
        "/v1/narrations/" + "nar_" + "a" * 500,
        "/v1/narrations/..%2F..%2Fetc%2Fpasswd",
        "/v1/narrations/nar_%2e%2e%2f%2e%2e%2f%2e%2e",
        "/v1/narrations/%00",
        "/v1/narrations/nar_abc%0a/audio",
        "/v1/articles/..%2Fnarrator.db",
        "/v1/nope",
    ],
)
def test_unknown_or_malformed_ids_are_404(client: TestClient, path: str) -> None:
    error_of(client.get(path), 404, "not_found")


def test_path_tricks_in_delete_are_404(client: TestClient) -> None:
    error_of(client.delete("/v1/narrations/..%2F..%2Fnarrator.db"), 404, "not_found")
    error_of(client.delete("/v1/articles/art_..%2F..%2F"), 404, "not_found")


def test_article_narrations_with_bad_options(client: TestClient) -> None:
    a = client.post("/v1/narrations", json={"text": ARTICLE}).json()
    url = f"/v1/articles/{a['article_id']}/narrations"
    error_of(client.post(url, json={"speed": 0}), 422, "invalid_request")
    error_of(client.post(url, json={"voice": "nope-nope"}), 422, "unknown_voice")
    error_of(client.post(url, json={"format": "aac"}), 422, "invalid_request")
    error_of(client.post("/v1/articles/art_doesnotexist0000/narrations", json={}), 404, "not_found")


def test_method_not_allowed_has_the_error_shape(client: TestClient) -> None:
    error_of(client.put("/v1/narrations"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/v1/narrations/nar_aaaaaaaaaaaaaaaa", {"GET", "DELETE"}),
        ("/v1/articles/art_aaaaaaaaaaaaaaaa", {"GET", "DELETE"}),
        ("/v1/narrations/nar_aaaaaaaaaaaaaaaa/audio", {"GET", "HEAD"}),
    ],
)
def test_405_names_every_method_of_the_resource(
    client: TestClient, path: str, allowed: set[str]
) -> None:
    r = client.request("PATCH", path)
    assert "PATCH is not allowed" in error_of(r, 405, "method_not_allowed")
    assert allowed <= set(r.headers["allow"].split(", "))


def test_the_schema_asks_for_exactly_one_source(client: TestClient) -> None:
    body = client.get("/openapi.json").json()["paths"]["/v1/narrations"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    # What the schema allows is what the server takes: exactly one source given as text (a
    # null one counts as not sent), with something in it besides spaces and control characters.
    validator = jsonschema.Draft202012Validator(schema)
    for sent in (
        {"text": "A story."},
        {"html": "<p>A story.</p>", "markdown": None},
        {"text": "A story \x8cwith a stray control."},
        {"text": "A story.", "html": "<p>Another.</p>"},
        {"text": None},
        {},
        {"text": " \x01\n"},
        {"markdown": ""},
    ):
        allowed = validator.is_valid(sent)
        taken = client.post("/v1/narrations", json=sent).status_code == 202
        assert allowed == taken, (sent, allowed, taken)
