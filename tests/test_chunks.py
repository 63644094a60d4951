"""chunks.chunk_batches: runs of consecutive paragraphs per render task, cache unit unchanged."""

from __future__ import annotations

from narrator import chunks, pipeline
from narrator.text.article import Script, Sentence


def _plan(paragraph_chars: list[int], engine: str = "espeak") -> tuple[Script, pipeline.Plan]:
    sentences = [Sentence(text="x" * n, paragraph=i) for i, n in enumerate(paragraph_chars)]
    script = Script(sentences=sentences, title=None, author=None, language="en", words=0)
    plan = pipeline.Plan(
        voice="en-us",
        engine=engine,
        engine_version="1",
        speed=1.0,
        pace=1.0,
        sentence_pause_ms=300,
        paragraph_pause_ms=600,
        chunks=[(i, i + 1) for i in range(len(paragraph_chars))],
    )
    return script, plan


def test_consecutive_chunks_fill_a_batch() -> None:
    script, plan = _plan([400] * 10)
    batches = chunks.chunk_batches(script, plan, list(range(1, 10)), 1000)
    assert batches == [(1, 3), (4, 3), (7, 3)]
    # Every chunk is in exactly one batch, in order.
    covered = [i for first, count in batches for i in range(first, first + count)]
    assert covered == list(range(1, 10))


def test_a_cached_chunk_breaks_the_run() -> None:
    script, plan = _plan([100] * 6)
    assert chunks.chunk_batches(script, plan, [1, 2, 4, 5], 1000) == [(1, 2), (4, 2)]


def test_zero_means_one_chunk_per_task() -> None:
    script, plan = _plan([100] * 4)
    assert chunks.chunk_batches(script, plan, [1, 2, 3], 0) == [(1, 1), (2, 1), (3, 1)]
    assert chunks.BATCH_CHARS.get("piper", 0) == 0


def test_cache_keys_stay_per_paragraph() -> None:
    script, plan = _plan([100, 200, 300])
    keys = [chunks.chunk_key(script, plan, i) for i in range(3)]
    assert len(set(keys)) == 3
