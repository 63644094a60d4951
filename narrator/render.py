"""Worker-side orchestration of one narration: the stages as functions of (narration id, context).

Celery tasks (workers/tasks.py) are thin wrappers around these; a batch command can call them
directly with a `send` that runs the next stage inline. Nothing here imports Celery.

The flow, and what makes each step safe to run twice:

    narrate(id)        queued|processing -> processing; writes plan.json (deterministic);
                       cached chunks count as done; sends render_chunk(id, i, n) for runs of
                       the others (a few paragraphs each, see chunk_batches)
    render_chunk(id,i,n) chunks i..i+n-1, each: speech -> chunks/<cache key>.pcm (content-
                       addressed, atomic), then record_chunk_done(id); the call that completes
                       the set claims assembly
    assemble(id)       chunks -> audio/timings/captions/script under narrations/<id>/ (fixed keys,
                       atomic puts); mark_ready only from processing; re-renders a missing chunk
    reap()             narrations with no heartbeat for stale_after_s: re-queued while
                       attempts < max_attempts, failed with a reason after that
    sweep_temp()       temp files and folders a killed worker left behind: deleted

Completion is a counter in the database, not a Celery chord: a chord needs a result backend and
its counter lives in the broker, so a worker killed between a chunk and its ack can leave the
chord waiting forever. Here the worst case is a duplicate chunk task (a cache hit) and the
reaper is the backstop for anything lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from narrator import errors, owners, pipeline
from narrator.config import Settings
from narrator.text.article import Article, Script, Sentence

log = logging.getLogger(__name__)

INTERACTIVE = "interactive"
BATCH = "batch"
QUEUES = (INTERACTIVE, BATCH)

# Task names: the API sends these by name and never imports this package.
NARRATE = "narrator.narrate"
RENDER_CHUNK = "narrator.render_chunk"
ASSEMBLE = "narrator.assemble"
REAP = "narrator.reap"

# (task name, args, queue) -> None: Celery's send_task in a worker, a direct call in a batch run.
Send = Callable[[str, list[Any], str], None]

CHUNK_MAGIC = b"NARRATOR-CHUNK-1\n"
# Characters of text per render task, by engine (see chunk_batches). espeak reads a paragraph
# in about 20 ms, less than a task's hop and bookkeeping; piper takes a second or more, where
# the hop is noise and one paragraph per task spreads best over the workers (0: no batching).
BATCH_CHARS = {"espeak": 1500}
CONTENT_TYPES = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}


@dataclass
class Context:
    """What every stage needs, built once per worker process and passed in."""

    settings: Settings
    db: Any  # narrator.store.db.Database
    storage: Any  # narrator.store.files.Storage
    send: Send


# --- keys -------------------------------------------------------------------------------------


def narration_key(narration_id: str, name: str) -> str:
    return f"narrations/{narration_id}/{name}"


def chunk_storage_key(cache_key: str) -> str:
    return f"chunks/{cache_key[:2]}/{cache_key}.pcm"


def chunk_cache_key(script: Script, plan: pipeline.Plan, index: int) -> str:
    """The store's key of chunk `index`: its sentences, voice, pace, engine and pauses.

    Chunks end at paragraph ends, so an unchanged paragraph of an edited article keeps its key.
    """
    from narrator.store import repo

    start, end = plan.chunks[index]
    last_chunk = index + 1 == len(plan.chunks)
    pauses = []
    for i in range(start, end):
        # The same rule as pipeline.render_chunk: the silence that follows sentence i.
        if i + 1 >= len(script.sentences) or (last_chunk and i + 1 == end):
            pauses.append(0)
        elif script.sentences[i + 1].paragraph != script.sentences[i].paragraph:
            pauses.append(plan.paragraph_pause_ms)
        else:
            pauses.append(plan.sentence_pause_ms)
    return repo.chunk_cache_key(
        [s.text for s in script.sentences[start:end]],
        voice=plan.voice,
        pace=plan.pace,
        pauses_ms=pauses,
        engine=plan.engine,
        engine_version=plan.engine_version,
    )


# --- serialization ----------------------------------------------------------------------------


def encode_chunk(chunk: pipeline.Chunk) -> bytes:
    header = {"sample_rate": chunk.audio.sample_rate, "sentence_ms": chunk.sentence_ms}
    return CHUNK_MAGIC + json.dumps(header).encode() + b"\n" + chunk.audio.pcm


def decode_chunk(data: bytes) -> pipeline.Chunk:
    from narrator.speech.engine import Audio

    if not data.startswith(CHUNK_MAGIC):
        raise errors.StorageError("stored chunk is not a narrator chunk (corrupt or foreign file)")
    header_line, _, pcm_bytes = data[len(CHUNK_MAGIC) :].partition(b"\n")
    header = json.loads(header_line)
    spans = [(int(a), int(b)) for a, b in header["sentence_ms"]]
    return pipeline.Chunk(Audio(pcm_bytes, int(header["sample_rate"])), spans)


def encode_plan(script: Script, plan: pipeline.Plan) -> bytes:
    return json.dumps(
        {
            "script": {
                "title": script.title,
                "author": script.author,
                "language": script.language,
                "words": script.words,
                "sentences": [asdict(s) for s in script.sentences],
            },
            "plan": asdict(plan),
            # Where each chunk's PCM will be, in play order: the API's progressive stream
            # (narrator/api/stream.py) follows these keys without importing this module.
            "chunk_keys": [
                chunk_storage_key(chunk_cache_key(script, plan, i)) for i in range(len(plan.chunks))
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode()


def decode_plan(data: bytes) -> tuple[Script, pipeline.Plan]:
    obj = json.loads(data)
    s = obj["script"]
    script = Script(
        sentences=[Sentence(**x) for x in s["sentences"]],
        title=s["title"],
        author=s["author"],
        language=s["language"],
        words=s["words"],
    )
    p = dict(obj["plan"])
    p["chunks"] = [(int(a), int(b)) for a, b in p["chunks"]]
    return script, pipeline.Plan(**p)


# --- helpers ----------------------------------------------------------------------------------


def session(ctx: Context) -> contextlib.AbstractContextManager[Session]:
    """One transaction: committed when the block ends."""
    return ctx.db.session()


def _load(ctx: Context, narration_id: str) -> Any:
    from narrator.store import repo

    with session(ctx) as s:
        narration = repo.get_narration(s, narration_id)
        if narration is None:
            return None
        s.expunge(narration)
        return narration


def _live(narration: Any) -> bool:
    return narration is not None and narration.status in ("queued", "processing")


def _owned_elsewhere(ctx: Context, narration: Any) -> bool:
    """Processing with a fresh heartbeat: another delivery of `narrate` is at work on it."""
    if narration.status != "processing" or narration.heartbeat_at is None:
        return False
    from narrator.store.models import utcnow

    age = (utcnow() - narration.heartbeat_at).total_seconds()
    return age < ctx.settings.stale_after_s


def queue_of(narration: Any) -> str:
    queue = getattr(narration, "queue", None)
    return queue if queue in QUEUES else INTERACTIVE


@contextlib.contextmanager
def heartbeat(ctx: Context, narration_id: str) -> Iterator[None]:
    """Touch the narration while a long stage runs, so the reaper only sees dead work as stale."""
    from narrator.store import repo

    every = max(1.0, ctx.settings.stale_after_s / 4)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
            try:
                with session(ctx) as s:
                    repo.touch(s, narration_id)
            except Exception:  # a missed beat is harmless; the next one retries
                log.warning("heartbeat for %s failed", narration_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-{narration_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def _article_of(ctx: Context, narration: Any) -> Article:
    from narrator.store import repo

    with session(ctx) as s:
        row = repo.get_article(s, narration.article_id)
        if row is None:
            raise errors.InputError("the article of this narration no longer exists")
        source, kind, title, author = row.source, row.source_kind, row.title, row.author
    return pipeline.read(source.encode("utf-8"), kind=str(kind), title=title, author=author)


def _load_plan(ctx: Context, narration_id: str) -> tuple[Script, pipeline.Plan]:
    return decode_plan(ctx.storage.get_bytes(narration_key(narration_id, "plan.json")))


def _cached_chunk(ctx: Context, cache_key: str) -> bool:
    from narrator.store import repo

    with session(ctx) as s:
        row = repo.get_chunk(s, cache_key)
    return row is not None and ctx.storage.exists(chunk_storage_key(cache_key))


def _render_and_store(ctx: Context, script: Script, plan: pipeline.Plan, index: int) -> str:
    from narrator.store import repo

    key = chunk_cache_key(script, plan, index)
    if _cached_chunk(ctx, key):
        return key
    chunk = pipeline.render_chunk(script, plan, index)
    # Content-addressed and atomic: a duplicate render writes the same bytes to the same key.
    ctx.storage.put_bytes(chunk_storage_key(key), encode_chunk(chunk))
    with session(ctx) as s:
        repo.put_chunk(
            s,
            key,
            audio_key=chunk_storage_key(key),
            sample_rate=chunk.audio.sample_rate,
            duration_ms=round(chunk.audio.duration_s * 1000),
            sentence_ms=chunk.sentence_ms,
        )
    return key


def _chunk_done(ctx: Context, narration_id: str, queue: str) -> None:
    """Count one chunk; the call that completes the set sends assembly, once."""
    from narrator.store import repo

    with session(ctx) as s:
        progress = repo.record_chunk_done(s, narration_id)
    if progress is None:  # finished, failed or re-queued meanwhile
        return
    if progress.done >= progress.total and claim_assembly(ctx, narration_id):
        ctx.send(ASSEMBLE, [narration_id], queue)


def claim_assembly(ctx: Context, narration_id: str) -> bool:
    """True for exactly one caller per attempt: a conditional UPDATE decides.

    The claim is `finished_at` (set here, when rendering finished; overwritten by mark_ready;
    cleared by repo.requeue, so a re-queued attempt can claim again). A duplicate chunk
    delivery can over-count and claim early: assemble() then renders what is missing itself.
    """
    from sqlalchemy import update

    from narrator.store.models import Narration, Status, utcnow

    stmt = (
        update(Narration)
        .where(
            Narration.id == narration_id,
            Narration.status == Status.PROCESSING,
            Narration.finished_at.is_(None),
            Narration.chunks_done >= Narration.chunks_total,
        )
        .values(finished_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    with session(ctx) as s:
        return bool(s.execute(stmt).rowcount)  # type: ignore[attr-defined]


# --- stages -----------------------------------------------------------------------------------


def narrate(ctx: Context, narration_id: str, *, queue: str | None = None) -> None:
    """Prepare the script, plan chunks, reuse cached ones and send the rest to render."""
    from narrator.store import repo

    narration = _load(ctx, narration_id)
    if not _live(narration) or _owned_elsewhere(ctx, narration):
        log.info("narrate %s: nothing to do (%s)", narration_id, narration and narration.status)
        return
    queue = queue or queue_of(narration)
    with heartbeat(ctx, narration_id):
        article = _article_of(ctx, narration)
        script = pipeline.prepare(article)
        if not script.sentences:
            raise errors.EmptyArticle("nothing to read: the article has no sentences")
        plan = first_chunk_alone(
            pipeline.plan(
                script, narration.voice, narration.speed, chunk_chars=ctx.settings.chunk_chars
            )
        )
        ctx.storage.put_bytes(narration_key(narration_id, "plan.json"), encode_plan(script, plan))
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
        with session(ctx) as s:
            live = repo.mark_processing(s, narration_id, len(plan.chunks))
        if not live:
            log.info("narrate %s: no longer live, stopping", narration_id)
            if _load(ctx, narration_id) is None:
                # Deleted while we planned: the plan we just wrote belongs to nothing.
                ctx.storage.delete_prefix(narration_key(narration_id, "").rstrip("/"))
            return
        pending = [0] if first_failed else []
        for index in range(1, len(plan.chunks)):
            if _cached_chunk(ctx, chunk_cache_key(script, plan, index)):
                _chunk_done(ctx, narration_id, queue)
            else:
                pending.append(index)
        batch_chars = BATCH_CHARS.get(plan.engine, 0)
        for first, count in chunk_batches(script, plan, pending, batch_chars):
            ctx.send(RENDER_CHUNK, [narration_id, first, count], queue)
        if first_failed:
            return
    _chunk_done(ctx, narration_id, queue)


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


def render_chunk(
    ctx: Context, narration_id: str, index: int, count: int = 1, *, queue: str | None = None
) -> None:
    """Render chunks index .. index + count - 1, each stored and counted as it is done."""
    narration = _load(ctx, narration_id)
    if not _live(narration):
        return
    queue = queue or queue_of(narration)
    with heartbeat(ctx, narration_id):
        script, plan = _load_plan(ctx, narration_id)
        for i in range(index, index + max(1, count)):
            if not 0 <= i < len(plan.chunks):
                log.warning("render_chunk %s: no chunk %d, ignoring", narration_id, i)
                return
            _render_and_store(ctx, script, plan, i)
            _chunk_done(ctx, narration_id, queue)


def assemble(ctx: Context, narration_id: str) -> None:
    """One audio file, timings, captions and script under narrations/<id>/, then ready."""
    from narrator.store import repo

    narration = _load(ctx, narration_id)
    if not _live(narration):
        return
    fmt = narration.format
    with heartbeat(ctx, narration_id):
        script, plan = _load_plan(ctx, narration_id)
        chunks = []
        for index in range(len(plan.chunks)):
            key = chunk_cache_key(script, plan, index)
            try:
                data = ctx.storage.get_bytes(chunk_storage_key(key))
            except errors.NotFound:
                # Over-counted (a duplicate delivery) or evicted: render it here, never hang.
                log.warning("assemble %s: chunk %d missing, rendering it", narration_id, index)
                key = _render_and_store(ctx, script, plan, index)
                data = ctx.storage.get_bytes(chunk_storage_key(key))
            chunks.append(decode_chunk(data))
        with tempfile.TemporaryDirectory(prefix=f"narrator-assemble-{owners.tag()}-") as tmp:
            out = Path(tmp) / f"audio.{fmt}"
            result = pipeline.assemble(script, plan, chunks, out, fmt)
            audio_bytes = out.read_bytes()
            etag = hashlib.sha256(audio_bytes).hexdigest()[:32]
            audio_key = narration_key(narration_id, f"audio.{fmt}")
            timings_key = narration_key(narration_id, "timings.json")
            captions_key = narration_key(narration_id, "captions.vtt")
            # Fixed keys and atomic puts: a second assembly replaces whole files, never halves;
            # the audio goes last, so a ready narration's companions are always there.
            ctx.storage.put_file(timings_key, Path(result.timings), "application/json")
            ctx.storage.put_file(captions_key, Path(result.captions), "text/vtt")
            ctx.storage.put_bytes(
                narration_key(narration_id, "script.txt"),
                script.text.encode(),
                "text/plain; charset=utf-8",
            )
            ctx.storage.put_file(audio_key, out, CONTENT_TYPES.get(fmt))
        try:
            with session(ctx) as s:
                repo.mark_ready(
                    s,
                    narration_id,
                    audio_key=audio_key,
                    timings_key=timings_key,
                    captions_key=captions_key,
                    duration_s=result.duration_s,
                    words=result.words,
                    wpm=result.wpm,
                    lufs=result.lufs,
                    etag=etag,
                    size_bytes=len(audio_bytes),
                )
        except errors.NotFound:
            # Deleted while we assembled: remove what we wrote, or it would never be collected.
            ctx.storage.delete_prefix(narration_key(narration_id, "").rstrip("/"))
            log.info("assemble %s: narration was deleted, files removed", narration_id)


def fail(ctx: Context, narration_id: str, reason: str) -> None:
    from narrator.store import repo

    with session(ctx) as s:
        repo.mark_failed(s, narration_id, reason)


def reap(ctx: Context) -> tuple[int, int]:
    """Re-queue stale narrations (attempts < max) or fail them; returns (requeued, failed).

    processing, no heartbeat for stale_after_s: its worker died or its task was lost. Re-queued
        (one attempt) while attempts + 1 < max_attempts, else failed with the reason.
    queued, untouched for max(stale_after_s, visibility_timeout_s): its message may be lost
        (a broker that lost data). `narrate` is sent again without counting an attempt: if the
        original message is still waiting behind a backlog, the later copy finds the narration
        started and returns at once.
    Both are conditional UPDATEs, so of many workers' reapers only one re-sends.
    """
    from datetime import timedelta

    from narrator.store import repo
    from narrator.store.models import Status, utcnow

    settings = ctx.settings
    requeued = failed = 0
    now = utcnow()
    passes = [
        (Status.PROCESSING, float(settings.stale_after_s)),
        (Status.QUEUED, float(max(settings.stale_after_s, settings.visibility_timeout_s))),
    ]
    for status, older_than_s in passes:
        cutoff = now - timedelta(seconds=older_than_s)
        with session(ctx) as s:
            stale = [
                (n.id, n.attempts, queue_of(n))
                for n in repo.find_stale(s, older_than_s, [status], now=now)
            ]
        for narration_id, attempts, queue in stale:
            if status == Status.PROCESSING and attempts + 1 >= settings.max_attempts:
                fail(
                    ctx,
                    narration_id,
                    f"no progress for {settings.stale_after_s} s, {attempts + 1} attempts "
                    "(a worker died or lost the task); giving up",
                )
                failed += 1
                continue
            with session(ctx) as s:
                won = repo.requeue(s, narration_id, stale_before=cutoff)
                if won and status == Status.PROCESSING:
                    repo.bump_attempt(s, narration_id)
            if won:
                log.warning(
                    "reaper: re-queued %s (%s, %d attempts)", narration_id, status, attempts
                )
                ctx.send(NARRATE, [narration_id], queue)
                requeued += 1
    return requeued, failed


def sweep_temp(ctx: Context) -> int:
    """Delete what killed workers left: temp files in storage, temp folders on this machine.

    Only tasks write to storage, and the hard time limit ends every task, so a temp file older
    than twice that is abandoned even where its writer cannot be checked (another machine).
    """
    removed = int(ctx.storage.sweep_temp(2.0 * ctx.settings.task_time_limit_s))
    folders = owners.sweep_temp_dirs()
    if removed or folders:
        log.warning(
            "removed %d temp files and %d temp folders left by interrupted work", removed, folders
        )
    return removed + folders
