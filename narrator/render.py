"""The worker stages of one narration, as functions of (context, narration id).

Celery tasks (workers/tasks.py) are thin wrappers around these; nothing here imports Celery.
The flow, and what makes each step safe to run twice:

    speak_first(id)          (narrate) the first sentence: a short article planned whole
                             (plan.json: deterministic, at the pace of the earlier version's
                             plan.json when close), chunk 0 rendered and stored, then its
                             chunks started (below). A long article's head only (first.json),
                             then plan_rest, here or (other first sentences waiting) as
                             PLAN_REST behind them
    plan_rest(id)            a long article planned whole (plan.json, its chunk 0 kept), then
                             its chunks started: queued|processing -> processing; cached
                             chunks count as done; RENDER_CHUNK for runs of the others
    render_chunks(id, i, n)  chunks i..i+n-1, each: speech -> chunks/<cache key>.pcm (content-
                             addressed, atomic), then added to the narration's set of chunks
                             done; the call that completes the set claims assembly
    assemble_narration(id)   chunks -> audio/timings/captions/script under narrations/<id>/
                             (fixed keys, atomic puts); ready only from processing; re-renders a
                             missing chunk

Every task is sent through the task ledger (narrator.store.ledger: a row, then the message under
the row's id), so the reaper (narrator.recovery) can tell a task waiting behind others from one
that is lost. Completion is a set of chunks done in the database, not a Celery chord: a chord
needs a result backend and its counter lives in the broker, so a worker killed between a chunk
and its ack can leave the chord waiting forever. Here a duplicate delivery counts nothing twice
(and renders nothing twice: the chunk is a cache hit).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import logging
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from narrator import chunks, errors, owners, pipeline, reading, schedule, speaking
from narrator.context import Context
from narrator.contract import ASSEMBLE, NARRATE, PLAN_REST, RENDER_CHUNK, queue_or_default
from narrator.recovery.leases import heartbeat, holder_tag, owned_elsewhere
from narrator.store import layout, ledger, progress, repo
from narrator.store.models import ACTIVE, Narration, Status, utcnow
from narrator.text.article import Article, Script
from narrator.text.lexicon import Lexicon

log = logging.getLogger(__name__)

# --- reading and writing what the stages share ------------------------------------------------


def _load(ctx: Context, narration_id: str) -> Narration | None:
    with ctx.session() as s:
        narration = repo.get_narration(s, narration_id)
        if narration is not None:
            s.expunge(narration)
        return narration


def _live(narration: Narration | None) -> bool:
    return narration is not None and narration.status in ACTIVE


_load_plan = reading.load_plan  # the name its callers and tests use


def send_tracked(
    ctx: Context, narration_id: str, name: str, sends: list[tuple[list[Any], schedule.Route]]
) -> None:
    """Record the tasks in the ledger, then send them under the ids it gave them.

    The most urgent first: a free worker may take the first message before the last is sent.
    """
    sends = sorted(sends, key=lambda send: send[1].priority)
    with ctx.session() as s:
        sent = [
            ledger.record_sent(s, narration_id, name, args, route.queue, route.priority)
            for args, route in sends
        ]
    for task in sent:
        task.send(ctx.send)


def _send_chunks(
    ctx: Context,
    narration: Narration,
    script: Script,
    plan: pipeline.Plan,
    indexes: list[int],
    listened_at: datetime | None,
) -> None:
    """RENDER_CHUNK for runs of `indexes`, each routed by when its chunks are needed.

    A run never mixes deadlines, and a chunk due within seconds goes alone: a run of
    paragraphs holds a process for a second (ten listeners pressing play at once queued ten
    such runs, and the last one's second sentence came 4 s late)."""
    queue = queue_or_default(narration.queue)
    offsets, now = chunks.chunk_offsets(script, plan), utcnow()
    batch_chars = chunks.BATCH_CHARS.get(plan.engine, 0)
    routed = [(i, schedule.chunk(queue, offsets[i], listened_at, now)) for i in indexes]
    sends: list[tuple[list[Any], schedule.Route]] = []
    for route, run in itertools.groupby(routed, key=lambda routed_index: routed_index[1]):
        size = 0 if schedule.is_urgent(route.priority) else batch_chars
        run_indexes = [i for i, _ in run]
        batches = chunks.chunk_batches(script, plan, run_indexes, size)
        sends += [([narration.id, i, n], route) for i, n in batches]
    send_tracked(ctx, narration.id, RENDER_CHUNK, sends)


def _chunk_done(
    ctx: Context, narration_id: str, index: int, queue: str, *, key: str, share: float
) -> None:
    """Count chunk `index` (cache key `key`, `share` of the script) once, however often it is
    done; the call that completes the set sends assembly, once."""
    with ctx.session() as s:
        cached = repo.get_chunk(s, key)
        audio_ms = None if cached is None else cached.duration_ms
        counted = progress.mark_chunk_done(s, narration_id, index, audio_ms=audio_ms, share=share)
    if counted is None:  # finished, failed or deleted meanwhile
        return
    if counted.done >= counted.total:
        with ctx.session() as s:
            claimed = repo.claim_assembly(s, narration_id)
        if claimed:
            route = schedule.assembly(queue)
            send_tracked(ctx, narration_id, ASSEMBLE, [([narration_id], route)])


def _remove_files(ctx: Context, narration_id: str) -> None:
    ctx.storage.delete_prefix(layout.narration_prefix(narration_id).rstrip("/"))


# --- stages -----------------------------------------------------------------------------------


def start_narration(ctx: Context, narration_id: str, *, may_defer: bool = False) -> None:
    """narrate: the first sentence (speak_first), then the rest (plan_rest) here or, with
    `may_defer`, for a long article while other narrations' first sentences wait, as a task
    of its own behind them."""
    read = speak_first(ctx, narration_id, may_defer=may_defer)
    if read is not None:
        # The same delivery goes on: the heartbeat it kept while speaking is its own, no sign
        # of another at work (a re-delivered narration, processing, would otherwise stop here
        # with nothing sent, and wait for the reaper's orphan sweep).
        narration = _load(ctx, narration_id)
        if narration is not None and _live(narration):
            _plan_and_start(ctx, narration, read)


def speak_first(ctx: Context, narration_id: str, *, may_defer: bool = False) -> reading.Read | None:
    """A narration's first sentence, spoken before anything else (a listener may be pressing
    play), its chunk 0 stored. A short article is planned whole for it, and its chunks are
    started right after. Of a long one only the head is planned (pipeline.head); planning
    the whole is left to plan_rest. With `may_defer` and other narrations' first sentences
    waiting, that goes back to the queue as PLAN_REST, behind them: ten listeners pressing
    play at once hear ten first sentences before a long article is planned whole (7,000
    words take most of a second, more on a busy core). Alone, it runs here at once: a
    task of its own would wait for a free process, and the stream for its next sentences.

    What it read: plan_rest is still to do here, on that; None: sent, done, or nothing to do
    (finished, deleted, or at work elsewhere)."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration) or owned_elsewhere(ctx, narration):
        log.info("narrate %s: nothing to do (%s)", narration_id, narration and narration.status)
        return None
    with heartbeat(ctx, narration_id):
        read = reading.read(ctx, narration)
        article, lexicon, earlier = read
        if speaking.speak_head(ctx, narration, article, lexicon, earlier):
            if not (may_defer and _first_sentences_waiting(ctx, narration_id)):
                return read
            route = schedule.rest(queue_or_default(narration.queue))
            send_tracked(ctx, narration_id, PLAN_REST, [([narration_id], route)])
            return None
        script, plan = _planned_whole(ctx, narration, article, lexicon, earlier)
        ctx.storage.put_bytes(
            layout.narration_key(narration_id, layout.PLAN), chunks.pack_plan(script, plan)
        )
        # Chunk 0, one sentence, right after plan.json: a listener's stream waits on both, and
        # the cache checks and sends below take longer (20-30 ms) than espeak takes to say it.
        try:
            speaking.render_and_store(ctx, script, plan, 0)
        except errors.InputError:
            raise
        except Exception:  # a retry of narrate would find itself "owned elsewhere": send it
            log.warning("narrate %s: chunk 0 failed, sending it", narration_id, exc_info=True)
        _start_chunks(ctx, narration, script, plan)
    return None


def _first_sentences_waiting(ctx: Context, narration_id: str) -> bool:
    """Are other narrations' first tasks waiting for a process (sent, not yet taken)?"""
    with ctx.session() as s:
        return (
            ledger.waiting(
                s, NARRATE, priority_at_most=schedule.START_PRIORITY, besides=narration_id
            )
            > 0
        )


def plan_rest(ctx: Context, narration_id: str) -> None:
    """The rest of a long article's narrate once its first sentence is spoken: the whole
    article planned (plan.json, keeping that chunk 0), then its chunks started."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration) or owned_elsewhere(ctx, narration):
        log.info("plan %s: nothing to do (%s)", narration_id, narration and narration.status)
        return
    _plan_and_start(ctx, narration)


def _plan_and_start(ctx: Context, narration: Narration, read: reading.Read | None = None) -> None:
    with heartbeat(ctx, narration.id):
        script, plan = _whole_plan(ctx, narration, read)
        _start_chunks(ctx, narration, script, plan)


def _start_chunks(ctx: Context, narration: Narration, script: Script, plan: pipeline.Plan) -> None:
    """Mark the narration processing, count the chunks in the cache as done and send
    RENDER_CHUNK for runs of the others (a few paragraphs each)."""
    with ctx.session() as s:
        live = repo.mark_processing(s, narration.id, len(plan.chunks))
    if not live:
        log.info("narrate %s: no longer live, stopping", narration.id)
        if _load(ctx, narration.id) is None:
            _remove_files(ctx, narration.id)  # deleted while we planned: an orphan plan
        return
    keys = [chunks.chunk_key(script, plan, i) for i in range(len(plan.chunks))]
    hits = speaking.cached_of(ctx, keys)
    pending = [i for i, key in enumerate(keys) if key not in hits]
    # Read after mark_processing: a stream that began before it finds this narration
    # queued and leaves the deadlines to us (narrator.listening.start_listening).
    _send_chunks(ctx, narration, script, plan, pending, _listened_at(ctx, narration.id))
    queue = queue_or_default(narration.queue)
    shares = chunks.chunk_shares(script, plan)
    for index, key in enumerate(keys):
        if key in hits:
            _chunk_done(ctx, narration.id, index, queue, key=key, share=shares[index])


def _planned_whole(
    ctx: Context,
    narration: Narration,
    article: Article,
    lexicon: Lexicon | None,
    earlier: pipeline.Plan | None,
) -> tuple[Script, pipeline.Plan]:
    planned = speaking.planned(ctx, narration, article, lexicon, earlier)
    if planned is None:
        raise errors.EmptyArticle("nothing to read: the article has no sentences")
    return planned


def _whole_plan(
    ctx: Context, narration: Narration, read: reading.Read | None = None
) -> tuple[Script, pipeline.Plan]:
    """plan.json as speak_first wrote it, or, after a long article's head (first.json), the
    whole article planned and written as plan.json, keeping the head's chunk 0. `read`: its
    inputs, when the head's task read them already."""
    pace = speaking.first_pace(ctx, narration.id)
    if pace is None:
        with contextlib.suppress(errors.NotFound):
            return _load_plan(ctx, narration.id)
    article, lexicon, earlier = read or reading.read(ctx, narration)
    script, plan = _planned_whole(ctx, narration, article, lexicon, earlier)
    if pace is not None:
        # A stream may have begun on first.json, its encoder set to no tempo filter (a head
        # is only spoken when its engine reaches the pace alone): the stream keeps that
        # (the final file measures and decides for itself).
        plan = replace(plan, first_pace=pace, expected_tempo=1.0)
    ctx.storage.put_bytes(
        layout.narration_key(narration.id, layout.PLAN), chunks.pack_plan(script, plan)
    )
    if pace is not None:  # a stream prefers plan.json: the head's stand-in is done
        ctx.storage.delete(layout.narration_key(narration.id, layout.FIRST))
    return script, plan


def listen(ctx: Context, narration_id: str) -> None:
    """Someone started streaming a narration whose work was sent for the gaps: send what is
    left by its deadlines (the earlier messages still come, and find their chunks done)."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration):
        return
    if narration.status == Status.QUEUED:  # its first task waits behind others: do it now
        start_narration(ctx, narration_id)
        return
    with ctx.session() as s:
        tasks = ledger.tasks_of(s, narration_id)
        done = progress.chunk_indexes_done(s, narration_id)
        held = ledger.held_chunks(s, narration_id, RENDER_CHUNK)
    gaps = [t for t in tasks if t.name == RENDER_CHUNK and not schedule.is_deadline(t.priority)]
    if not gaps:
        return  # nothing sent for the gaps: it already renders by deadlines (or assembles)
    script, plan = _load_plan(ctx, narration_id)
    left = [i for i in range(len(plan.chunks)) if i not in done and i not in held]
    _send_chunks(ctx, narration, script, plan, left, _listened_at(ctx, narration_id))


def _listened_at(ctx: Context, narration_id: str) -> datetime | None:
    with ctx.session() as s:
        return repo.listened_at(s, narration_id)


def render_chunks(ctx: Context, narration_id: str, index: int, count: int = 1) -> None:
    """Render chunks index .. index + count - 1, each stored and counted as it is done."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration):
        return
    queue = queue_or_default(narration.queue)
    with heartbeat(ctx, narration_id):
        script, plan = _load_plan(ctx, narration_id)
        with ctx.session() as s:
            # A chunk sent twice (a stream hurried it) may be in another process's hands now,
            # started first: that one renders and counts it; here it would only cost a core.
            elsewhere = ledger.held_chunks(s, narration_id, RENDER_CHUNK, besides=holder_tag())
        shares = chunks.chunk_shares(script, plan)
        for i in range(index, index + max(1, count)):
            if not 0 <= i < len(plan.chunks):
                log.warning("render_chunks %s: no chunk %d, ignoring", narration_id, i)
                return
            if i in elsewhere:
                continue
            key = speaking.render_and_store(ctx, script, plan, i)
            _chunk_done(ctx, narration_id, i, queue, key=key, share=shares[i])


def _load_chunks(
    ctx: Context, narration_id: str, script: Script, plan: pipeline.Plan
) -> list[pipeline.Chunk]:
    loaded = []
    for index in range(len(plan.chunks)):
        key = chunks.chunk_key(script, plan, index)
        try:
            data = ctx.storage.get_bytes(layout.chunk_key(key))
        except errors.NotFound:
            # Over-counted (a duplicate delivery) or evicted: render it here, never hang.
            log.warning("assemble %s: chunk %d missing, rendering it", narration_id, index)
            key = speaking.render_and_store(ctx, script, plan, index)
            data = ctx.storage.get_bytes(layout.chunk_key(key))
        loaded.append(chunks.unpack_chunk(data))
    return loaded


def assemble_narration(ctx: Context, narration_id: str) -> None:
    """One audio file, timings, captions and script under narrations/<id>/, then ready."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration):
        return
    fmt = narration.format
    key = functools.partial(layout.narration_key, narration_id)
    with heartbeat(ctx, narration_id):
        script, plan = _load_plan(ctx, narration_id)
        rendered = _load_chunks(ctx, narration_id, script, plan)
        with tempfile.TemporaryDirectory(prefix=f"narrator-assemble-{owners.tag()}-") as tmp:
            out = Path(tmp) / layout.audio_name(fmt)
            result = pipeline.assemble(script, plan, rendered, out, fmt)
            audio_bytes = out.read_bytes()
            # Fixed keys and atomic puts: a second assembly replaces whole files, never halves;
            # the audio goes last, so a ready narration's companions are always there.
            ctx.storage.put_file(key(layout.TIMINGS), Path(result.timings), "application/json")
            ctx.storage.put_file(key(layout.CAPTIONS), Path(result.captions), "text/vtt")
            ctx.storage.put_bytes(
                key(layout.SCRIPT), script.text.encode(), "text/plain; charset=utf-8"
            )
            ctx.storage.put_file(key(layout.audio_name(fmt)), out, layout.CONTENT_TYPES.get(fmt))
        try:
            with ctx.session() as s:
                repo.mark_ready(
                    s,
                    narration_id,
                    audio_key=key(layout.audio_name(fmt)),
                    timings_key=key(layout.TIMINGS),
                    captions_key=key(layout.CAPTIONS),
                    duration_s=result.duration_s,
                    words=result.words,
                    wpm=result.wpm,
                    lufs=result.lufs,
                    etag=hashlib.sha256(audio_bytes).hexdigest()[:32],
                    size_bytes=len(audio_bytes),
                )
        except errors.NotFound:
            # Deleted while we assembled: remove what we wrote, or it would never be collected.
            _remove_files(ctx, narration_id)
            log.info("assemble %s: narration was deleted, files removed", narration_id)
