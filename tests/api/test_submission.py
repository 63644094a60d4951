"""The body of POST /v1/narrations: JSON or a multipart upload, read into a Submission."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator import contract
from narrator.api import submission
from narrator.api.schemas import NarrationCreate
from narrator.config import FORMATS
from narrator.service import RenderRequest
from tests.api.conftest import Recorder, submit
from tests.api.test_bad_input import error_of


def test_html_and_markdown(client: TestClient) -> None:
    html = (
        "<html><body><article><h1>Title</h1>"
        "<p>The ferry runs daily now.</p></article></body></html>"
    )
    assert submit(client, text=None, html=html)["status"] == "queued"
    md = "# Title\n\nThe ferry runs **daily** now, officials said."
    assert submit(client, text=None, markdown=md)["status"] == "queued"


def test_upload_a_file_with_options_as_form_fields(client: TestClient, sent: Recorder) -> None:
    r = client.post(
        "/v1/narrations",
        files={"file": ("story.md", b"# Ferry\n\nThe ferry runs **daily** now.", "text/markdown")},
        data={"speed": "1.75", "voice": "en-gb", "format": "ogg", "title": "Ferry news"},
    )
    assert r.status_code == 202, r.text
    body = r.json()
    assert (body["speed"], body["voice"], body["format"]) == (1.75, "en-gb", "ogg")
    assert sent.calls[-1][1] == [body["id"]]


def test_a_file_part_without_a_filename_and_blank_fields_as_an_html_form_sends_them(
    client: TestClient,
) -> None:
    # The file's text as a plain part; the options left blank count as not sent.
    r = client.post(
        "/v1/narrations",
        files={"file": (None, "The ferry runs daily now.\x07"), "voice": (None, "")},
        data={"speed": "", "title": ""},
    )
    assert r.status_code == 202, r.text
    assert (r.json()["speed"], r.json()["voice"]) == (1.0, "en-us")
    json_text = client.post("/v1/narrations", json={"text": "A stray \x8ccontrol, dropped."})
    assert json_text.status_code == 202, json_text.text


def test_a_submitted_title_and_author_replace_the_extracted_ones(
    app: FastAPI, client: TestClient
) -> None:
    md = "# Ferry\n\nThe ferry runs **daily** now."
    r = client.post(
        "/v1/narrations",
        files={"file": ("story.md", md.encode(), "text/markdown")},
        data={"title": "Ferry news", "author": "Desk"},
    )
    article = client.get(f"/v1/articles/{r.json()['article_id']}").json()
    assert (article["title"], article["author"]) == ("Ferry news", "Desk")
    kept = submit(client, text=None, markdown=md + "\n\nMore.", author="Desk")
    article = client.get(f"/v1/articles/{kept['article_id']}").json()
    assert (article["title"], article["author"]) == ("Ferry", "Desk")


def test_upload_over_the_limit_is_413(client: TestClient) -> None:
    r = client.post("/v1/narrations", files={"file": ("a.txt", b"word " * 20_000)})
    error_of(r, 413, "too_large")


def test_form_without_a_file(client: TestClient) -> None:
    r = client.post("/v1/narrations", data={"speed": "1.5"})
    assert "file" in error_of(r, 422, "invalid_request")


def test_malformed_json(client: TestClient) -> None:
    r = client.post(
        "/v1/narrations", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert "JSON" in error_of(r, 422, "invalid_request")


def test_json_that_is_not_an_object(client: TestClient) -> None:
    r = client.post("/v1/narrations", json=["text"])
    error_of(r, 422, "invalid_request")


def test_unsupported_content_type(client: TestClient) -> None:
    r = client.post("/v1/narrations", content=b"hello", headers={"content-type": "text/plain"})
    assert "application/json" in error_of(r, 415, "binary_input")


def test_huge_declared_body_is_refused_before_reading(client: TestClient) -> None:
    r = client.post(
        "/v1/narrations",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": str(10**9)},
    )
    error_of(r, 413, "too_large")


def test_render_request_carries_the_options_unchecked() -> None:
    body = NarrationCreate(text="Hi.", voice="en-gb", speed=1.5, format="ogg", queue="batch")
    assert submission.render_request(body) == RenderRequest("en-gb", 1.5, "ogg", "batch")
    defaults = submission.render_request(NarrationCreate(text="Hi."))
    assert defaults == RenderRequest(queue=contract.INTERACTIVE)


def test_the_documented_form_has_the_models_limits_and_enums() -> None:
    form: dict[str, Any] = submission.request_body_schema()["content"]["multipart/form-data"]
    fields = form["schema"]["properties"]
    # Each option: the model's constraint, or empty (an HTML form's blank field: not sent).
    given = {name: f["anyOf"][0] for name, f in fields.items() if name != "file"}
    assert all(f["anyOf"][1] == submission.NOT_SENT for n, f in fields.items() if n != "file")
    assert given["queue"]["enum"] == list(contract.SUBMIT_QUEUES)
    assert given["format"]["enum"] == list(FORMATS)
    assert (given["speed"]["minimum"], given["speed"]["maximum"]) == (1.0, 2.0)
    assert given["title"]["maxLength"] == 1000
    # The file is text (a binary one is refused with 415): its content type says so.
    assert fields["file"]["contentMediaType"] == "text/plain" and "format" not in fields["file"]
    assert all("null" not in str(f) for f in fields.values())
