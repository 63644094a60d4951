"""The worker stages of one narration, as functions of (context, narration id).

Celery tasks (workers/tasks.py) are thin wrappers around these; nothing here imports Celery.
The flow, and what makes each step safe to run twice:

    start_narration(id)      queued|processing -> processing; writes plan.json (deterministic);
                             renders chunk 0 itself; cached chunks count as done; sends
                             RENDER_CHUNK for runs of the others (a few paragraphs each)
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

import functools
import hashlib
import logging
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from narrator import errors, owners, pipeline
from narrator.context import Context
from narrator.contract import ASSEMBLE, RENDER_CHUNK, queue_or_default
from narrator.recovery.leases import heartbeat, owned_elsewhere
from narrator.speech import piper, voices
from narrator.speech.engine import Audio
from narrator.store import layout, ledger, repo
from narrator.store.models import ACTIVE, Narration
from narrator.text.article import Article, Script

log = logging.getLogger(__name__)

# Characters of text per render task, by engine (see chunk_batches). espeak reads a paragraph
# in about 20 ms, less than a task's hop and bookkeeping; piper takes a second or more, where
# the hop is noise and one paragraph per task spreads best over the workers (0: no batching).
BATCH_CHARS = {"espeak": 1500}


# --- chunks: their keys and files -------------------------------------------------------------


def chunk_key(script: Script, plan: pipeline.Plan, index: int) -> str:
    """The cache key of chunk `index`: its sentences, voice, pace, engine and pauses.

    Chunks end at paragraph ends, so an unchanged paragraph of an edited article keeps its key.
    """
    start, end = plan.chunks[index]
    return repo.chunk_cache_key(
        [s.text for s in script.sentences[start:end]],
        voice=plan.voice,
        pace=plan.pace,
        pauses_ms=pipeline.pauses_after(script, plan, index),
        engine=plan.engine,
        engine_version=plan.engine_version,
    )


def chunk_keys(script: Script, plan: pipeline.Plan) -> list[str]:
    """Storage keys of every chunk, in play order."""
    return [layout.chunk_key(chunk_key(script, plan, i)) for i in range(len(plan.chunks))]


def pack_chunk(chunk: pipeline.Chunk) -> bytes:
    return layout.pack_chunk(chunk.audio.sample_rate, chunk.sentence_ms, chunk.audio.pcm)


def unpack_chunk(data: bytes) -> pipeline.Chunk:
    stored = layout.unpack_chunk(data)
    return pipeline.Chunk(Audio(stored.pcm, stored.sample_rate), stored.sentence_ms)


def pack_plan(script: Script, plan: pipeline.Plan) -> bytes:
    return layout.pack_plan(script, plan, chunk_keys(script, plan))


def unpack_plan(data: bytes) -> tuple[Script, pipeline.Plan]:
    stored = layout.unpack_plan(data)
    return stored.script, pipeline.Plan(**stored.plan)


def first_chunk_alone(plan: pipeline.Plan) -> pipeline.Plan:
    """Split the first sentence (usually the title line) off chunk 0: the first audio is short.

    Only the first paragraph's cache key changes; every later chunk keeps its key.
    """
    if not plan.chunks or plan.chunks[0][1] - plan.chunks[0][0] <= 1:
        return plan
    start, end = plan.chunks[0]
    return replace(plan, chunks=[(start, start + 1), (start + 1, end), *plan.chunks[1:]])


def chunk_batches(
    script: Script, plan: pipeline.Plan, indexes: list[int], batch_chars: int
) -> list[tuple[int, int]]:
    """(first, count): runs of consecutive `indexes` of about `batch_chars` characters each.

    A chunk is a paragraph (the cache unit, so an edited article re-renders only the changed
    paragraphs); a task renders a run of them, so a 1000-word espeak article is a handful of
    tasks, not one per paragraph each paying a broker hop, database reads and the plan's
    decoding for 20 ms of speech. batch_chars 0: one chunk per task.
    """
    batches: list[tuple[int, int]] = []
    size = 0
    for index in indexes:
        start, end = plan.chunks[index]
        chars = sum(len(s.text) for s in script.sentences[start:end])
        if batches and size < batch_chars and sum(batches[-1]) == index:
            batches[-1] = (batches[-1][0], batches[-1][1] + 1)
            size += chars
        else:
            batches.append((index, 1))
            size = chars
    return batches


# --- reading and writing what the stages share ------------------------------------------------


def _load(ctx: Context, narration_id: str) -> Narration | None:
    with ctx.session() as s:
        narration = repo.get_narration(s, narration_id)
        if narration is not None:
            s.expunge(narration)
        return narration


def _live(narration: Narration | None) -> bool:
    return narration is not None and narration.status in ACTIVE


def _article_of(ctx: Context, narration: Narration) -> Article:
    with ctx.session() as s:
        row = repo.get_article(s, narration.article_id)
        if row is None:
            raise errors.InputError("the article of this narration no longer exists")
        source, kind, title, author = row.source, row.source_kind, row.title, row.author
    return pipeline.read(source.encode("utf-8"), kind=str(kind), title=title, author=author)


def _load_plan(ctx: Context, narration_id: str) -> tuple[Script, pipeline.Plan]:
    return unpack_plan(ctx.storage.get_bytes(layout.narration_key(narration_id, layout.PLAN)))


def _cached(ctx: Context, cache_key: str) -> bool:
    with ctx.session() as s:
        row = repo.get_chunk(s, cache_key)
    return row is not None and ctx.storage.exists(layout.chunk_key(cache_key))


def _render_and_store(ctx: Context, script: Script, plan: pipeline.Plan, index: int) -> str:
    key = chunk_key(script, plan, index)
    if _cached(ctx, key):
        return key
    chunk = pipeline.render_chunk(script, plan, index)
    # Content-addressed and atomic: a duplicate render writes the same bytes to the same key.
    ctx.storage.put_bytes(layout.chunk_key(key), pack_chunk(chunk))
    with ctx.session() as s:
        repo.put_chunk(
            s,
            key,
            audio_key=layout.chunk_key(key),
            sample_rate=chunk.audio.sample_rate,
            duration_ms=round(chunk.audio.duration_s * 1000),
            sentence_ms=chunk.sentence_ms,
        )
    return key


def send_tracked(
    ctx: Context, narration_id: str, name: str, arg_lists: list[list[Any]], queue: str
) -> None:
    """Record the tasks in the ledger, then send them under the ids it gave them."""
    with ctx.session() as s:
        sent = [ledger.record_sent(s, narration_id, name, args, queue) for args in arg_lists]
    for task in sent:
        task.send(ctx.send)


def _chunk_done(ctx: Context, narration_id: str, index: int, queue: str) -> None:
    """Count chunk `index` (once, however often it is done); the call that completes the set
    sends assembly, once."""
    with ctx.session() as s:
        progress = ledger.mark_chunk_done(s, narration_id, index)
    if progress is None:  # finished, failed or deleted meanwhile
        return
    if progress.done >= progress.total:
        with ctx.session() as s:
            claimed = repo.claim_assembly(s, narration_id)
        if claimed:
            send_tracked(ctx, narration_id, ASSEMBLE, [[narration_id]], queue)


def _remove_files(ctx: Context, narration_id: str) -> None:
    ctx.storage.delete_prefix(layout.narration_prefix(narration_id).rstrip("/"))


# --- stages -----------------------------------------------------------------------------------


def start_narration(ctx: Context, narration_id: str, *, queue: str | None = None) -> None:
    """Prepare the script, plan chunks, reuse cached ones and send the rest to render."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration) or owned_elsewhere(ctx, narration):
        log.info("narrate %s: nothing to do (%s)", narration_id, narration and narration.status)
        return
    queue = queue or queue_or_default(narration.queue)
    with heartbeat(ctx, narration_id):
        script = pipeline.prepare(_article_of(ctx, narration))
        if not script.sentences:
            raise errors.EmptyArticle("nothing to read: the article has no sentences")
        plan = first_chunk_alone(
            pipeline.plan(
                script, narration.voice, narration.speed, chunk_chars=ctx.settings.chunk_chars
            )
        )
        ctx.storage.put_bytes(
            layout.narration_key(narration_id, layout.PLAN), pack_plan(script, plan)
        )
        # Chunk 0, one sentence, is rendered right here and before anything else: a listener's
        # stream is waiting on it, and the sends and cache checks below take longer (20-30 ms)
        # than espeak takes to speak it. No broker round trip before the first audio.
        first_failed = False
        try:
            _render_and_store(ctx, script, plan, 0)
        except errors.InputError:
            raise
        except Exception:  # a retry of narrate would find itself "owned elsewhere": hand it on
            log.warning("narrate %s: chunk 0 failed, sending it", narration_id, exc_info=True)
            first_failed = True
        with ctx.session() as s:
            live = repo.mark_processing(s, narration_id, len(plan.chunks))
        if not live:
            log.info("narrate %s: no longer live, stopping", narration_id)
            if _load(ctx, narration_id) is None:
                _remove_files(ctx, narration_id)  # deleted while we planned: an orphan plan
            return
        pending = [0] if first_failed else []
        for index in range(1, len(plan.chunks)):
            if _cached(ctx, chunk_key(script, plan, index)):
                _chunk_done(ctx, narration_id, index, queue)
            else:
                pending.append(index)
        batch_chars = BATCH_CHARS.get(plan.engine, 0)
        batches = chunk_batches(script, plan, pending, batch_chars)
        send_tracked(
            ctx, narration_id, RENDER_CHUNK, [[narration_id, i, n] for i, n in batches], queue
        )
        if first_failed:
            return
    _chunk_done(ctx, narration_id, 0, queue)


def render_chunks(
    ctx: Context, narration_id: str, index: int, count: int = 1, *, queue: str | None = None
) -> None:
    """Render chunks index .. index + count - 1, each stored and counted as it is done."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration):
        return
    queue = queue or queue_or_default(narration.queue)
    with heartbeat(ctx, narration_id):
        script, plan = _load_plan(ctx, narration_id)
        for i in range(index, index + max(1, count)):
            if not 0 <= i < len(plan.chunks):
                log.warning("render_chunks %s: no chunk %d, ignoring", narration_id, i)
                return
            _render_and_store(ctx, script, plan, i)
            _chunk_done(ctx, narration_id, i, queue)


def _load_chunks(
    ctx: Context, narration_id: str, script: Script, plan: pipeline.Plan
) -> list[pipeline.Chunk]:
    chunks = []
    for index in range(len(plan.chunks)):
        key = chunk_key(script, plan, index)
        try:
            data = ctx.storage.get_bytes(layout.chunk_key(key))
        except errors.NotFound:
            # Over-counted (a duplicate delivery) or evicted: render it here, never hang.
            log.warning("assemble %s: chunk %d missing, rendering it", narration_id, index)
            key = _render_and_store(ctx, script, plan, index)
            data = ctx.storage.get_bytes(layout.chunk_key(key))
        chunks.append(unpack_chunk(data))
    return chunks


def assemble_narration(ctx: Context, narration_id: str) -> None:
    """One audio file, timings, captions and script under narrations/<id>/, then ready."""
    narration = _load(ctx, narration_id)
    if narration is None or not _live(narration):
        return
    fmt = narration.format
    key = functools.partial(layout.narration_key, narration_id)
    with heartbeat(ctx, narration_id):
        script, plan = _load_plan(ctx, narration_id)
        chunks = _load_chunks(ctx, narration_id, script, plan)
        with tempfile.TemporaryDirectory(prefix=f"narrator-assemble-{owners.tag()}-") as tmp:
            out = Path(tmp) / layout.audio_name(fmt)
            result = pipeline.assemble(script, plan, chunks, out, fmt)
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


def warm_up() -> None:
    """Start the engines now, so the first sentence of the first narration is not a cold start.

    Call it in a worker process before it takes a task: the engine objects are made here, in the
    calling thread (two threads must never race to create one). piper's model then loads in a
    thread (about 0.5 s, plus a first run that warms ONNX), so a slow load never trips the
    pool's start-up timeout; a task that needs piper meanwhile waits on the engine's lock.
    """
    try:
        voices.get_engine("espeak").synthesize("Ready.", "en-us")
        # The text stages' first run loads their tables and the pace calibration (~0.4 s).
        script = pipeline.prepare(pipeline.read(b"Warm up. The first narration is fast.\n"))
        pipeline.plan(script, "en-us", 1.0)
        if not piper.available():
            return
        engine = voices.get_engine("piper")
    except Exception:  # warming is an optimization; the first task loads lazily instead
        log.warning("could not warm the voices", exc_info=True)
        return

    def load() -> None:
        try:
            engine.synthesize("Ready.", piper.VOICE_ID)
        except Exception:
            log.warning("could not warm the piper voice", exc_info=True)

    threading.Thread(target=load, name="narrator-warm-piper", daemon=True).start()
