"""How steady is a WER figure at 2x? The same 1x rendition, stretched 0.5% more or less, scored
with Whisper windows of different lengths (bench/anchor.py's measure).

    nice -n 19 .venv/bin/python bench/window_noise.py --tag e2094505 --articles 01,02

Reads the renditions bench/anchor.py left under var/bench-cache/anchor (run 0, settings `tag`).
Prints, per article and window length, the WER of the anchor at 2x length x (0.995, 1, 1.005).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.anchor import WORK, anchor, heard
from bench.intelligibility import ARTICLES, Article, audio_seconds, score

JITTER = (0.995, 1.0, 1.005)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tag", required=True, help="settings hash in bench/anchor.py file names")
    p.add_argument("--articles", default="01,02", help="article number prefixes")
    p.add_argument("--voice", default="piper_en_US-joe-medium")
    p.add_argument("--windows", default="25,10", help="window lengths (s) to compare")
    opts = p.parse_args(argv)
    for prefix in opts.articles.split(","):
        path = sorted(Path(ARTICLES).parent.glob(f"{prefix}*.txt"))[0]
        article = Article.load(path).opening(60)
        stem = f"{path.stem}-{opts.voice}"
        one_x = WORK / f"{stem}-1x-r0-{opts.tag}.wav"
        two_x = WORK / f"{stem}-2x-r0-{opts.tag}.wav"
        spans = [
            (s["start_ms"], s["end_ms"])
            for s in json.loads(one_x.with_suffix(".timings.json").read_text())["sentences"]
        ]
        for window in (float(w) for w in opts.windows.split(",")):
            ns = argparse.Namespace(window_s=window, model_dir=None, threads=1)
            row = []
            for j in JITTER:
                out = WORK / f"{stem}-jitter{j:g}-{opts.tag}.wav"
                wav, scaled = anchor(one_x, spans, audio_seconds(two_x) * j, out)
                row.append(score(article, heard(wav, scaled, ns))[0].wer)
            print(
                f"{path.stem} window {window:g}s: anchor 2x x"
                + " ".join(f"{j:g}: {w:.1%}" for j, w in zip(JITTER, row, strict=True)),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
