"""Enqueue-to-ready of a ~1000-word article with the real en-us voice, 1 and 2 workers.

Skipped unless NARRATOR_BENCH=1: `NARRATOR_BENCH=1 pytest tests/workers/test_bench.py -s`.
"""

from __future__ import annotations

import os
import time

import pytest
from worker_helpers import article_text, assert_playable, create_narration, wait_done

from narrator.contract import NARRATE

pytestmark = pytest.mark.skipif(not os.environ.get("NARRATOR_BENCH"), reason="NARRATOR_BENCH=1")


@pytest.mark.parametrize("workers", [1, 2])
def test_thousand_words_en_us(worker_settings, celery_worker_proc, celery_app, workers):
    for _ in range(workers):
        celery_worker_proc.start(concurrency=1)
    text = article_text(24, seed=f"bench{workers}")  # ~1000 words
    nid = create_narration(worker_settings, text, voice="en-us")
    started = time.monotonic()
    celery_app.send_task(NARRATE, args=[nid], queue="interactive")
    n = wait_done(worker_settings, [nid], 600)[nid]
    elapsed = time.monotonic() - started
    duration = assert_playable(worker_settings, n)
    print(
        f"\n{workers} worker(s) x 1 process: {n.words} words, {n.chunks_total} chunks, "
        f"{duration:.0f} s of audio, enqueue-to-ready {elapsed:.1f} s"
    )
