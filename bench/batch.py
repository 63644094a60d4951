"""Batch throughput: audio minutes produced per wall minute, ours against the raw pipeline.

    .venv/bin/python -m bench.batch [--articles 20]

20 real English articles (the true bodies in bench/data/pages), en-us, 1.0x, MP3, narrated as
one batch (POST /v1/batches) through its own Redis, `narrator serve` and 1 or 2
`narrator worker --concurrency 1` processes (bench.service.running: a fresh data dir each, so
nothing is cached), next
to the raw pipeline (`espeak-ng -w` then `ffmpeg` to 64 kb/s MP3) on the same articles, run
serially and as 2 parallel processes, in the same run. With 2 workers it also measures, while
the batch runs, the API's latency (GET /v1/batches/{id}) and one interactive narration of a
short article, each against the same thing on the idle service.

Goals (issue 9): 2 workers >= 1.8x one worker; 2 workers within 15% of 2 raw processes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import tempfile
import time
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench.service import _load_average, running

HERE = Path(__file__).resolve().parent
PAGES = HERE / "data" / "pages"
# Interactive narrations timed idle and again during the batch (medians): one takes a quarter
# of a second, and one unlucky wait behind a batch task moves a median of three by half of it.
PROBES = 6
SHORT = "A short note.\n\nThe council met on Monday and approved the park plan {n}."


def articles(n: int) -> list[tuple[str, str]]:
    """(name, body) of the first n English pages, by name (the bodies are one block a line)."""
    from narrator.text.extract import guess_language

    found = []
    for folder in sorted(p for p in PAGES.iterdir() if (p / "body.txt").is_file()):
        text = (folder / "body.txt").read_text(encoding="utf-8")
        if guess_language(text[:3000]) == "en":
            found.append((folder.name, "\n\n".join(x for x in text.splitlines() if x.strip())))
    if len(found) < n:
        raise SystemExit(f"only {len(found)} English articles in {PAGES}")
    return found[:n]


# --- the raw pipeline -------------------------------------------------------------------------


def raw_one(text: str, workdir: Path, tag: str) -> float:
    """espeak-ng to WAV, ffmpeg to MP3; the WAV's duration in seconds."""
    src, wav, mp3 = workdir / f"{tag}.txt", workdir / f"{tag}.wav", workdir / f"{tag}.mp3"
    src.write_text(text, encoding="utf-8")
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), "-f", str(src)], check=True)
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-b:a", "64k", str(mp3)],
        check=True,
    )
    with wave.open(str(wav)) as w:
        seconds = w.getnframes() / w.getframerate()
    for p in (src, wav, mp3):
        p.unlink()
    return seconds


def raw(texts: list[str], workdir: Path, processes: int) -> tuple[float, float]:
    """(audio seconds, wall seconds) of the raw pipeline over every text."""
    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:  # each job is subprocesses: threads suffice
        audio = sum(pool.map(lambda it: raw_one(it[1], workdir, f"r{it[0]}"), enumerate(texts)))
    return audio, time.perf_counter() - started


# --- ours -------------------------------------------------------------------------------------


def interactive_s(client: httpx.Client, n: int) -> float:
    started = time.perf_counter()
    r = client.post("/v1/narrations", json={"text": SHORT.format(n=n), "voice": "en-us"})
    r.raise_for_status()
    url = r.json()["status_url"]
    while client.get(url).json()["status"] not in ("ready", "failed"):
        time.sleep(0.05)
    return time.perf_counter() - started


def latency_ms(client: httpx.Client, url: str, samples: int = 20) -> list[float]:
    out = []
    for _ in range(samples):
        t = time.perf_counter()
        client.get(url).raise_for_status()
        out.append((time.perf_counter() - t) * 1000)
        time.sleep(0.05)
    return out


def ours(items: list[tuple[str, str]], workdir: Path, workers: int, probe: bool) -> dict:
    figures: dict = {}
    with (
        running("redis" if workers == 2 else "redis-1", workdir) as svc,
        httpx.Client(base_url=svc.base_url, timeout=60) as client,
    ):
        if probe:
            interactive_s(client, 0)  # warm
            figures["interactive_idle"] = [interactive_s(client, n) for n in range(1, 1 + PROBES)]
            figures["api_idle_ms"] = latency_ms(client, "/v1/voices")
        body = {
            "items": [{"text": t, "external_id": n} for n, t in items],
            "voice": "en-us",
            "format": "mp3",
        }
        started = time.perf_counter()
        r = client.post("/v1/batches", json=body)
        r.raise_for_status()
        figures["post_ms"] = (time.perf_counter() - started) * 1000
        url = r.json()["status_url"]
        if probe:
            time.sleep(3)
            figures["api_busy_ms"] = latency_ms(client, "/v1/voices")
            figures["interactive_busy"] = [
                interactive_s(client, n) for n in range(1 + PROBES, 1 + 2 * PROBES)
            ]
        while (batch := client.get(url).json())["status"] == "processing":
            time.sleep(0.2)
        figures["wall_s"] = time.perf_counter() - started
        figures["audio_s"] = batch["audio_seconds"]
        figures["ready"] = batch["counts"]["ready"]
    return figures


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a worker: the process and its descendants, engines' subprocesses
    (ffmpeg, espeak-ng: they come and go with each task) left out."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    total_kb, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{p}/status").read_text()
            name = status.split("\n", 1)[0].split()[-1]
            # The engines' programs are not the worker (a static ffmpeg: "ffmpeg-linux-...").
            if not name.startswith(("ffmpeg", "espeak-ng", "ffprobe")):
                total_kb += int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
    return total_kb / 1024


def memory(workdir: Path, n: int) -> tuple[float, float]:
    """A worker's resident memory (MB) after 10 and after n narrations of short articles, each
    read while the worker is idle (two batches: 10, then the rest)."""
    with (
        running("redis-1", workdir) as svc,
        httpx.Client(base_url=svc.base_url, timeout=60) as client,
    ):
        worker = next(p for p, log in zip(svc.procs, svc.logs, strict=True) if "worker" in log.name)
        figures = []
        for first, last in ((0, 10), (10, n)):
            items = [{"text": SHORT.format(n=f"m{i}")} for i in range(first, last)]
            r = client.post("/v1/batches", json={"items": items, "voice": "en-us"})
            r.raise_for_status()
            while (batch := client.get(r.json()["status_url"]).json())["status"] == "processing":
                time.sleep(0.2)
            assert batch["counts"]["ready"] == last - first, batch
            time.sleep(2)  # the last task's bookkeeping
            figures.append(tree_rss_mb(worker.pid))
        return figures[0], figures[1]


def verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def per_minute(audio_s: float, wall_s: float) -> float:
    return audio_s / wall_s  # audio minutes per wall minute


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument(
        "--memory",
        type=int,
        metavar="N",
        help="instead: a worker's resident memory after 10 and after N short narrations",
    )
    args = parser.parse_args()
    if args.memory:
        with tempfile.TemporaryDirectory(prefix="narrator-bench-memory-") as tmp:
            at_10, at_n = memory(Path(tmp), args.memory)
        change = (at_n / at_10 - 1) * 100
        print(
            f"worker resident memory: {at_10:.1f} MB after 10 narrations, {at_n:.1f} MB after "
            f"{args.memory} ({change:+.1f}%; goal within 10%: {verdict(abs(change) <= 10)})"
        )
        return
    items = articles(args.articles)
    texts = [t for _, t in items]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(items)} articles, {words} words; load average {_load_average()}")
    with tempfile.TemporaryDirectory(prefix="narrator-bench-batch-") as tmp:
        workdir = Path(tmp)
        raw1 = raw(texts, workdir, 1)
        raw2 = raw(texts, workdir, 2)
        one = ours(items, workdir, 1, probe=False)
        two = ours(items, workdir, 2, probe=True)
    r1, r2 = per_minute(*raw1), per_minute(*raw2)
    o1, o2 = per_minute(one["audio_s"], one["wall_s"]), per_minute(two["audio_s"], two["wall_s"])
    print(f"\nload average after: {_load_average()}; cores: {os.cpu_count()}\n")
    print("| run | audio (min) | wall (s) | audio min / wall min |")
    print("|---|---:|---:|---:|")
    print(f"| raw espeak-ng + ffmpeg, serial | {raw1[0] / 60:.1f} | {raw1[1]:.1f} | {r1:.1f} |")
    print(f"| raw, 2 parallel processes | {raw2[0] / 60:.1f} | {raw2[1]:.1f} | {r2:.1f} |")
    print(f"| narrator, 1 worker | {one['audio_s'] / 60:.1f} | {one['wall_s']:.1f} | {o1:.1f} |")
    print(f"| narrator, 2 workers | {two['audio_s'] / 60:.1f} | {two['wall_s']:.1f} | {o2:.1f} |")
    print(
        f"\nready: {one['ready']} and {two['ready']} of {len(items)}; POST /v1/batches "
        f"answered in {one['post_ms']:.0f} and {two['post_ms']:.0f} ms"
    )
    print(f"2 workers / 1 worker: {o2 / o1:.2f}x (goal >= 1.8x: {verdict(o2 / o1 >= 1.8)})")
    gap = o2 / r2
    print(f"2 workers / 2 raw processes: {gap:.2f} (goal >= 0.85: {verdict(gap >= 0.85)})")
    idle, busy = (statistics.median(two[k]) for k in ("interactive_idle", "interactive_busy"))
    print(
        f"interactive narration (short article, median of {PROBES}): idle {idle:.2f} s, during "
        f"the batch {busy:.2f} s ({busy / idle:.2f}x; goal <= 2x: {verdict(busy <= 2 * idle)}); "
        f"each: {' '.join(f'{x:.2f}' for x in two['interactive_idle'])} / "
        f"{' '.join(f'{x:.2f}' for x in two['interactive_busy'])} s"
    )
    a_idle, a_busy = two["api_idle_ms"], two["api_busy_ms"]
    print(
        f"API latency, GET /v1/voices: idle median {statistics.median(a_idle):.1f} ms "
        f"(max {max(a_idle):.1f}), during the batch median {statistics.median(a_busy):.1f} ms "
        f"(max {max(a_busy):.1f})"
    )


if __name__ == "__main__":
    main()
