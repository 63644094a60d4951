"""A narration's chunks: their cache keys, stored files, and how they are grouped and timed.

A chunk is a paragraph (the first sentence alone: the first audio is short): the unit of the
chunk cache, so an edited article re-renders only the paragraphs that changed. The render
stages (narrator.render) send runs of chunks to render (chunk_batches), each routed by when a
listener will need it (chunk_offsets, narrator.schedule).
"""

from __future__ import annotations

from dataclasses import replace

from narrator import pipeline
from narrator.config import WPM_AT_1X
from narrator.speech import pace
from narrator.speech.engine import Audio
from narrator.store import layout, repo
from narrator.text.article import Script

# Characters of text per render task, by engine (see chunk_batches). espeak reads a paragraph
# in about 20 ms, less than a task's hop and bookkeeping; piper takes a second or more, where
# the hop is noise and one paragraph per task spreads best over the workers (0: no batching).
BATCH_CHARS = {"espeak": 1500}


def chunk_key(script: Script, plan: pipeline.Plan, index: int) -> str:
    """The cache key of chunk `index`: its sentences, voice, pace, engine and pauses.

    Chunks end at paragraph ends, so an unchanged paragraph of an edited article keeps its key.
    """
    start, end = plan.chunks[index]
    return repo.chunk_cache_key(
        [s.text for s in script.sentences[start:end]],
        voice=plan.voice,
        pace=plan.pace_at(index),
        pauses_ms=pipeline.pauses_after(script, plan, index),
        engine=plan.engine,
        engine_version=plan.engine_version,
    )


def chunk_keys(script: Script, plan: pipeline.Plan) -> list[str]:
    """Storage keys of every chunk, in play order."""
    return [layout.chunk_key(chunk_key(script, plan, i)) for i in range(len(plan.chunks))]


def pack_chunk(chunk: pipeline.Chunk) -> bytes:
    return layout.pack_chunk(
        chunk.audio.sample_rate, chunk.sentence_ms, chunk.audio.pcm, chunk.marks
    )


def unpack_chunk(data: bytes) -> pipeline.Chunk:
    stored = layout.unpack_chunk(data)
    return pipeline.Chunk(Audio(stored.pcm, stored.sample_rate), stored.sentence_ms, stored.marks)


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


def chunk_offsets(script: Script, plan: pipeline.Plan) -> list[float]:
    """Seconds into the audio at which each chunk starts, at the pace a listener hears
    (200 x speed WPM plus the pauses): when a stream will need it (narrator.schedule)."""
    words_per_s = WPM_AT_1X * plan.speed / 60
    offsets, at = [], 0.0
    for start, end in plan.chunks:
        offsets.append(at)
        words = sum(pace.words_of(s.text) for s in script.sentences[start:end])
        at += words / words_per_s + (end - start) * plan.sentence_pause_ms / 1000
    return offsets


def chunk_shares(script: Script, plan: pipeline.Plan) -> list[float]:
    """Each chunk's share of the script's spoken words (0..1): with the audio of the chunks
    done, what the whole narration will last (narrator.store.repo.load)."""
    words = [sum(pace.words_of(s.text) for s in script.sentences[a:b]) for a, b in plan.chunks]
    total = sum(words)
    return [w / total if total else 0.0 for w in words]


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
