"""Wall time per pipeline stage for a ~1000-word article, next to raw `espeak-ng -w` + `ffmpeg`.

    .venv/bin/python bench/pipeline.py [--article FILE] [--voice en-us] [--speed 1.0] [--format mp3]

Both sides read the same article text in the same run; figures vary with machine load.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from narrator import pipeline
from narrator.audio import encode, pcm, probe, tempo

T = TypeVar("T")
HERE = Path(__file__).parent


def timed(label: str, rows: list[tuple[str, float]], fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    value = fn()
    rows.append((label, time.perf_counter() - start))
    return value


def ours(data: bytes, voice: str, speed: float, fmt: str, out: Path) -> tuple[list, float]:
    rows: list[tuple[str, float]] = []
    article = timed("read (extract + clean)", rows, lambda: pipeline.read(data, filename="a.txt"))
    script = timed("prepare (normalize + split)", rows, lambda: pipeline.prepare(article))
    plan = timed("plan (voice, pace, chunks)", rows, lambda: pipeline.plan(script, voice, speed))
    chunks = timed(
        "synthesize (engine)",
        rows,
        lambda: [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))],
    )
    result = timed(
        "assemble (tempo, loudness, encode, timings)",
        rows,
        lambda: pipeline.assemble(script, plan, chunks, out, fmt),
    )
    # Break the assemble stage down on the same audio (a bench-only repeat of its two big parts).
    audio = pcm.concat([c.audio for c in chunks])
    if result.tempo != 1.0:
        audio = timed(
            "  of which tempo filter", rows, lambda: tempo.change_tempo(audio, result.tempo)
        )
    timed(
        f"  of which loudness + encode {fmt}",
        rows,
        lambda: encode.encode_normalized(audio, out.with_name("again." + fmt), fmt, tags={}),
    )
    return rows, result.duration_s


def raw(text: str, voice: str, speed: float, fmt: str, tmp: Path) -> tuple[list, float]:
    rows: list[tuple[str, float]] = []
    txt = tmp / "raw.txt"
    txt.write_text(text)
    wav, out = tmp / "raw.wav", tmp / f"raw.{fmt}"
    rate = str(round(175 * speed))
    timed(
        "espeak-ng -w",
        rows,
        lambda: subprocess.run(
            ["espeak-ng", "-v", voice, "-s", rate, "-w", str(wav), "-f", str(txt)], check=True
        ),
    )
    codec = {
        "mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
        "ogg": ["-c:a", "libopus", "-b:a", "40k"],
        "wav": [],
    }[fmt]
    timed(
        f"ffmpeg -> {fmt}",
        rows,
        lambda: subprocess.run(
            ["ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-ac", "1", *codec, str(out)],
            check=True,
        ),
    )
    return rows, probe.duration_s(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "data" / "article_1000.txt")
    parser.add_argument("--voice", default="en-us")
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--format", default="mp3", choices=["mp3", "ogg", "wav"])
    args = parser.parse_args()
    data = args.article.read_bytes()
    words = pipeline.read(data, filename="a.txt").words
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        # Warm the engine once (process start-up cost is not a per-article cost).
        pipeline.narrate(
            pipeline.prepare(pipeline.read(b"Warm up.", filename="w.txt")),
            tmp / "w.wav",
            voice=args.voice,
            speed=1.0,
            fmt="wav",
        )
        ours_rows, ours_audio = ours(
            data, args.voice, args.speed, args.format, tmp / f"o.{args.format}"
        )
        raw_voice = args.voice if not args.voice.startswith("piper/") else "en-us"
        raw_rows, raw_audio = raw(data.decode(), raw_voice, args.speed, args.format, tmp)
    ours_total = sum(t for label, t in ours_rows if not label.startswith("  "))
    raw_total = sum(t for _, t in raw_rows)
    print(
        f"article: {args.article.name}, {words} words; "
        f"voice {args.voice}, {args.speed}x, {args.format}"
    )
    print(f"{'stage':<46}{'seconds':>9}")
    print("narrator")
    for label, t in ours_rows:
        print(f"  {label:<44}{t:9.3f}")
    print(
        f"  {'total':<44}{ours_total:9.3f}   audio {ours_audio:6.1f} s, "
        f"{ours_audio / ours_total:5.1f}x real time"
    )
    print("raw espeak-ng + ffmpeg")
    for label, t in raw_rows:
        print(f"  {label:<44}{t:9.3f}")
    print(
        f"  {'total':<44}{raw_total:9.3f}   audio {raw_audio:6.1f} s, "
        f"{raw_audio / raw_total:5.1f}x real time"
    )
    print(f"narrator / raw wall time: {ours_total / raw_total:.2f}x")


if __name__ == "__main__":
    main()
