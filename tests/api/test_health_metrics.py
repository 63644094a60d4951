from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

from narrator.store.models import Narration, utcnow
from tests.helpers.app import make_ready
from tests.helpers.client import submit


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_readyz_ok_with_embedded_broker(client: TestClient) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["checks"] == {"database": "ok", "broker": "ok", "storage": "ok"}


def test_readyz_names_what_failed(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(broker_url="redis://127.0.0.1:1/0")
    with TestClient(app) as c:
        r = c.get("/readyz")
    assert r.status_code == 503
    checks = r.json()["checks"]
    assert checks["database"] == "ok" and checks["storage"] == "ok"
    assert checks["broker"].startswith("unavailable")


def set_times(app: FastAPI, narration_id: str, started: datetime, finished: datetime) -> None:
    with app.state.db.session() as s:
        s.execute(
            update(Narration)
            .where(Narration.id == narration_id)
            .values(started_at=started, finished_at=finished)
        )


def test_metrics(app: FastAPI, client: TestClient) -> None:
    a = submit(client)
    b = submit(client, speed=2)
    submit(client, speed=1.5, queue="batch")  # the queue is not part of the cache key
    make_ready(app, a["id"])
    # Synthesis seconds: 90 s for the ready one; a narration not ready does not count.
    finished = utcnow()
    set_times(app, a["id"], finished - timedelta(seconds=90), finished)
    set_times(app, b["id"], finished - timedelta(seconds=1000), finished)
    r = client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    got = samples(r.text)
    assert got[("narrator_narrations", (("status", "ready"),))] == 1
    assert got[("narrator_narrations", (("status", "queued"),))] == 2
    assert got[("narrator_narrations", (("status", "failed"),))] == 0
    assert got[("narrator_queue_depth", (("queue", "interactive"),))] == 1
    assert got[("narrator_queue_depth", (("queue", "batch"),))] == 1
    assert got[("narrator_audio_seconds", ())] == 3.0
    assert got[("narrator_synthesis_seconds", ())] == pytest.approx(90.0, abs=0.01)
    assert got[("narrator_scrape_errors", (("source", "database"),))] == 0


def test_metrics_survive_an_unreachable_redis(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(broker_url="redis://127.0.0.1:1/0")
    with TestClient(app) as c:
        r = c.get("/metrics")
    assert r.status_code == 200
    got = samples(r.text)
    assert got[("narrator_scrape_errors", (("source", "broker"),))] == 1
