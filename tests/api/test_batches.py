"""/v1/batches in process: a recording send_task stands in for the workers (the real path is
tests/e2e/test_batches.py). The expander thread runs as in `narrator serve`."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator import contract
from tests.helpers.app import Recorder, make_ready
from tests.helpers.articles import article_text


def post(client: TestClient, body: Any, **params: Any) -> dict[str, Any]:
    r = client.post("/v1/batches", json=body, params=params)
    assert r.status_code == 202, r.text
    assert r.headers["location"] == r.json()["status_url"]
    return dict(r.json())


def expanded(client: TestClient, batch_id: str, timeout: float = 20) -> list[dict[str, Any]]:
    """The items once none waits for its narration to be made."""
    deadline = time.monotonic() + timeout
    while True:
        rows = client.get(f"/v1/batches/{batch_id}/items", params={"limit": 1000}).json()["items"]
        if all(r["narration_id"] or r["status"] != "queued" for r in rows):
            return list(rows)
        assert time.monotonic() < deadline, rows
        time.sleep(0.05)


def texts(n: int, seed: str) -> list[dict[str, Any]]:
    return [{"text": article_text(1, f"{seed}{i}", sentences=2)} for i in range(n)]


def test_items_become_batch_narrations_and_bad_ones_fail_with_reasons(
    client: TestClient, sent: Recorder
) -> None:
    body = {
        "voice": "en-gb",
        "items": [
            *texts(2, "ok"),
            {"text": "   "},
            {"html": "<p>x</p>", "markdown": "y"},
            "not an object",
            {"text": "Same id first.", "external_id": "cms-1"},
            {"text": "Same id again.", "external_id": "cms-1"},
            {"html": "<script>x()</script>"},  # nothing readable: fails when extracted
        ],
    }
    batch = post(client, body, voice="en-us", speed=1.25)  # the body's voice wins
    assert batch["total"] == 8 and batch["voice"] == "en-gb" and batch["speed"] == 1.25
    assert batch["counts"]["failed"] == 4  # refused at once, before any extraction
    rows = expanded(client, batch["id"])
    assert [r["status"] for r in rows] == ["queued"] * 2 + ["failed"] * 3 + ["queued"] + [
        "failed"
    ] * 2
    reasons = {r["index"]: r["reason"] for r in rows if r["status"] == "failed"}
    assert "empty" in reasons[2] and "exactly one" in reasons[3] and "not an object" in reasons[4]
    assert "duplicate external_id 'cms-1'" in reasons[6] and "HTML" in reasons[7]
    assert sorted(args[0] for _, args, _ in sent.calls) == sorted(
        r["narration_id"] for r in rows if r["narration_id"]
    )
    assert {q for _, _, q in sent.calls} == {contract.BATCH}
    got = client.get(f"/v1/batches/{batch['id']}").json()
    assert got["counts"] == {"queued": 3, "processing": 0, "ready": 0, "failed": 5, "canceled": 0}
    failed = client.get(f"/v1/batches/{batch['id']}/items", params={"status": "failed"}).json()
    assert [r["index"] for r in failed["items"]] == [2, 3, 4, 6, 7]


def test_counts_progress_and_finish_follow_the_narrations(app: FastAPI, client: TestClient) -> None:
    batch = post(client, texts(3, "follow"))
    rows = expanded(client, batch["id"])
    for row in rows[:2]:
        make_ready(app, row["narration_id"])
    got = client.get(f"/v1/batches/{batch['id']}").json()
    assert got["counts"]["ready"] == 2 and got["counts"]["queued"] == 1
    assert got["status"] == "processing" and got["progress"] == round(2 / 3, 4)
    assert got["audio_seconds"] == 6.0 and got["eta_s"] is not None and got["eta_s"] >= 0
    make_ready(app, rows[2]["narration_id"])
    done = client.get(f"/v1/batches/{batch['id']}").json()
    assert done["status"] == "finished" and done["progress"] == 1.0 and done["finished_at"]
    assert done["eta_s"] is None
    ready = client.get(f"/v1/batches/{batch['id']}/items", params={"status": "ready"}).json()
    assert all(r["duration_s"] == 3.0 and r["audio_url"] for r in ready["items"])


def test_resubmission_links_the_same_narrations_and_sends_nothing(
    app: FastAPI, client: TestClient, sent: Recorder
) -> None:
    body = [{**t, "external_id": f"e{i}"} for i, t in enumerate(texts(4, "again"))]
    first = expanded(client, post(client, body)["id"])
    make_ready(app, first[0]["narration_id"])
    calls = len(sent.calls)
    second = post(client, body)
    rows = expanded(client, second["id"])
    assert [r["narration_id"] for r in rows] == [r["narration_id"] for r in first]
    assert len(sent.calls) == calls  # nothing narrated twice
    assert rows[0]["status"] == "ready"  # done at once
    one = client.get(f"/v1/batches/{second['id']}/items", params={"external_id": "e2"}).json()
    assert [r["index"] for r in one["items"]] == [2]


def test_pages_in_upload_order(client: TestClient) -> None:
    batch = post(client, texts(5, "page"))
    expanded(client, batch["id"])
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"/v1/batches/{batch['id']}/items", params=params).json()
        seen += [r["index"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [0, 1, 2, 3, 4]


def test_cancel_keeps_done_items_and_drops_batch_only_work(
    app: FastAPI, client: TestClient
) -> None:
    interactive = client.post("/v1/narrations", json=texts(1, "shared")[0]).json()
    batch = post(client, [*texts(1, "shared"), *texts(2, "own")])
    rows = expanded(client, batch["id"])
    assert rows[0]["narration_id"] == interactive["id"]  # the same article: one narration
    make_ready(app, rows[1]["narration_id"])
    r = client.post(f"/v1/batches/{batch['id']}/cancel")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "canceled"
    assert r.json()["counts"] == {
        "queued": 0,
        "processing": 0,
        "ready": 1,
        "failed": 0,
        "canceled": 2,
    }
    # The interactive narration someone waits for goes on; the batch's own one is dropped.
    assert client.get(f"/v1/narrations/{interactive['id']}").json()["status"] == "queued"
    dropped = client.get(f"/v1/narrations/{rows[2]['narration_id']}").json()
    assert dropped["status"] == "failed" and batch["id"] in dropped["error"]
    assert client.delete(f"/v1/batches/{batch['id']}").status_code == 204
    assert client.get(f"/v1/batches/{batch['id']}").status_code == 404
    assert client.get(f"/v1/narrations/{rows[1]['narration_id']}").json()["status"] == "ready"


def test_ndjson_and_zip_uploads(client: TestClient) -> None:
    ndjson = b'{"text": "First line article."}\n{"oops"\n{"markdown": "# T\\n\\nBody."}\n'
    r = client.post("/v1/batches", content=ndjson, headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 202, r.text
    rows = expanded(client, r.json()["id"])
    assert [(x["name"], x["status"]) for x in rows] == [
        ("line 1", "queued"),
        ("line 2", "failed"),
        ("line 3", "queued"),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("site/one.html", "<h1>One</h1><p>The first page.</p>")
        z.writestr("../escape.txt", "Nope.")
    r = client.post(
        "/v1/batches?format=ogg",
        content=buf.getvalue(),
        headers={"content-type": "application/zip"},
    )
    assert r.status_code == 202, r.text
    assert r.json()["format"] == "ogg"
    rows = expanded(client, r.json()["id"])
    assert rows[0]["external_id"] == "site/one.html" and rows[0]["status"] == "queued"
    assert "unsafe path" in rows[1]["reason"]


def test_whole_batch_errors_are_clear_4xx(make_app: Any, client: TestClient) -> None:
    def error(r: Any, status: int) -> str:
        assert r.status_code == status, r.text
        return str(r.json()["error"]["message"])

    assert "empty" in error(client.post("/v1/batches", json={"items": []}), 400)
    assert "empty" in error(client.post("/v1/batches", json=[]), 400)
    assert "items" in error(client.post("/v1/batches", json={"item": []}), 422)
    assert "voice" in error(client.post("/v1/batches", json={"items": [], "voice": ""}), 422)
    assert "klingon" in error(client.post("/v1/batches?voice=klingon", json=texts(1, "v")), 422)
    assert "1.0 to 2.0" in error(client.post("/v1/batches?speed=3", json=texts(1, "v")), 422)
    as_bool = {"items": [{"text": "One line."}], "speed": True}  # the schema's number only
    assert "1.0 to 2.0" in error(client.post("/v1/batches", json=as_bool), 422)
    assert "zip" in error(
        client.post(
            "/v1/batches", content=b"PK\x03\x04junk", headers={"content-type": "application/zip"}
        ),
        400,
    )
    assert "Content-Type" in error(
        client.post("/v1/batches", content=b"x", headers={"content-type": "text/csv"}), 415
    )
    assert "not valid JSON" in error(
        client.post("/v1/batches", content=b"{", headers={"content-type": "application/json"}),
        422,
    )
    assert error(client.get("/v1/batches/bat_aaaaaaaaaaaaaaaa"), 404)
    assert error(client.get("/v1/batches/nope/items"), 404)
    assert error(client.post("/v1/batches/bat_aaaaaaaaaaaaaaaa/cancel"), 404)
    with TestClient(make_app(batch_max_items=3, batch_max_bytes=2000)) as small:
        assert "limit" in error(small.post("/v1/batches", json=texts(4, "many")), 413)
        assert "limit" in error(small.post("/v1/batches", json=[{"text": "x" * 3000}]), 413)


def test_a_large_batch_is_answered_at_once(client: TestClient, sent: Recorder) -> None:
    body = [{"text": f"Article number {i} says hello."} for i in range(5000)]
    started = time.monotonic()
    r = client.post("/v1/batches", json=body)
    elapsed = time.monotonic() - started
    assert r.status_code == 202 and r.json()["total"] == 5000
    assert elapsed < 3.0, elapsed  # stored in bulk; narrations are made afterwards
    print(f"5000-item batch answered in {elapsed * 1000:.0f} ms")
