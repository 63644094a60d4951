"""Enqueue-to-ready of a ~1000-word article with the real en-us voice, on 1 and 2 workers.

    .venv/bin/python -m bench.workers [--workers 1,2] [--paragraphs 24] [--voice en-us]

Run from the repository root (it reuses the test helpers in tests/helpers/). For each worker
count it starts its own redis-server and that many `celery worker` processes (one pool process
each), inserts the article and a queued narration as the API would, sends the task by name,
waits until the narration is ready, checks that the audio decodes, and prints words, chunks,
seconds of audio and enqueue-to-ready seconds. Settings are the worker tests' (200-character
chunks, so there is work to share). Figures vary with machine load: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from narrator.config import Settings
from narrator.contract import NARRATE
from narrator.store import db
from tests.helpers.articles import article_text
from tests.helpers.celery_workers import WorkerFactory
from tests.helpers.processes import free_port
from tests.helpers.records import assert_playable, create_narration, wait_done
from tests.helpers.redis_server import RedisServer
from workers.celery_app import make_celery


def settings_for(data_dir: Path, broker_url: str) -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'narrator.db'}",
        storage_url=f"file://{data_dir / 'files'}",
        broker_url=broker_url,
        stale_after_s=6,
        visibility_timeout_s=8,
        task_time_limit_s=60,
        max_attempts=3,
        chunk_chars=200,
    )


def run(workers: int, paragraphs: int, voice: str, tmp: Path) -> str:
    data_dir = tmp / f"workers-{workers}"
    (data_dir / "redis").mkdir(parents=True)
    redis = RedisServer(port=free_port(), dir=data_dir / "redis")
    redis.start()
    factory: WorkerFactory | None = None
    try:
        settings = settings_for(data_dir, redis.url)
        db.migrate(settings.resolved_database_url)
        factory = WorkerFactory(settings=settings, tmp=data_dir)
        for _ in range(workers):
            factory.start(concurrency=1)
        nid = create_narration(
            settings, article_text(paragraphs, seed=f"bench{workers}"), voice=voice
        )
        app = make_celery(settings)
        started = time.monotonic()
        app.send_task(NARRATE, args=[nid], queue="interactive")
        n = wait_done(settings, [nid], 600)[nid]
        elapsed = time.monotonic() - started
        app.close()
        duration = assert_playable(settings, n)
    finally:
        if factory is not None:
            factory.stop_all()
        redis.stop()
    return (
        f"{workers} worker(s) x 1 process: {n.words} words, {n.chunks_total} chunks, "
        f"{duration:.0f} s of audio, enqueue-to-ready {elapsed:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--paragraphs", type=int, default=24, help="24: about 1000 words")
    parser.add_argument("--voice", default="en-us")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}, voice {args.voice}")
    with tempfile.TemporaryDirectory(prefix="narrator-bench-") as tmp:
        for workers in (int(w) for w in args.workers.split(",")):
            print(run(workers, args.paragraphs, args.voice, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
