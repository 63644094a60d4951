"""narrator.store.repo.deliveries on SQLite and PostgreSQL: of many claimants one wins, and a
lost message is due again."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from narrator.store.db import Database
from narrator.store.models import utcnow
from narrator.store.repo import deliveries
from narrator.store.repo import webhooks as hooks
from narrator.store.webhook_models import WebhookDelivery
from tests.helpers.threads import run_threads


def recorded(db: Database, n: int = 1) -> list[str]:
    with db.session() as s:
        hooks.create_endpoint(
            s, owner="", url="https://cms.example/h", events=["batch.finished"], secret="whsec_AA"
        )
    ids = []
    for i in range(n):
        with db.session() as s:
            ids += hooks.record_event(s, "batch.finished", {"batch_id": f"bat_{i}"})
    return ids


def test_one_of_many_claims_an_attempt(db: Database) -> None:
    [delivery_id] = recorded(db)

    def claim(i: int) -> deliveries.Job | None:
        with db.session() as s:
            return deliveries.claim_attempt(
                s, delivery_id, f"holder-{i}", now=utcnow(), lease_s=60, is_gone=lambda h: False
            )

    jobs = [j for j in run_threads(8, claim) if j is not None]
    assert len(jobs) == 1 and jobs[0].delivery_id == delivery_id


def test_one_of_many_dispatchers_sends_each_delivery(db: Database) -> None:
    ids = recorded(db, 5)

    def claim(_: int) -> list[str]:
        with db.session() as s:
            return deliveries.claim_due(s, now=utcnow(), lease_s=60, limit=100)

    claimed = [d for got in run_threads(4, claim) for d in got]
    assert sorted(claimed) == sorted(ids)


def test_a_lost_message_is_due_again_and_a_queued_one_is_not(db: Database) -> None:
    lost, queued = recorded(db, 2)
    with db.session() as s:
        assert sorted(deliveries.claim_due(s, now=utcnow(), lease_s=600, limit=10)) == sorted(
            [lost, queued]
        )
    with db.session() as s:
        assert deliveries.claim_due(s, now=utcnow(), lease_s=600, limit=10) == []
        assert deliveries.forget_messages(s, still_queued={queued}) == 1
    with db.session() as s:
        assert deliveries.claim_due(s, now=utcnow(), lease_s=600, limit=10) == [lost]
        leases = {
            i: t for i, t in s.execute(select(WebhookDelivery.id, WebhookDelivery.lease_until))
        }
    assert leases[queued] is not None and leases[queued] > utcnow() + timedelta(seconds=500)
