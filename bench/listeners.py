"""Many listeners at once: when each hears the first word, and how long playback waits.

    .venv/bin/python -m bench.listeners [--voice auto] [--listeners 6] [--json]
    .venv/bin/python -m bench.listeners --voice en-us --listeners 20

Run from the repository root. It starts `narrator serve` as a user would (embedded broker and
worker, default settings, a fresh data directory, so nothing is a cache hit) or, with
`--redis`, a redis-server plus `--workers` `narrator worker` processes. Then N listeners press
play on N different real articles (bench/articles, then the true bodies of the saved pages in
bench/data/pages): half of them at once, the others staggered (default: 15, 18, 21 s later,
then every 3 s). Pressing play is what the listen widget does: POST the article, GET the audio
URL at once and play the progressive MP3 stream at 1x from its first frame.

Per listener it prints:

    first audio   seconds from pressing play to the first complete MP3 frame
    stall         total seconds playback had to wait for audio after it started (a player
                  that starts on the first frame and plays at 1x; frames counted as they arrive)
    audio         seconds of audio in the stream
    ready         seconds from pressing play until the narration's final file was ready (asked
                  every second, as the listen widget asks)
    told          a listener the workers could not keep ahead of (narrator.admission) is
                  answered 503 busy with the start expected (Narrator-Starts-In) and when to
                  ask again (Retry-After): the first start told, and how often it was told; it
                  waits as told and asks again. First audio counts from the press.

Next to it, the raw engine's capacity on this machine in the same run: audio seconds per wall
second of the engine alone (piper's CLI, or `espeak-ng -w`), one process per core over the
same articles, so the demand (N listeners at 1x) can be compared with what the machine renders.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
import wave
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx

from bench.raw import engine_to_wav
from tests.helpers.listeners import Listener, listen
from tests.helpers.processes import ROOT, free_port
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, product_env

ARTICLES = sorted((ROOT / "bench" / "articles").glob("*.txt"))
PAGES = sorted((ROOT / "bench" / "data" / "pages").glob("*/body.txt"))
GOAL_FIRST_S, GOAL_STALL_S = 1.5, 2.0


def starts(n: int, at_once: int, first_late: float, step: float) -> list[float]:
    return [0.0] * at_once + [first_late + step * i for i in range(n - at_once)]


def article_texts(n: int) -> list[tuple[str, str]]:
    paths = (ARTICLES + PAGES)[:n]
    if len(paths) < n:
        raise SystemExit(f"only {len(paths)} real articles here, asked for {n} listeners")
    return [(p.parent.name if p.name == "body.txt" else p.stem, p.read_text()) for p in paths]


def run_listeners(
    base: str, texts: list[tuple[str, str]], at: list[float], voice: str | None
) -> list[Listener]:
    listeners = [Listener(i + 1, name, at[i]) for i, (name, _) in enumerate(texts)]
    t0 = time.monotonic() + 0.5
    threads = [
        threading.Thread(target=listen, args=(base, lst, text, voice, t0))
        for lst, (_, text) in zip(listeners, texts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return listeners


# --- the raw engine, for scale --------------------------------------------------------------


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def _raw_one(voice: str, text: str, out: Path) -> float:
    engine_to_wav(voice, text, out)
    return _wav_seconds(out)


def raw_capacity(voice: str, texts: list[str], processes: int) -> float:
    """Audio seconds per wall second of the bare engine, `processes` at a time."""
    with tempfile.TemporaryDirectory(prefix="narrator-raw-") as tmp:
        started = time.monotonic()
        with ThreadPoolExecutor(processes) as pool:
            seconds = list(
                pool.map(
                    lambda it: _raw_one(voice, it[1], Path(tmp) / f"{it[0]}.wav"),
                    enumerate(texts),
                )
            )
        return sum(seconds) / (time.monotonic() - started)


# --- the service ------------------------------------------------------------------------------


def start_service(stack: Stack, tmp: Path, redis_url: str | None, workers: int) -> str:
    env = product_env(NARRATOR_DATA_DIR=str(tmp / "var"))
    if redis_url:
        env["NARRATOR_BROKER_URL"] = redis_url
        for _ in range(workers):
            stack.start_worker(env, concurrency=1, wait=False)
    api = stack.start_api(env)
    for proc in stack.procs:
        if proc.name == "worker":
            stack.wait_worker(proc)
    return api.url


def wait_warm(base: str, voice: str | None) -> None:
    """One short narration first: engines loaded in every worker process before the clock runs."""
    body: dict[str, Any] = {"text": "Warm up.\n\nThe service is ready for listeners."}
    if voice:
        body["voice"] = voice
    with httpx.Client(base_url=base, timeout=60) as client:
        narration = client.post("/v1/narrations", json=body).json()
        deadline = time.monotonic() + 120
        while client.get(f"/v1/narrations/{narration['id']}").json()["status"] != "ready":
            if time.monotonic() > deadline:
                raise SystemExit("the warm-up narration never became ready")
            time.sleep(0.2)
    time.sleep(2.0)  # the piper model loads in a thread of every pool process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="auto", help="auto: the service's default voice")
    parser.add_argument("--listeners", type=int, default=6)
    parser.add_argument("--at-once", type=int, default=0, help="default: half of them")
    parser.add_argument("--late", type=float, default=15.0, help="first staggered start (s)")
    parser.add_argument("--step", type=float, default=3.0, help="between staggered starts (s)")
    parser.add_argument("--redis", action="store_true", help="Redis broker + narrator worker")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-raw", action="store_true", help="skip the raw engine's capacity")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the service's logs and data here")
    args = parser.parse_args()

    n = args.listeners
    at = starts(n, args.at_once or (n + 1) // 2, args.late, args.step)
    texts = article_texts(n)
    voice = None if args.voice == "auto" else args.voice
    with tempfile.TemporaryDirectory(prefix="narrator-listeners-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        stack, redis = Stack(tmp=tmp), None
        try:
            if args.redis:
                (tmp / "redis").mkdir()
                redis = RedisServer(port=free_port(), dir=tmp / "redis")
                redis.start()
            base = start_service(stack, tmp, redis.url if redis else None, args.workers)
            wait_warm(base, voice)
            resolved = httpx.get(f"{base}/v1/voices", timeout=10).json()
            listeners = run_listeners(base, texts, at, voice)
        finally:
            stack.stop_all()
            if redis is not None:
                redis.stop()
    engine_voice = voice or _default_voice(resolved)
    raw = (
        None
        if args.no_raw
        else raw_capacity(engine_voice, [t for _, t in texts], os.cpu_count() or 1)
    )
    report(listeners, engine_voice, raw, args)


def _default_voice(voices: Any) -> str:
    return str(voices.get("default") or "en-us")


def _told_honestly(x: Listener) -> bool:
    """Served no later than the start it was first told (plus GOAL_FIRST_S)."""
    if x.first_audio_s is None or not x.told:
        return False
    at, _, starts_in = x.told[0]
    return x.first_audio_s <= at + starts_in + GOAL_FIRST_S


def report(listeners: list[Listener], voice: str, raw: float | None, args: Any) -> None:
    admitted = [x for x in listeners if not x.told]
    refused = [x for x in listeners if x.told]
    firsts = [x.first_audio_s for x in admitted if x.first_audio_s is not None]
    stalls = [x.stall_s for x in listeners]
    demand = len(listeners)
    summary = {
        "voice": voice,
        "listeners": demand,
        "broker": "redis" if args.redis else "embedded",
        "admitted_at_once": len(admitted),
        "told_to_wait": len(refused),
        "max_first_audio_s": max(firsts) if firsts else None,
        "median_first_audio_s": statistics.median(firsts) if firsts else None,
        "max_stall_s": max(stalls),
        "max_told_s": max((x.told[0][2] for x in refused), default=None),
        "raw_audio_s_per_s": raw,
        "goals_met": bool(firsts)
        and len(firsts) == len(admitted)
        and max(firsts) <= GOAL_FIRST_S
        and max(stalls) <= GOAL_STALL_S
        and all(_told_honestly(x) for x in refused),
    }
    if args.json:
        rows = [{k: v for k, v in asdict(x).items() if k != "arrivals"} for x in listeners]
        print(json.dumps({"summary": summary, "listeners": rows}, indent=2))
        return
    print(f"voice {voice}, {demand} listeners, {summary['broker']} broker")
    heads = ("press", "first", "stall", "audio", "ready", "told")
    print(f"{'#':>2} {'article':32} " + " ".join(f"{h:>6}" for h in heads))
    for x in listeners:
        first = f"{x.first_audio_s:6.2f}" if x.first_audio_s is not None else "     -"
        ready = f"{x.ready_s:6.1f}" if x.ready_s is not None else "     -"
        told = f"{x.told[0][2]:4d}s x{len(x.told)}" if x.told else "     -"
        print(
            f"{x.index:>2} {x.article[:32]:32} {x.start_s:6.1f} {first} {x.stall_s:6.2f} "
            f"{x.audio_s:6.1f} {ready} {told} {x.error}"
        )
    for x in listeners:
        waits = [w for w in x.waits if w[2] >= 0.05]
        if waits:
            told = "; ".join(
                f"{w:.2f} s at {at:.1f} s ({played:.1f} s in)" for at, played, w in waits
            )
            print(f"#{x.index} waited {told}")
    if raw is not None:
        print(
            f"raw engine ({os.cpu_count()} processes): {raw:.1f} s of audio per second; "
            f"{demand} listeners at 1x need {demand}"
        )
    print(
        f"admitted at once: {len(admitted)}; told to wait (503 busy + Retry-After): "
        f"{len(refused)}, served when told: {sum(_told_honestly(x) for x in refused)}"
    )
    goal = (
        f"goal: first audio <= {GOAL_FIRST_S} s for every listener admitted, stall <= "
        f"{GOAL_STALL_S} s for all"
    )
    print(f"{goal}: {'met' if summary['goals_met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
