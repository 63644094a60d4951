"""Deliveries go out once the transaction that recorded them has committed (narrator.context),
never when it rolled back; the dispatcher announces a batch ending nobody recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from narrator.config import Settings
from narrator.context import Context, build_context
from narrator.contract import DELIVER_WEBHOOK
from narrator.store import repo
from narrator.store.models import Batch
from narrator.store.repo import batches
from narrator.store.repo import webhooks as hooks
from narrator.store.webhook_models import WebhookEvent
from narrator.webhooks import dispatch
from tests.helpers.app import Recorder
from tests.helpers.records import make_article, make_narration


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    context = build_context(settings, Recorder())
    yield context
    context.close()


def subscribe(ctx: Context, *events: str) -> None:
    with ctx.session() as s:
        hooks.create_endpoint(
            s, owner="", url="https://cms.example/h", events=list(events), secret="whsec_AA"
        )


def test_sent_after_the_commit_and_not_after_a_rollback(ctx: Context) -> None:
    sent = ctx.send
    assert isinstance(sent, Recorder)
    subscribe(ctx, "narration.ready")
    first = make_narration(ctx.db, make_article(ctx.db))
    with pytest.raises(RuntimeError), ctx.session() as s:
        repo.mark_ready(s, first.id, audio_key="k")
        raise RuntimeError("rolled back")
    assert sent.calls == []
    with ctx.session() as s:
        repo.mark_ready(s, first.id, audio_key="k")
        assert sent.calls == []  # not before the commit
    [(name, [delivery_id], queue)] = sent.calls
    assert (name, queue) == (DELIVER_WEBHOOK, "batch") and delivery_id.startswith("msg_")
    assert dispatch.tick(ctx) == 0  # already on its way: the dispatcher leaves it


def test_a_batch_ending_nobody_announced_is_announced_by_the_dispatcher(ctx: Context) -> None:
    subscribe(ctx, "batch.finished")
    n = make_narration(ctx.db, make_article(ctx.db))
    with ctx.db.session() as s:
        repo.mark_ready(s, n.id, audio_key="k")
        batch = batches.create_batch(
            s,
            [batches.NewItem("one", None, {"kind": "text"}, None)],
            voice="en-us",
            speed=1.0,
            format="mp3",
            engine="espeak",
            engine_version="1",
        )
        batches.claim(s, batch.id, "me", batch.created_at, steal=True)
        batches.settle_items(s, batch.id, {0: n.id}, {})
        batches.finish_expansion(s, batch.id, "me")
        # As if the ending had been missed (a crash between two transactions, say).
        s.execute(update(Batch).where(Batch.id == batch.id).values(announced_at=None))
        s.execute(WebhookEvent.__table__.delete())
        s.info.pop(hooks.OUTBOX, None)
    assert dispatch.announce_missed(ctx) == 1
    assert dispatch.announce_missed(ctx) == 0
    with ctx.db.session() as s:
        assert [e.type for e in s.scalars(select(WebhookEvent))] == ["batch.finished"]
