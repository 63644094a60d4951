"""narrator.render and the reaper without Celery: lost or waiting, chunk files, the claim."""

from __future__ import annotations

import json
from datetime import timedelta

from narrator import chunks, errors, owners, pipeline, render, schedule, speaking
from narrator.context import Context
from narrator.contract import LIVE, NARRATE, PLAN_REST, RENDER_CHUNK
from narrator.recovery import leases, reaper
from narrator.speech.engine import Audio
from narrator.store import db as store_db
from narrator.store import files, layout, ledger, progress, repo
from narrator.store.models import Narration, Task, utcnow
from tests.helpers.articles import article_text
from tests.helpers.crashes import killed_mid_write
from tests.helpers.processes import dead_tag
from tests.helpers.records import create_narration, get


def make_context(settings, sent):  # type: ignore[no-untyped-def]
    return Context(
        settings=settings,
        db=store_db.Database.from_settings(settings),
        storage=files.make_storage(settings.resolved_storage_url),
        send=lambda name, args, queue, **_: sent.append((name, args, queue)),
    )


def claim(ctx, narration_id):  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        return repo.claim_assembly(s, narration_id)


def set_row(ctx, narration_id, **values):  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        n = s.get(Narration, narration_id)
        for k, v in values.items():
            setattr(n, k, v)


def sent_task(ctx, narration_id, name=RENDER_CHUNK, queue="interactive", **values):  # type: ignore[no-untyped-def]
    """A task row as render.send_tracked writes it, with `values` (holder, lease_until...)."""
    with ctx.db.session() as s:
        task = ledger.record_sent(s, narration_id, name, [narration_id, 1, 1], queue)
        row = s.get(Task, task.id)
        for k, v in values.items():
            setattr(row, k, v)
    return task.id


def beat(ctx, worker_id, *, idle_since, queues=("interactive", "batch")):  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        ledger.beat_worker(s, worker_id, queues, idle_since=idle_since)


def test_a_backlog_is_not_a_loss(settings):
    """Tasks waiting behind others, workers busy, narrations silent for ages: nothing is sent."""
    sent: list = []
    ctx = make_context(settings, sent)
    ancient = utcnow() - timedelta(hours=2)
    waiting = []
    for i in range(5):
        nid = create_narration(settings, article_text(2, f"backlog{i}"))
        set_row(ctx, nid, status="processing", heartbeat_at=ancient, updated_at=ancient)
        waiting.append(sent_task(ctx, nid, sent_at=ancient))
    beat(ctx, "w1", idle_since=None)  # alive and busy
    assert reaper.reap(ctx) == (0, 0)
    assert sent == []
    # A worker that consumes only the other queue proves nothing about this one.
    beat(ctx, "w2", idle_since=ancient, queues=("batch",))
    assert reaper.reap(ctx) == (0, 0)
    ctx.db.dispose()


def test_a_task_whose_holder_died_is_sent_again_and_counts_an_attempt(settings):
    sent: list = []
    ctx = make_context(settings, sent)
    expired = utcnow() - timedelta(seconds=1)
    young = create_narration(settings, article_text(2, "young"), queue="batch")
    worn = create_narration(settings, article_text(2, "worn"))
    alive = create_narration(settings, article_text(2, "alive"))
    for nid in (young, worn, alive):
        set_row(ctx, nid, status="processing", chunks_total=3, chunks_done=2, progress=2 / 3)
    set_row(ctx, worn, attempts=settings.max_attempts - 1)
    lost = sent_task(ctx, young, queue="batch", holder="dead-1", lease_until=expired)
    sent_task(ctx, worn, holder="dead-1", lease_until=expired)
    sent_task(ctx, alive, holder="live-2", lease_until=utcnow() + timedelta(seconds=30))

    assert reaper.reap(ctx) == (1, 1)
    assert len(sent) == 1 and sent[0][0] == RENDER_CHUNK and sent[0][2] == "batch"
    y = get(settings, young)
    # Only the lost task goes again: status, progress and chunks done stay where they were.
    assert (y.status, y.attempts, y.chunks_done, y.progress) == ("processing", 1, 2, 2 / 3)
    assert "died" in y.recovery_note
    with ctx.db.session() as s:
        ids = [t.id for t in ledger.tasks_of(s, young)]
    assert lost not in ids and len(ids) == 1  # replaced under a new id
    w = get(settings, worn)
    assert w.status == "failed" and "died" in w.error
    assert get(settings, alive).status == "processing"
    # A second reaper pass (another worker) finds nothing more to do.
    assert reaper.reap(ctx) == (0, 0)
    ctx.db.dispose()


def test_a_holder_late_to_renew_is_not_taken_for_dead(settings):
    """A lease ran out, but its holder runs on this machine (an I/O stall held up its renewal):
    nothing is sent again. The same lease held by a process that has exited is lost."""
    sent: list = []
    ctx = make_context(settings, sent)
    expired = utcnow() - timedelta(seconds=5)
    late = create_narration(settings, article_text(2, "late"))
    dead = create_narration(settings, article_text(2, "dead"))
    for nid in (late, dead):
        set_row(ctx, nid, status="processing")
    sent_task(ctx, late, holder=owners.tag(), lease_until=expired)
    sent_task(ctx, dead, holder=dead_tag(), lease_until=expired)
    # The dead holder was writing a chunk when it died: its temp file goes with the pass.
    left = killed_mid_write(ctx.storage.root, "chunks/ab/lost.pcm")
    assert reaper.reap(ctx) == (1, 0)
    assert not left.exists()
    assert get(settings, late).attempts == 0 and get(settings, late).recovery_note is None
    assert get(settings, dead).attempts == 1 and "died" in get(settings, dead).recovery_note
    ctx.db.dispose()


def test_a_waiting_task_an_idle_worker_never_got_is_sent_again_without_an_attempt(settings):
    sent: list = []
    ctx = make_context(settings, sent)
    now = utcnow()
    nid = create_narration(settings, article_text(2, "lostmsg"))
    set_row(ctx, nid, status="processing")
    before = now - timedelta(seconds=leases.IDLE_PROOF_S + 5)
    sent_task(ctx, nid, sent_at=before)
    # Idle only since after it was sent, and not for long enough yet: not proven lost.
    beat(ctx, "w1", idle_since=now - timedelta(seconds=leases.IDLE_PROOF_S / 3))
    assert reaper.reap(ctx) == (0, 0)
    beat(ctx, "w1", idle_since=before)
    assert reaper.reap(ctx) == (1, 0)
    assert get(settings, nid).attempts == 0
    assert "lost" in get(settings, nid).recovery_note
    ctx.db.dispose()


def test_a_narration_with_no_task_on_record_gets_narrate_again(settings):
    sent: list = []
    ctx = make_context(settings, sent)
    old = utcnow() - timedelta(seconds=settings.stale_after_s + 5)
    orphan = create_narration(settings, article_text(2, "orphan"))
    recent = create_narration(settings, article_text(2, "recent"))
    set_row(ctx, orphan, heartbeat_at=old, updated_at=old)
    assert reaper.reap(ctx) == (1, 0)
    assert [(name, args) for name, args, _ in sent] == [(NARRATE, [orphan])]
    assert get(settings, recent).status == "queued" and get(settings, orphan).attempts == 0
    assert reaper.reap(ctx) == (0, 0)  # now it has a task on record
    ctx.db.dispose()


def test_assembly_is_claimed_once(settings):
    ctx = make_context(settings, [])
    nid = create_narration(settings, article_text(1))
    with ctx.db.session() as s:
        assert repo.mark_processing(s, nid, 2)
    assert not claim(ctx, nid)  # not every chunk is done
    for index in (0, 1, 1):  # a duplicate delivery of chunk 1 counts once
        with ctx.db.session() as s:
            progress.mark_chunk_done(s, nid, index)
    assert get(settings, nid).chunks_done == 2
    assert claim(ctx, nid)
    assert not claim(ctx, nid)
    with ctx.db.session() as s:  # a retried attempt (after a failure) may claim again
        repo.mark_failed(s, nid, "boom")
        assert repo.requeue(s, nid)
        repo.mark_processing(s, nid, 1)
        progress.mark_chunk_done(s, nid, 0)
    assert claim(ctx, nid)
    ctx.db.dispose()


def test_chunk_and_plan_round_trip():
    chunk = pipeline.Chunk(Audio(b"\x01\x00\x02\x00", 16000), [(0, 5), (7, 9)])
    assert chunks.unpack_chunk(chunks.pack_chunk(chunk)) == chunk
    marked = pipeline.Chunk(Audio(b"\x01\x00", 16000), [(0, 5), (7, 9)], [[(0, 1), (4, 3)], []])
    assert chunks.unpack_chunk(chunks.pack_chunk(marked)) == marked
    script = pipeline.prepare(pipeline.read(article_text(3).encode(), kind="text"))
    plan = pipeline.plan(script, "fake", 1.25, chunk_chars=200)
    assert chunks.unpack_plan(chunks.pack_plan(script, plan)) == (script, plan)
    keys = {chunks.chunk_key(script, plan, i) for i in range(len(plan.chunks))}
    assert len(keys) == len(plan.chunks)


def test_narrate_stores_chunk_0_before_sending_the_rest(settings):
    """The first audio does not wait on the cache checks and sends of the other chunks."""
    sent: list = []
    ctx = make_context(settings, sent)
    seen_at_send: list[bool] = []
    first_key: list[str] = []

    def send(name, args, queue, task_id=None, priority=None):  # type: ignore[no-untyped-def]
        seen_at_send.append(ctx.storage.exists(first_key[0]))
        sent.append((name, args, queue))

    ctx = Context(settings=ctx.settings, db=ctx.db, storage=ctx.storage, send=send)
    nid = create_narration(settings, article_text(4, "first"))
    real_put = ctx.storage.put_bytes

    def put(key: str, data: bytes) -> None:  # plan.json names chunk 0's key
        real_put(key, data)
        if key.endswith("/plan.json"):
            first_key.append(json.loads(data)["chunk_keys"][0])

    ctx.storage.put_bytes = put  # type: ignore[method-assign]
    render.start_narration(ctx, nid)
    assert sent and all(seen_at_send)
    assert sent[0][1][1] == 1  # chunk 0 is not sent: it is done
    assert get(settings, nid).chunks_done == 1
    ctx.db.dispose()


def test_a_long_articles_first_sentence_goes_before_its_whole_plan(settings):
    """narrate speaks a long article's first sentence from its head, then, while another
    narration's first task waits, hands the whole plan on as PLAN_REST, behind it; plan_rest
    finishes it."""
    sent: list = []
    ctx = make_context(settings, sent)
    nid = create_narration(settings, article_text(pipeline.HEAD_PARAGRAPHS + 6, "long"))
    first_key, plan_key = (
        layout.narration_key(nid, layout.FIRST),
        layout.narration_key(nid, layout.PLAN),
    )
    other = create_narration(settings, article_text(2, "pressed"))
    with ctx.db.session() as s:  # someone else pressed play: its first task waits
        ledger.record_sent(s, other, NARRATE, [other], LIVE, 0)
    assert render.speak_first(ctx, nid, may_defer=True) is None
    assert sent == [(PLAN_REST, [nid], LIVE)]  # on the live lane, behind that first sentence
    assert ctx.storage.exists(first_key) and not ctx.storage.exists(plan_key)
    head_chunk = json.loads(ctx.storage.get_bytes(first_key))["chunk_keys"][0]
    assert ctx.storage.exists(head_chunk)  # first.json is written once its chunk is stored
    assert get(settings, nid).status == "queued"  # nothing counted before the whole plan
    sent.clear()
    render.plan_rest(ctx, nid)
    assert ctx.storage.exists(plan_key) and not ctx.storage.exists(first_key)
    plan = json.loads(ctx.storage.get_bytes(plan_key))
    assert plan["chunk_keys"][0] == head_chunk  # the head's chunk 0 is kept, not said again
    row = get(settings, nid)
    assert row.status == "processing" and row.chunks_done == 1
    assert row.chunks_total == len(plan["chunk_keys"]) > pipeline.HEAD_PARAGRAPHS
    assert {name for name, _, _ in sent} == {RENDER_CHUNK}
    assert min(args[1] for _, args, _ in sent) == 1
    # A second delivery of plan_rest (its worker died after the work) finds it at work.
    sent.clear()
    render.plan_rest(ctx, nid)
    assert sent == []
    ctx.db.dispose()


def test_a_long_article_alone_is_planned_whole_in_its_first_task(settings):
    """Nobody else's first sentence waits: the rest runs at once, no task of its own (which
    would wait for a free process while the listener's first sentence plays)."""
    sent: list = []
    ctx = make_context(settings, sent)
    nid = create_narration(settings, article_text(pipeline.HEAD_PARAGRAPHS + 6, "alone"))
    with ctx.db.session() as s:  # its own first task does not count
        ledger.record_sent(s, nid, NARRATE, [nid], LIVE, 0)
    assert render.speak_first(ctx, nid, may_defer=True) is not None
    assert sent == []
    render.start_narration(ctx, nid, may_defer=True)
    assert PLAN_REST not in {name for name, _, _ in sent}
    assert get(settings, nid).status == "processing"
    assert not ctx.storage.exists(layout.narration_key(nid, layout.FIRST))
    ctx.db.dispose()


def test_a_redelivered_long_article_goes_on_past_its_own_heartbeat(settings, monkeypatch):
    """narrate delivered again for a narration already processing (its worker was killed): the
    heartbeat it keeps while speaking the first sentence is its own, and the rest follows in
    the same task. (A beat during a slow first sentence used to stop it there, nothing sent.)"""
    sent: list = []
    ctx = make_context(settings, sent)
    nid = create_narration(settings, article_text(pipeline.HEAD_PARAGRAPHS + 6, "again"))
    set_row(ctx, nid, status="processing", heartbeat_at=None)
    spoken = speaking.speak_head

    def speak_head_beating(*args, **kwargs):  # type: ignore[no-untyped-def]
        done = spoken(*args, **kwargs)
        with ctx.db.session() as s:  # what the heartbeat thread does on a busy core
            repo.touch(s, nid)
        return done

    monkeypatch.setattr(speaking, "speak_head", speak_head_beating)
    render.start_narration(ctx, nid, may_defer=True)
    assert {name for name, _, _ in sent} == {RENDER_CHUNK}
    assert ctx.storage.exists(layout.narration_key(nid, layout.PLAN))
    ctx.db.dispose()


def test_a_streamed_narrations_next_chunk_goes_alone_and_runs_keep_to_one_deadline(
    settings, monkeypatch
):
    """espeak renders runs of paragraphs per task, but the chunk a listener needs within
    seconds is a task of its own (a run would hold a process for a second while others'
    next sentences wait), and no run mixes deadlines. Nobody listening: runs as before."""
    sends: list = []

    def send(name, args, queue, task_id=None, priority=None):  # type: ignore[no-untyped-def]
        sends.append((args[1], args[2], priority))

    ctx = make_context(settings, [])
    ctx = Context(settings=ctx.settings, db=ctx.db, storage=ctx.storage, send=send)
    text = article_text(24, "streamed")
    listened, unheard = (create_narration(settings, text, voice="en-us") for _ in range(2))
    now = utcnow()
    set_row(ctx, listened, listened_at=now)
    monkeypatch.setattr(render, "utcnow", lambda: now)  # the deadlines as of the press
    render.start_narration(ctx, listened)
    script, plan = render._load_plan(ctx, listened)
    offsets = chunks.chunk_offsets(script, plan)
    first, count, priority = min(sends)
    assert (first, count) == (1, 1) and schedule.is_urgent(priority)
    for first, count, priority in sends:
        bands = {
            schedule.chunk("interactive", offsets[i], now, now).priority
            for i in range(first, first + count)
        }
        assert bands == {priority}, (first, count, bands)
    assert max(count for _, count, _ in sends) > 1  # the rest still goes in runs
    covered = sorted(i for first, count, _ in sends for i in range(first, first + count))
    assert covered == list(range(1, len(plan.chunks)))

    sends.clear()
    render.start_narration(ctx, unheard)
    batches = chunks.chunk_batches(
        script, plan, list(range(1, len(plan.chunks))), chunks.BATCH_CHARS["espeak"]
    )
    assert sorted((first, count) for first, count, _ in sends) == batches
    ctx.db.dispose()


def test_a_short_articles_first_task_starts_its_chunks_too(settings):
    """An article planned whole for its first sentence is not handed on: the rest is a few
    cache checks and sends."""
    sent: list = []
    ctx = make_context(settings, sent)
    nid = create_narration(settings, article_text(3, "short"))
    assert render.speak_first(ctx, nid, may_defer=True) is None
    assert {name for name, _, _ in sent} == {RENDER_CHUNK}
    assert get(settings, nid).status == "processing"
    assert not ctx.storage.exists(layout.narration_key(nid, layout.FIRST))
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
    render.start_narration(ctx, nid)
    assert sent[0][0] == RENDER_CHUNK and sent[0][1][1] == 0  # sent on, from chunk 0
    assert get(settings, nid).chunks_done == 0
    monkeypatch.setattr(pipeline, "render_chunk", real)
    for _, args, _ in list(sent):
        render.render_chunks(ctx, *args)
    assert get(settings, nid).chunks_done == len(
        json.loads(ctx.storage.get_bytes(layout.narration_key(nid, layout.PLAN)))["chunk_keys"]
    )
    ctx.db.dispose()


def test_narrate_reads_the_lexicon_version_the_narration_keeps(settings):
    """The worker reads the entries by the narration's lexicon id (not whatever is in force
    now), and paces by the article read without them, so unchanged paragraphs keep their keys."""
    sent: list = []
    ctx = make_context(settings, sent)
    text = article_text(3, "lexicon") + "\n\nXiaomi made it, and Xiaomi sold it."
    plain_id = create_narration(settings, text, voice="fake")
    nid = create_narration(settings, text, voice="fake")
    with ctx.db.session() as s:
        first, _ = repo.save_lexicon(s, "", "Xiaomi = Shau-mee\n", entries=1, digest="d1")
        repo.save_lexicon(s, "", "Xiaomi = Zow-mee\n", entries=1, digest="d2")
        first_id = first.id
    set_row(ctx, nid, lexicon_id=first_id)
    render.start_narration(ctx, plain_id)
    render.start_narration(ctx, nid)
    script, plan = render._load_plan(ctx, nid)
    assert script.sentences[-1].text == "Shau-mee made it, and Shau-mee sold it."  # version 1
    plain_script, plain_plan = render._load_plan(ctx, plain_id)
    assert plan.pace == plain_plan.pace and plan.chunks == plain_plan.chunks
    differ = [
        i
        for i in range(len(plan.chunks))
        if chunks.chunk_key(script, plan, i) != chunks.chunk_key(plain_script, plain_plan, i)
    ]
    assert differ == [len(plan.chunks) - 1]  # only the paragraph that says the name
    # Paced by its own (respelled) text, the keys of every chunk would have moved.
    own = pipeline.plan(script, "fake", 1.0, chunk_chars=settings.chunk_chars)
    assert own.pace != plan.pace
    ctx.db.dispose()


def test_narrate_fails_clearly_when_its_lexicon_is_gone(settings):
    sent: list = []
    ctx = make_context(settings, sent)
    nid = create_narration(settings, article_text(2, "gone"), voice="fake")
    set_row(ctx, nid, lexicon_id="lex_missing")
    try:
        render.start_narration(ctx, nid)
    except errors.InputError as e:
        assert "lex_missing" in str(e)
    else:
        raise AssertionError("a narration whose lexicon is gone must fail, not read without it")
    ctx.db.dispose()


def test_an_edited_article_keeps_its_earlier_version_s_pace(settings):
    """A narration naming an earlier version (an edited feed entry) is planned at that
    version's pace when close, so only the edited paragraph's chunk key moves; with the
    earlier plan gone (its narration deleted) it is paced afresh."""
    sent: list = []
    ctx = make_context(settings, sent)
    text = article_text(4, "edited")
    paragraphs = text.split("\n\n")
    paragraphs[2] = paragraphs[2].replace(" ", " very ", 1)  # one word more
    edited = "\n\n".join(paragraphs)
    first_id = create_narration(settings, text)
    render.start_narration(ctx, first_id)
    for name, args, _ in list(sent):
        if name == RENDER_CHUNK:
            render.render_chunks(ctx, *args)
    first_script, first_plan = render._load_plan(ctx, first_id)
    assert get(settings, first_id).chunks_done == len(first_plan.chunks)

    fresh_id = create_narration(settings, edited)
    render.start_narration(ctx, fresh_id)
    script, fresh = render._load_plan(ctx, fresh_id)
    assert fresh.pace != first_plan.pace  # the fake voice's pace is continuous: every key moves

    nid = create_narration(settings, edited)
    set_row(ctx, nid, earlier_id=first_id)
    render.start_narration(ctx, nid)
    script, plan = render._load_plan(ctx, nid)
    assert plan.pace == first_plan.pace and plan.chunks == first_plan.chunks
    before = {chunks.chunk_key(first_script, first_plan, i) for i in range(len(plan.chunks))}
    moved = [i for i in range(len(plan.chunks)) if chunks.chunk_key(script, plan, i) not in before]
    assert len(moved) == 1 and "very" in script.sentences[plan.chunks[moved[0]][0]].text
    # Chunks already in the cache count as done without rendering: all but the edited one.
    assert get(settings, nid).chunks_done == len(plan.chunks) - 1

    ctx.storage.delete_prefix(layout.narration_prefix(first_id).rstrip("/"))
    again_id = create_narration(settings, edited)
    set_row(ctx, again_id, earlier_id=first_id)
    render.start_narration(ctx, again_id)
    assert render._load_plan(ctx, again_id)[1].pace == fresh.pace
    ctx.db.dispose()
