"""Resident memory: an API process, and a worker before and after each voice is loaded.

    .venv/bin/python -m bench.memory

Run from the repository root. It starts a redis-server, `narrator serve` on it (with a Redis
broker, the API alone) and `narrator worker --concurrency 1` with voices loaded on first use
(NARRATOR_WARM_VOICES=false), first with `--no-lane`, then as deployed (its pool and its
lane, narrator.schedule), then reads:

    api idle         the API process after start-up
    api busy         after 200 requests (narrations listed, voices, an article submitted)
    worker idle      the worker's processes, nothing loaded: with --no-lane its supervisor,
                     Celery worker and one pool process; as deployed, those and its lane's
    + espeak         after narrating a short article with espeak (en-us)
    + piper          after narrating the same article with piper (the neural voice)

Memory is VmRSS from /proc of the process and its descendants (the engines' short-lived
ffmpeg and espeak-ng subprocesses left out). A narration's tasks may run in the pool or in the
lane, so a voice may be loaded in one of them or in both.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.batch import tree_rss_mb
from narrator.speech import piper
from tests.helpers.processes import free_port
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, base_env

ARTICLE = (
    "The council met on Tuesday to vote on the new budget for the city's buses.\n\n"
    "Officials said the plan would add twelve routes and cost four million dollars more "
    "than last year, and that the first new buses would run in the spring."
)


def _narrate(client: object, voice: str, seed: str) -> None:
    import httpx

    assert isinstance(client, httpx.Client)
    r = client.post("/v1/narrations", json={"text": f"{ARTICLE} ({seed})", "voice": voice})
    r.raise_for_status()
    url = r.json()["status_url"]
    while (n := client.get(url).json())["status"] not in ("ready", "failed"):
        time.sleep(0.2)
    assert n["status"] == "ready", n
    time.sleep(1.0)  # the task's bookkeeping ends


def main() -> None:
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="narrator-bench-memory-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "redis").mkdir()
        redis = RedisServer(port=free_port(), dir=tmp / "redis")
        redis.start()
        stack = Stack(tmp=tmp)
        try:
            env = base_env(
                tmp / "var",
                broker_url=redis.url,
                default_voice="en-us",
                warm_voices="false",
                chunk_chars="1500",
            )
            api = stack.start_api(env)
            alone = stack.start_worker({**env, "NARRATOR_WORKER_LANE": "false"}, concurrency=1)
            time.sleep(2.0)
            rows.append(("api idle", tree_rss_mb(api.proc.popen.pid)))
            rows.append(("worker --no-lane idle", tree_rss_mb(alone.popen.pid)))
            alone.kill()
            worker = stack.start_worker(env, concurrency=1)
            time.sleep(2.0)
            rows.append(("worker idle (pool and lane)", tree_rss_mb(worker.popen.pid)))
            with api.client(timeout=60) as client:
                _narrate(client, "en-us", "espeak")
                rows.append(("worker + espeak", tree_rss_mb(worker.popen.pid)))
                if piper.available():
                    _narrate(client, piper.VOICE_ID, "piper")
                    rows.append(("worker + espeak + piper", tree_rss_mb(worker.popen.pid)))
                for i in range(200):
                    client.get("/v1/narrations" if i % 2 else "/v1/voices").raise_for_status()
                rows.append(("api after 200 requests", tree_rss_mb(api.proc.popen.pid)))
        finally:
            stack.stop_all()
            redis.stop()
    print(f"{'process':40} {'resident MB':>12}")
    for name, mb in rows:
        print(f"{name:40} {mb:12.1f}")


if __name__ == "__main__":
    main()
