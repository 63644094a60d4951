"""narrator.render without Celery: the reaper's decisions, chunk encoding, the assembly claim."""

from __future__ import annotations

import json
from datetime import timedelta

from narrator import pipeline, render
from narrator.speech.engine import Audio
from narrator.store import db as store_db
from narrator.store import files, repo
from narrator.store.models import Narration, utcnow
from tests.helpers.articles import article_text
from tests.helpers.records import create_narration, get


def make_context(settings, sent):  # type: ignore[no-untyped-def]
    return render.Context(
        settings=settings,
        db=store_db.Database.from_settings(settings),
        storage=files.make_storage(settings.resolved_storage_url),
        send=lambda name, args, queue: sent.append((name, args, queue)),
    )


def set_row(ctx, narration_id, **values):  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        n = s.get(Narration, narration_id)
        for k, v in values.items():
            setattr(n, k, v)


def test_reaper_requeues_stale_then_fails_after_max_attempts(settings):
    sent: list = []
    ctx = make_context(settings, sent)
    old = utcnow() - timedelta(seconds=settings.stale_after_s + 5)
    young = create_narration(settings, article_text(2, "young"), queue="batch")
    worn = create_narration(settings, article_text(2, "worn"))
    fresh = create_narration(settings, article_text(2, "fresh"))
    set_row(ctx, young, status="processing", attempts=0, heartbeat_at=old)
    set_row(ctx, worn, status="processing", attempts=settings.max_attempts - 1, heartbeat_at=old)
    set_row(ctx, fresh, status="processing", heartbeat_at=utcnow())

    assert render.reap(ctx) == (1, 1)
    assert sent == [(render.NARRATE, [young], "batch")]
    y = get(settings, young)
    assert (y.status, y.attempts) == ("queued", 1)
    w = get(settings, worn)
    assert w.status == "failed" and "no progress" in w.error
    assert get(settings, fresh).status == "processing"
    # A second reaper pass (another worker) finds nothing more to do.
    assert render.reap(ctx) == (0, 0)
    ctx.db.dispose()


def test_assembly_is_claimed_once(settings):
    ctx = make_context(settings, [])
    nid = create_narration(settings, article_text(1))
    with ctx.db.session() as s:
        assert repo.mark_processing(s, nid, 2)
    assert not render.claim_assembly(ctx, nid)  # not every chunk is done
    for _ in range(2):
        with ctx.db.session() as s:
            repo.record_chunk_done(s, nid)
    assert render.claim_assembly(ctx, nid)
    assert not render.claim_assembly(ctx, nid)
    with ctx.db.session() as s:  # a re-queued attempt may claim again
        assert repo.requeue(s, nid)
        repo.mark_processing(s, nid, 1)
        repo.record_chunk_done(s, nid)
    assert render.claim_assembly(ctx, nid)
    ctx.db.dispose()


def test_chunk_and_plan_round_trip():
    chunk = pipeline.Chunk(Audio(b"\x01\x00\x02\x00", 16000), [(0, 5), (7, 9)])
    assert render.decode_chunk(render.encode_chunk(chunk)) == chunk
    script = pipeline.prepare(pipeline.read(article_text(3).encode(), kind="text"))
    plan = pipeline.plan(script, "fake", 1.25, chunk_chars=200)
    assert render.decode_plan(render.encode_plan(script, plan)) == (script, plan)
    keys = {render.chunk_cache_key(script, plan, i) for i in range(len(plan.chunks))}
    assert len(keys) == len(plan.chunks)


def test_narrate_stores_chunk_0_before_sending_the_rest(settings):
    """The first audio does not wait on the cache checks and sends of the other chunks."""
    sent: list = []
    ctx = make_context(settings, sent)
    seen_at_send: list[bool] = []
    first_key: list[str] = []

    def send(name, args, queue):  # type: ignore[no-untyped-def]
        seen_at_send.append(ctx.storage.exists(first_key[0]))
        sent.append((name, args, queue))

    ctx = render.Context(settings=ctx.settings, db=ctx.db, storage=ctx.storage, send=send)
    nid = create_narration(settings, article_text(4, "first"))
    real_put = ctx.storage.put_bytes

    def put(key: str, data: bytes) -> None:  # plan.json names chunk 0's key
        real_put(key, data)
        if key.endswith("/plan.json"):
            first_key.append(json.loads(data)["chunk_keys"][0])

    ctx.storage.put_bytes = put  # type: ignore[method-assign]
    render.narrate(ctx, nid)
    assert sent and all(seen_at_send)
    assert sent[0][1][1] == 1  # chunk 0 is not sent: it is done
    assert get(settings, nid).chunks_done == 1
    ctx.db.dispose()


def test_narrate_hands_on_a_chunk_0_that_failed(settings, monkeypatch):
    sent: list = []
    ctx = make_context(settings, sent)
    nid = create_narration(settings, article_text(4, "flaky"))
    real = pipeline.render_chunk

    def failing_first(script, plan, index):  # type: ignore[no-untyped-def]
        if index == 0:
            raise RuntimeError("engine hiccup")
        return real(script, plan, index)

    monkeypatch.setattr(pipeline, "render_chunk", failing_first)
    render.narrate(ctx, nid)
    assert sent[0][0] == render.RENDER_CHUNK and sent[0][1][1] == 0  # sent on, from chunk 0
    assert get(settings, nid).chunks_done == 0
    monkeypatch.setattr(pipeline, "render_chunk", real)
    for _, args, _ in list(sent):
        render.render_chunk(ctx, *args)
    assert get(settings, nid).chunks_done == len(
        json.loads(ctx.storage.get_bytes(render.narration_key(nid, "plan.json")))["chunk_keys"]
    )
    ctx.db.dispose()
