"""/v1/webhooks: create (the secret once), list, get, delete, the delivery log; scoped to the
API key; bad input refused with a 4xx that says what to fix; all of it in the OpenAPI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator.store.models import utcnow
from narrator.store.repo import deliveries
from narrator.store.repo import webhooks as hooks
from narrator.store.webhook_models import WebhookAttempt

URL = "http://127.0.0.1:9/hooks"
EVENTS = ["narration.ready", "batch.finished"]


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    return make_app(webhook_allow_private=True)


def create(client: TestClient, **headers: str) -> dict[str, Any]:
    r = client.post("/v1/webhooks", json={"url": URL, "events": EVENTS}, headers=headers)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def test_create_shows_the_secret_once(client: TestClient) -> None:
    made = create(client)
    assert made["id"].startswith("whk_") and made["secret"].startswith("whsec_")
    assert (made["url"], made["events"], made["status"]) == (URL, EVENTS, "enabled")
    assert made["deliveries_url"].endswith(f"/v1/webhooks/{made['id']}/deliveries")
    got = client.get(f"/v1/webhooks/{made['id']}")
    assert got.status_code == 200 and "secret" not in got.json()
    listed = client.get("/v1/webhooks").json()["webhooks"]
    assert [w["id"] for w in listed] == [made["id"]] and "secret" not in listed[0]
    assert made["secret"] not in client.get("/v1/webhooks").text


def test_an_event_named_twice_counts_once(client: TestClient) -> None:
    r = client.post("/v1/webhooks", json={"url": URL, "events": ["batch.finished"] * 2})
    assert r.status_code == 201 and r.json()["events"] == ["batch.finished"]


def test_delete(client: TestClient) -> None:
    made = create(client)
    assert client.delete(f"/v1/webhooks/{made['id']}").status_code == 204
    assert client.get(f"/v1/webhooks/{made['id']}").status_code == 404
    assert client.delete(f"/v1/webhooks/{made['id']}").status_code == 404
    assert client.get("/v1/webhooks").json() == {"webhooks": []}


def test_enable_a_disabled_webhook(app: FastAPI, client: TestClient) -> None:
    made = create(client)
    url = f"/v1/webhooks/{made['id']}"
    with app.state.db.session() as s:
        deliveries.disable_endpoint(s, made["id"], "every delivery failed for 86400 s")
    hook = client.get(url).json()
    assert hook["status"] == "disabled" and "every delivery failed" in hook["disabled_reason"]
    r = client.post(f"{url}/enable")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["status"], body["disabled_at"], body["disabled_reason"]) == ("enabled", None, None)
    assert client.get(url).json()["status"] == "enabled"
    assert client.post(f"{url}/enable").json()["status"] == "enabled"  # already: unchanged
    assert client.post("/v1/webhooks/whk_aaaaaaaaaaaaaaaa/enable").status_code == 404
    assert client.post("/v1/webhooks/nope/enable").status_code == 404


def test_only_its_key_enables_a_webhook(locked: TestClient) -> None:
    mine = create(locked, Authorization="Bearer k1")
    url = f"/v1/webhooks/{mine['id']}/enable"
    assert locked.post(url).status_code == 401
    assert locked.post(url, headers={"Authorization": "Bearer k2"}).status_code == 404
    assert locked.post(url, headers={"Authorization": "Bearer k1"}).status_code == 200


@pytest.fixture
def locked(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app(api_keys=["k1", "k2"], webhook_allow_private=True)) as c:
        yield c


def test_each_key_has_its_own_webhooks(locked: TestClient) -> None:
    k1 = {"Authorization": "Bearer k1"}
    k2 = {"Authorization": "Bearer k2"}
    assert locked.post("/v1/webhooks", json={"url": URL, "events": EVENTS}).status_code == 401
    assert locked.get("/v1/webhooks").status_code == 401
    mine = create(locked, **k1)
    assert [w["id"] for w in locked.get("/v1/webhooks", headers=k1).json()["webhooks"]] == [
        mine["id"]
    ]
    assert locked.get("/v1/webhooks", headers=k2).json() == {"webhooks": []}
    for path in (f"/v1/webhooks/{mine['id']}", f"/v1/webhooks/{mine['id']}/deliveries"):
        assert locked.get(path, headers=k2).status_code == 404
    assert locked.delete(f"/v1/webhooks/{mine['id']}", headers=k2).status_code == 404
    assert locked.get(f"/v1/webhooks/{mine['id']}", headers=k1).status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"url": "ftp://cms.example/h", "events": EVENTS}, 422, "an http:// or https:// address"),
        ({"url": "https://a:99999/h", "events": EVENTS}, 422, "port from 1 to 65535"),
        ({"url": "https://", "events": EVENTS}, 422, "with a host name"),
        ({"url": URL, "events": ["narration.started"]}, 422, "events"),
        ({"url": URL, "events": []}, 422, "events"),
        ({"url": URL}, 422, "events"),
        ({"events": EVENTS}, 422, "url"),
        ({"url": URL, "events": EVENTS, "secret": "mine"}, 422, "secret"),
        ({"url": "x" * 2001, "events": EVENTS}, 422, "url"),
    ],
)
def test_bad_input(client: TestClient, body: dict[str, Any], status: int, says: str) -> None:
    r = client.post("/v1/webhooks", json=body)
    assert r.status_code == status, r.text
    assert says in r.json()["error"]["message"]


def test_a_private_address_is_refused_unless_allowed(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(webhook_allow_private=False)) as c:
        r = c.post("/v1/webhooks", json={"url": URL, "events": EVENTS})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_url"
    assert "NARRATOR_WEBHOOK_ALLOW_PRIVATE" in r.json()["error"]["message"]


def test_malformed_ids_and_cursors(client: TestClient) -> None:
    assert client.get("/v1/webhooks/nope").status_code == 404
    assert client.get("/v1/webhooks/whk_aaaaaaaaaaaaaaaa/deliveries").status_code == 404
    made = create(client)
    r = client.get(f"/v1/webhooks/{made['id']}/deliveries", params={"cursor": "garbage!"})
    assert r.status_code == 422 and "cursor" in r.json()["error"]["message"]
    r = client.get(f"/v1/webhooks/{made['id']}/deliveries", params={"limit": 0})
    assert r.status_code == 422


def test_the_delivery_log_pages_newest_first_with_attempts(
    app: FastAPI, client: TestClient
) -> None:
    made = create(client)
    db = app.state.db
    ids = []
    with db.session() as s:
        for i in range(5):
            [delivery_id] = hooks.record_event(s, "batch.finished", {"batch_id": f"b{i}"})
            ids.append(delivery_id)
        s.add(
            WebhookAttempt(
                delivery_id=ids[0],
                started_at=utcnow() - timedelta(seconds=1),
                duration_ms=12,
                status_code=500,
                error="HTTP 500",
            )
        )
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"/v1/webhooks/{made['id']}/deliveries", params=params).json()
        seen += page["deliveries"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(d["id"] for d in seen) == sorted(ids) and len(seen) == 5
    stamps = [d["created_at"] for d in seen]
    assert stamps == sorted(stamps, reverse=True)
    [oldest] = [d for d in seen if d["id"] == ids[0]]
    assert oldest["event_type"] == "batch.finished" and oldest["state"] == "pending"
    assert oldest["next_attempt_at"] is not None
    assert oldest["attempts"] == [
        {
            "at": oldest["attempts"][0]["at"],
            "duration_ms": 12,
            "status_code": 500,
            "error": "HTTP 500",
        }
    ]


def test_the_openapi_documents_the_endpoints_and_their_errors(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/v1/webhooks"]) == {"get", "post"}
    assert set(paths["/v1/webhooks/{webhook_id}"]) == {"get", "delete"}
    assert set(paths["/v1/webhooks/{webhook_id}/deliveries"]) == {"get"}
    assert set(paths["/v1/webhooks/{webhook_id}/enable"]) == {"post"}
    post = paths["/v1/webhooks"]["post"]
    assert {"201", "401", "422"} <= set(post["responses"])
    assert "webhook-signature" in post["description"]
    for path, method in [
        ("/v1/webhooks/{webhook_id}", "get"),
        ("/v1/webhooks/{webhook_id}", "delete"),
        ("/v1/webhooks/{webhook_id}/deliveries", "get"),
        ("/v1/webhooks/{webhook_id}/enable", "post"),
    ]:
        assert {"401", "404"} <= set(paths[path][method]["responses"])
