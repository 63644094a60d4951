"""A long backlog of neural-voice work on two workers: nothing sent again, nothing failed.

    .venv/bin/python -m bench.backlog [--articles 4] [--paragraphs 170] [--workers 2]
                                      [--kill-after 120] [--voice auto]

Run from the repository root (it reuses the test helpers in tests/helpers/). It starts its own
redis-server, `narrator serve` with that broker and the default settings (stale_after_s 120),
and `--workers` `narrator worker --concurrency 1` processes, submits the articles at once (the
default voice: piper's Joe when the neural extra is installed), and polls every narration
every 0.5 s as a listen widget would. `--kill-after S` SIGKILLs one worker S seconds in and
starts a fresh one (the issue's scenario), so the reaper has real loss to tell from waiting.

Printed: words and audio minutes queued, the worker time the backlog kept busy, wall
time to the last ready, tasks sent again (recovery notes and the reaper's log lines), attempts,
failures, and how often any narration's progress or status went backwards.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import tempfile
import time
from pathlib import Path

from tests.helpers.articles import article_text
from tests.helpers.client import status, submit
from tests.helpers.processes import free_port
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, product_env

STAGES = {"queued": 0, "processing": 1, "ready": 2, "failed": 3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--paragraphs", type=int, default=170)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-after", type=float, default=0.0)
    parser.add_argument("--voice", default="auto")
    parser.add_argument("--timeout", type=float, default=3600.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="narrator-backlog-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "var"
        (tmp / "redis").mkdir(parents=True)
        redis = RedisServer(port=free_port(), dir=tmp / "redis")
        redis.start()
        stack = Stack(tmp=tmp)
        try:
            run(args, stack, data_dir, redis.url)
        finally:
            stack.stop_all()
            redis.stop()


def run(args: argparse.Namespace, stack: Stack, data_dir: Path, broker: str) -> None:
    env = product_env(NARRATOR_DATA_DIR=str(data_dir), NARRATOR_BROKER_URL=broker)
    api = stack.start_api(env)
    workers = [stack.start_worker(env, concurrency=1) for _ in range(args.workers)]
    client = api.client(timeout=30)
    texts = [article_text(args.paragraphs, f"long-{i}", sentences=3) for i in range(args.articles)]
    words = sum(len(t.split()) for t in texts)
    started = time.monotonic()
    ids = [submit(client, t, voice=args.voice)["id"] for t in texts]
    last: dict[str, tuple[int, float]] = {}
    backwards = 0
    killed = False
    while True:
        rows = {i: status(client, i) for i in ids}
        for i, n in rows.items():
            now = (STAGES[n["status"]], n["progress"])
            if i in last and (now[0] < last[i][0] or now[1] < last[i][1]):
                backwards += 1
            last[i] = now
        elapsed = time.monotonic() - started
        if args.kill_after and not killed and elapsed > args.kill_after:
            victim = workers.pop(0)
            victim.kill(signal.SIGKILL)
            workers.append(stack.start_worker(env, concurrency=1))
            killed = True
            print(f"{elapsed:7.1f} s  killed one worker, started another")
        if all(n["status"] in ("ready", "failed") for n in rows.values()):
            break
        if elapsed > args.timeout:
            raise SystemExit(f"not done after {args.timeout} s: {rows}")
        time.sleep(0.5)
    wall = time.monotonic() - started
    with sqlite3.connect(data_dir / "narrator.db") as db:
        records = list(
            db.execute("SELECT status, attempts, recovery_note, duration_s FROM narrations")
        )
    notes = [note for _, _, note, _ in records if note]
    audio_min = sum(d or 0 for *_, d in records) / 60
    logs = "".join(p.output() for p in stack.procs)  # whole logs, not the tails
    print(f"voice {args.voice}, {args.articles} articles, {words} words, {args.workers} workers")
    print(f"audio produced      {audio_min:8.1f} min")
    print(f"wall, submit->ready {wall:8.1f} s  ({audio_min * 60 / wall:.1f} s of audio per s)")
    print(
        f"ready / failed      {sum(r[0] == 'ready' for r in records)} / "
        f"{sum(r[0] == 'failed' for r in records)}"
    )
    print(f"attempts            {[r[1] for r in records]}")
    print(f"recovery notes      {len(notes)} {notes[:3]}")
    print(f"reaper 'sent again' {logs.count('sent again')}")
    print(f"progress backwards  {backwards} (polled every 0.5 s)")
    print(f"worker time queued  {wall * args.workers / 60:8.1f} min (wall x workers, all busy)")
    print(f"load average        {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
