"""Saying a narration: its script planned, its chunks spoken into the cache, its head first.

    planned(ctx, narration, article, lexicon, earlier)   the script and plan (None: nothing)
    render_and_store(ctx, script, plan, index)          chunk `index` in the cache; its key
    cached_of(ctx, keys)                                those of the keys the cache holds
    speak_head(ctx, narration, article, lexicon, earlier)
                                                        a long article's first sentence,
                                                        published as first.json
    first_pace(ctx, narration_id)                       the pace that first sentence took

The chunk cache is content-addressed (narrator.chunks.chunk_key): a chunk said twice is stored
once, under the same key, so every function here is safe to run again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from narrator import chunks, errors, pipeline
from narrator.context import Context
from narrator.store import layout, repo
from narrator.store.models import Narration
from narrator.text.article import Article, Script
from narrator.text.lexicon import Lexicon

log = logging.getLogger(__name__)


def cached_of(ctx: Context, cache_keys: list[str]) -> set[str]:
    """Those of `cache_keys` whose audio is in the cache (its row and its file)."""
    with ctx.session() as s:
        rows = repo.cached_chunks(s, cache_keys)
    return {key for key in cache_keys if key in rows and ctx.storage.exists(layout.chunk_key(key))}


def render_and_store(ctx: Context, script: Script, plan: pipeline.Plan, index: int) -> str:
    key = chunks.chunk_key(script, plan, index)
    if cached_of(ctx, [key]):
        return key
    started = time.monotonic()
    chunk = pipeline.render_chunk(script, plan, index)
    render_ms = round((time.monotonic() - started) * 1000)
    # Content-addressed and atomic: a duplicate render writes the same bytes to the same key.
    ctx.storage.put_bytes(layout.chunk_key(key), chunks.pack_chunk(chunk))
    with ctx.session() as s:
        repo.put_chunk(
            s,
            key,
            audio_key=layout.chunk_key(key),
            sample_rate=chunk.audio.sample_rate,
            duration_ms=round(chunk.audio.duration_s * 1000),
            sentence_ms=chunk.sentence_ms,
            voice=plan.voice,
            render_ms=render_ms,
        )
    return key


def planned(
    ctx: Context,
    narration: Narration,
    article: Article,
    lexicon: Lexicon | None,
    earlier: pipeline.Plan | None,
    *,
    whole: Article | None = None,
) -> tuple[Script, pipeline.Plan] | None:
    """`article`'s script and plan for this narration (None: nothing to read). Read with a
    lexicon, it is paced as read without one, so an entry moves only the chunks that say it;
    `whole`: `article` is its head (pipeline.plan)."""
    script = pipeline.prepare(article, lexicon)
    if not script.sentences:
        return None
    plan = pipeline.plan(
        script,
        narration.voice,
        narration.speed,
        chunk_chars=ctx.settings.chunk_chars,
        paced_by=pipeline.prepare(article) if lexicon else None,
        earlier=earlier,
        whole=whole,
    )
    return script, chunks.first_chunk_alone(plan)


def speak_head(
    ctx: Context,
    narration: Narration,
    article: Article,
    lexicon: Lexicon | None,
    earlier: pipeline.Plan | None,
) -> bool:
    """Plan the head of a long article (pipeline.head), speak its first sentence and publish
    it as first.json (True); False for an article that is all head. The full plan then keeps
    this chunk 0 (Plan.first_pace, read back by first_pace). A failure here is no failure:
    the full plan renders it."""
    head = pipeline.head(article)
    if head is None:
        return False
    # An edited version keeps its earlier chunk 0's pace when close, as the rest does.
    kept = replace(earlier, pace=earlier.pace_at(0)) if earlier else None
    said = planned(ctx, narration, head, lexicon, kept, whole=article)
    if said is None:
        return False
    script, plan = said
    if plan.expected_tempo != 1.0:
        # The engine cannot reach this pace alone: the stream's tempo filter is then set from
        # the plan, and an estimate from the head would leave it a few percent off for good.
        return False
    try:
        key = render_and_store(ctx, script, plan, 0)
    except errors.InputError:
        raise
    except Exception:
        log.warning("narrate %s: the head's chunk 0 failed", narration.id, exc_info=True)
        return False
    # Written once the chunk is stored: a stream that reads it never waits for a chunk that a
    # failure here would leave unmade.
    ctx.storage.put_bytes(
        layout.narration_key(narration.id, layout.FIRST),
        layout.pack_plan(script, plan, [layout.chunk_key(key)]),
    )
    return True


def first_pace(ctx: Context, narration_id: str) -> float | None:
    """The engine pace of the first sentence speak_head published for this narration (None:
    none was, or it is damaged): the full plan keeps it (Plan.first_pace)."""
    try:
        stored = layout.unpack_plan(
            ctx.storage.get_bytes(layout.narration_key(narration_id, layout.FIRST))
        )
        return float(stored.plan["pace"])
    except (errors.NotFound, errors.StorageError, KeyError, TypeError, ValueError):
        return None
