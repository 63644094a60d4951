"""narrator.store.repo.webhooks on SQLite and PostgreSQL: an event is recorded in the
transaction of the change it announces, once, for the endpoints subscribed to it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import Narration
from narrator.store.repo import batches
from narrator.store.repo import webhooks as hooks
from narrator.store.webhook_models import WebhookDelivery, WebhookEvent
from tests.helpers.records import make_article, make_narration
from tests.helpers.threads import run_threads


def endpoint(db: Database, events: list[str], url: str = "https://cms.example/h") -> str:
    with db.session() as s:
        return hooks.create_endpoint(s, owner="", url=url, events=events, secret="whsec_AAAA").id


def events(db: Database) -> list[dict[str, Any]]:
    with db.session() as s:
        return [json.loads(e.body) for e in s.scalars(select(WebhookEvent))]


def deliveries(db: Database) -> list[WebhookDelivery]:
    with db.session() as s:
        return list(s.scalars(select(WebhookDelivery)))


def narration(db: Database, speed: float = 1.0) -> Narration:
    return make_narration(db, make_article(db), speed=speed)


def test_a_ready_narration_is_announced_to_each_subscribed_endpoint(db: Database) -> None:
    a = endpoint(db, ["narration.ready"])
    b = endpoint(db, ["narration.ready", "narration.failed"])
    endpoint(db, ["narration.failed"])  # not subscribed to ready
    n = narration(db)
    with db.session() as s:
        repo.mark_ready(s, n.id, audio_key="narrations/x/audio.mp3", duration_s=3.5)
        outbox = list(s.info[hooks.OUTBOX])
    [event] = events(db)
    assert event["type"] == "narration.ready"
    assert event["data"]["narration_id"] == n.id
    assert event["data"]["status"] == "ready" and event["data"]["duration_s"] == 3.5
    assert event["data"]["audio_url"] == f"/v1/narrations/{n.id}/audio"
    sent = deliveries(db)
    assert sorted(d.endpoint_id for d in sent) == sorted([a, b])
    assert sorted(outbox) == sorted(d.id for d in sent)
    assert {d.state for d in sent} == {"pending"} and {d.attempts for d in sent} == {0}


def test_the_announcement_rolls_back_with_the_change(db: Database) -> None:
    endpoint(db, ["narration.failed"])
    n = narration(db)
    with pytest.raises(RuntimeError), db.session() as s:
        repo.mark_failed(s, n.id, "boom")
        raise RuntimeError("the transaction fails after the change")
    assert events(db) == [] and deliveries(db) == []
    with db.session() as s:
        repo.mark_failed(s, n.id, "boom")
    [event] = events(db)
    assert event["type"] == "narration.failed" and event["data"]["error"] == "boom"


def test_announced_once_and_only_when_someone_listens(db: Database) -> None:
    n = narration(db)
    with db.session() as s:
        repo.mark_failed(s, n.id, "nobody subscribed yet")
    assert events(db) == []
    endpoint(db, ["narration.failed"])
    m = narration(db, speed=1.5)
    with db.session() as s:
        repo.mark_failed(s, m.id, "first")
    with db.session() as s:
        repo.mark_failed(s, m.id, "a late second failure of the same narration")
    assert [e["data"]["error"] for e in events(db)] == ["first"]


def test_a_disabled_endpoint_gets_nothing(db: Database) -> None:
    from narrator.store.repo import deliveries as delivery_repo

    endpoint_id = endpoint(db, ["narration.ready"])
    with db.session() as s:
        delivery_repo.disable_endpoint(s, endpoint_id, "test")
    with db.session() as s:
        repo.mark_ready(s, narration(db).id, audio_key="k")
    assert deliveries(db) == []


def _batch_of(db: Database, narrations: list[Narration]) -> str:
    with db.session() as s:
        batch = batches.create_batch(
            s,
            [batches.NewItem(f"item {i}", None, {"kind": "text"}, None) for i in narrations],
            voice="en-us",
            speed=1.0,
            format="mp3",
            engine="espeak",
            engine_version="1",
        )
        batches.claim(s, batch.id, "me", batch.created_at, steal=True)
        batches.settle_items(s, batch.id, {i: n.id for i, n in enumerate(narrations)}, {})
        batches.finish_expansion(s, batch.id, "me")
        return batch.id


def test_batch_finished_when_its_last_item_ends(db: Database) -> None:
    endpoint(db, ["batch.finished"])
    first, second = narration(db), narration(db, speed=1.5)
    batch_id = _batch_of(db, [first, second])
    with db.session() as s:
        repo.mark_ready(s, first.id, audio_key="k")
    assert events(db) == []
    with db.session() as s:
        repo.mark_failed(s, second.id, "boom")
    [event] = events(db)
    assert event["type"] == "batch.finished"
    assert event["data"]["batch_id"] == batch_id and event["data"]["status"] == "finished"
    assert event["data"]["counts"]["ready"] == 1 and event["data"]["counts"]["failed"] == 1
    with db.session() as s:  # nothing announces it twice: not the safety net either
        assert hooks.batch_settled(s, batch_id) is False
        assert hooks.unannounced_batches(s) == []


def test_a_canceled_batch_is_finished_too(db: Database) -> None:
    endpoint(db, ["batch.finished", "narration.failed"])
    n = narration(db)
    with db.session() as s:
        s.get(Narration, n.id).queue = "batch"  # type: ignore[union-attr]
    batch_id = _batch_of(db, [n])
    with db.session() as s:
        batches.cancel(s, batch_id, "canceled by test")
    kinds = sorted(e["type"] for e in events(db))
    assert kinds == ["batch.finished", "narration.failed"]
    [finished] = [e for e in events(db) if e["type"] == "batch.finished"]
    assert finished["data"]["status"] == "canceled"


def test_two_items_ending_at_once_announce_the_batch_once(db: Database) -> None:
    endpoint(db, ["batch.finished"])
    narrations = [narration(db, speed=1.0 + i / 10) for i in range(6)]
    batch_id = _batch_of(db, narrations)

    def end(i: int) -> None:
        with db.session() as s:
            repo.mark_ready(s, narrations[i].id, audio_key=f"k{i}")

    run_threads(len(narrations), end)
    finished = [e for e in events(db) if e["type"] == "batch.finished"]
    assert [e["data"]["batch_id"] for e in finished] == [batch_id]


def test_a_batch_whose_every_item_was_refused_finishes_at_once(db: Database) -> None:
    endpoint(db, ["batch.finished"])
    with db.session() as s:
        batch = batches.create_batch(
            s,
            [batches.NewItem("blank.txt", None, None, "nothing to read")],
            voice="en-us",
            speed=1.0,
            format="mp3",
            engine="espeak",
            engine_version="1",
        )
    [event] = events(db)
    assert event["data"]["batch_id"] == batch.id and event["data"]["counts"]["failed"] == 1
