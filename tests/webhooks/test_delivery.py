"""One attempt of a delivery (narrator.webhooks.delivery.deliver) against a real HTTP receiver
on localhost: signed, recorded, retried after a backoff, given up past the window."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from narrator import owners
from narrator.config import Settings
from narrator.context import Context, build_context
from narrator.contract import DELIVER_WEBHOOK
from narrator.store import repo
from narrator.store.models import utcnow
from narrator.store.repo import deliveries
from narrator.store.repo import webhooks as hooks
from narrator.store.repo import webhooks as webhook_repo
from narrator.store.webhook_models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from narrator.webhooks import delivery, dispatch, signing
from narrator.webhooks import service as webhook_service
from tests.helpers.app import Recorder
from tests.helpers.processes import dead_tag
from tests.helpers.records import make_article, make_narration
from tests.helpers.webhook_receiver import Drip, Receiver, Sleep, readme_verify

# Claims and records are conditional UPDATEs: each backend's behaviour is what matters.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    s = settings.model_copy(
        update={
            "webhook_allow_private": True,
            "webhook_timeout_s": 1.0,
            "webhook_retry_base_s": 10.0,
            "webhook_retry_window_s": 60.0,
        }
    )
    context = build_context(s, Recorder())
    yield context
    context.close()


def subscribe(ctx: Context, url: str, events: tuple[str, ...] = ("narration.ready",)) -> str:
    with ctx.session() as s:
        return hooks.create_endpoint(
            s, owner="", url=url, events=list(events), secret=signing.new_secret()
        ).id


def announce(ctx: Context, speed: float = 1.0) -> list[str]:
    """A narration made ready as a worker does it: the deliveries it recorded (and sent)."""
    n = make_narration(ctx.db, make_article(ctx.db), speed=speed)
    with ctx.db.session() as s:  # not ctx.session(): these tests send by hand
        repo.mark_ready(s, n.id, audio_key="k")
        return list(s.info.pop(hooks.OUTBOX, []))


def row(ctx: Context, delivery_id: str) -> WebhookDelivery:
    with ctx.db.session() as s:
        found = s.get(WebhookDelivery, delivery_id)
        assert found is not None
        return found


def attempts(ctx: Context, delivery_id: str) -> list[WebhookAttempt]:
    with ctx.db.session() as s:
        return list(
            s.scalars(select(WebhookAttempt).where(WebhookAttempt.delivery_id == delivery_id))
        )


def test_a_delivery_is_signed_and_recorded(ctx: Context) -> None:
    with Receiver({"/ok": [200]}) as receiver:
        endpoint_id = subscribe(ctx, receiver.url("/ok"))
        [delivery_id] = announce(ctx)
        assert delivery.deliver(ctx, delivery_id) == "delivered"
        [got] = receiver.got()
    with ctx.db.session() as s:
        endpoint = s.get(WebhookEndpoint, endpoint_id)
        assert endpoint is not None and endpoint.last_success_at is not None
        secret = endpoint.secret
    assert got.headers["webhook-id"] == delivery_id
    assert got.headers["content-type"] == "application/json"
    assert readme_verify()(secret, got.headers, got.body)
    assert json.loads(got.body)["type"] == "narration.ready"
    [attempt] = attempts(ctx, delivery_id)
    assert attempt.status_code == 200 and attempt.error is None and attempt.duration_ms >= 0
    assert row(ctx, delivery_id).state == "delivered"
    # A duplicate message finds it done: nothing is sent again.
    assert delivery.deliver(ctx, delivery_id) is None
    assert len(attempts(ctx, delivery_id)) == 1


@pytest.mark.parametrize(
    ("plan", "error"),
    [
        ([500], "HTTP 500"),
        ([Sleep(3)], "timed out after 1 s"),
        ([302], "HTTP 302"),  # a redirect is not followed
    ],
)
def test_a_failed_attempt_is_retried_after_a_backoff(
    ctx: Context, plan: list[int | Sleep], error: str
) -> None:
    with Receiver({"/h": plan}) as receiver:
        subscribe(ctx, receiver.url("/h"))
        [delivery_id] = announce(ctx)
        before = utcnow()
        assert delivery.deliver(ctx, delivery_id) == "pending"
    [attempt] = attempts(ctx, delivery_id)
    assert attempt.error is not None and attempt.error.startswith(error)
    pending = row(ctx, delivery_id)
    assert (pending.attempts, pending.holder, pending.lease_until) == (1, None, None)
    # Backoff base 10 s with equal jitter: the first retry 5 to 10 s later (plus the attempt).
    wait = (pending.next_attempt_at - before).total_seconds()
    assert 5.0 <= wait <= 10.0 + 3.5
    with ctx.db.session() as s:  # a message on its way (the dispatcher's lease) comes early
        s.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .values(lease_until=utcnow() + timedelta(seconds=600))
        )
    assert delivery.deliver(ctx, delivery_id) is None  # not due yet
    # It leaves the delivery to the dispatcher, which sends it when due, not in 600 s.
    assert row(ctx, delivery_id).lease_until is None


def test_an_endless_error_page_does_not_hold_the_attempt(ctx: Context) -> None:
    with Receiver({"/h": [Drip(500, seconds=20)]}) as receiver:
        subscribe(ctx, receiver.url("/h"))
        [delivery_id] = announce(ctx)
        assert delivery.deliver(ctx, delivery_id) == "pending"
    [attempt] = attempts(ctx, delivery_id)
    assert attempt.status_code == 500 and attempt.error is not None
    assert attempt.error.startswith("HTTP 500") and attempt.duration_ms < 5000


def test_backoff_doubles_up_to_the_cap_with_jitter(settings: Settings) -> None:
    s = settings.model_copy(update={"webhook_retry_base_s": 10.0, "webhook_retry_max_s": 60.0})
    for attempt, ceiling in [(1, 10), (2, 20), (3, 40), (4, 60), (10, 60)]:
        waits = [delivery.backoff_s(s, attempt) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert max(waits) - min(waits) > ceiling / 4  # jittered, not one fixed wait


def test_past_the_window_it_fails_and_the_endpoint_is_disabled(ctx: Context) -> None:
    with Receiver({"/down": [503]}) as receiver:
        endpoint_id = subscribe(ctx, receiver.url("/down"))
        [first] = announce(ctx)
        [second] = announce(ctx, speed=1.5)
        with ctx.db.session() as s:  # created longer ago than the window
            s.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == first)
                .values(created_at=utcnow() - timedelta(seconds=61))
            )
        assert delivery.deliver(ctx, first) == "failed"
    gone = row(ctx, first)
    assert gone.error is not None and gone.error.startswith("gave up: HTTP 503")
    with ctx.db.session() as s:
        endpoint = s.get(WebhookEndpoint, endpoint_id)
        assert endpoint is not None and endpoint.disabled_at is not None
        assert "every delivery failed for 60 s" in (endpoint.disabled_reason or "")
    assert row(ctx, second).state == "failed"  # the rest stop with it
    assert announce(ctx, speed=1.25) == []  # and nothing new is recorded


def test_an_endpoint_enabled_again_hears_new_events(ctx: Context) -> None:
    """Disabled after a window of failures; enabled again (POST /v1/webhooks/{id}/enable):
    the next event is recorded for it and delivered; what failed meanwhile stays failed."""
    with Receiver({"/back": [200]}) as receiver:
        endpoint_id = subscribe(ctx, receiver.url("/back"))
        [lost] = announce(ctx)
        with ctx.db.session() as s:
            deliveries.disable_endpoint(s, endpoint_id, "every delivery failed for 60 s")
        assert announce(ctx, speed=1.25) == []  # nothing recorded while disabled
        assert row(ctx, lost).state == "failed"
        endpoint = webhook_service.enable(ctx.db, "", endpoint_id)
        assert endpoint.disabled_at is None and endpoint.disabled_reason is None
        [resumed] = announce(ctx, speed=1.5)
        assert delivery.deliver(ctx, resumed) == "delivered"
        assert len(receiver.got("/back")) == 1
        assert json.loads(receiver.got("/back")[0].body)["data"]["speed"] == 1.5
    assert row(ctx, lost).state == "failed"
    with ctx.db.session() as s:
        found = s.get(WebhookEndpoint, endpoint_id)
        assert found is not None and found.disabled_at is None
        assert found.last_success_at is not None


def test_an_endpoint_that_succeeded_meanwhile_is_not_disabled(ctx: Context) -> None:
    with Receiver({"/flaky": [503]}) as receiver:
        endpoint_id = subscribe(ctx, receiver.url("/flaky"))
        [old] = announce(ctx)
        with ctx.db.session() as s:
            s.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == old)
                .values(created_at=utcnow() - timedelta(seconds=61))
            )
            s.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.id == endpoint_id)
                .values(last_success_at=utcnow() - timedelta(seconds=30))
            )
        assert delivery.deliver(ctx, old) == "failed"
    with ctx.db.session() as s:
        endpoint = s.get(WebhookEndpoint, endpoint_id)
        assert endpoint is not None and endpoint.disabled_at is None


def test_a_private_url_is_refused_at_delivery_when_not_allowed(ctx: Context) -> None:
    with Receiver({"/h": [200]}) as receiver:
        subscribe(ctx, receiver.url("/h"))
        [delivery_id] = announce(ctx)
        strict = Context(
            ctx.settings.model_copy(update={"webhook_allow_private": False}),
            ctx.db,
            ctx.storage,
            ctx.send,
        )
        assert delivery.deliver(strict, delivery_id) == "pending"
        assert receiver.got() == []
    [attempt] = attempts(ctx, delivery_id)
    assert attempt.error is not None and attempt.error.startswith("refused: url:")


def test_a_delivery_held_by_a_dead_process_is_taken_over(ctx: Context) -> None:
    with Receiver({"/h": [200]}) as receiver:
        subscribe(ctx, receiver.url("/h"))
        [delivery_id] = announce(ctx)
        lease = utcnow() + timedelta(seconds=600)
        with ctx.db.session() as s:  # a live process on it: hands off
            s.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id)
                .values(holder=f"{owners.scope()}-{os.getppid()}", lease_until=lease)
            )
        assert delivery.deliver(ctx, delivery_id) is None
        with ctx.db.session() as s:  # its holder died mid-request: sent again at once
            s.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id)
                .values(holder=dead_tag(), lease_until=lease)
            )
        assert delivery.deliver(ctx, delivery_id) == "delivered"
        [got] = receiver.got()
        assert got.headers["webhook-id"] == delivery_id


def test_the_dispatcher_sends_what_is_due_once(ctx: Context) -> None:
    sent = ctx.send
    assert isinstance(sent, Recorder)
    first = announce(ctx)  # nobody subscribed: nothing
    assert first == []
    subscribe(ctx, "http://127.0.0.1:9/h")
    [delivery_id] = announce(ctx, speed=1.5)
    assert dispatch.tick(ctx) == 1
    assert dispatch.tick(ctx) == 0  # its message is on its way: not twice
    assert sent.calls == [(DELIVER_WEBHOOK, [delivery_id], "batch")]
    assert sent.priorities == [8]
    with ctx.db.session() as s:  # the message was lost: once its lease runs out, again
        s.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .values(lease_until=utcnow() - timedelta(seconds=1))
        )
    assert dispatch.tick(ctx) == 1
    assert [c[1] for c in sent.calls] == [[delivery_id], [delivery_id]]


def test_an_endpoint_deleted_during_an_attempt_ends_it_quietly(ctx: Context) -> None:
    """Found by schemathesis: the attempt's record then failed its foreign key, as an error."""
    with Receiver({"/slow": [Sleep(0.5)]}) as receiver:
        endpoint_id = subscribe(ctx, receiver.url("/slow"))
        [delivery_id] = announce(ctx)

        def delete_soon() -> None:
            time.sleep(0.2)
            with ctx.db.session() as s:
                owner = s.get(WebhookEndpoint, endpoint_id).owner  # type: ignore[union-attr]
                webhook_repo.delete_endpoint(s, owner, endpoint_id)

        deleter = threading.Thread(target=delete_soon)
        deleter.start()
        assert delivery.deliver(ctx, delivery_id) == "gone"
        deleter.join()
    with ctx.db.session() as s:
        assert s.get(WebhookDelivery, delivery_id) is None
