"""Written forms read as a person would: the normalizer against raw espeak-ng, by phonemes.

    .venv/bin/python bench/normalize.py [--pairs FILE] [--language en-gb --voice en-gb] [--misses]

Each pair of bench/data/normalize_pairs.tsv is a written form (a short sentence) and what a
careful newsreader says for it. The written form goes through `normalize` (the entry point the
script builder uses) and, for comparison, straight to espeak-ng; a pair counts as exact when
espeak-ng's phonemes for it equal those for the spoken form. Pauses, stress marks, word breaks
and espeak's allophone variants ("t2") are ignored: digits and words for the same number differ
only in those. "prose" pairs are ordinary sentences that must come out unchanged.

espeak-ng runs once per core for the whole set (items separated by a marker paragraph), so the
run takes a second or two. The timing line normalizes bench/data/article_1000.txt paragraph by
paragraph, best of five runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrator.text.normalize import normalize

HERE = Path(__file__).parent
PAIRS = HERE / "data" / "normalize_pairs.tsv"
ARTICLE = HERE / "data" / "article_1000.txt"
VOICE = "en-us"
_MARKER = "Zyxqv."  # a made-up word: its phonemes cannot come from any item
_IGNORED = re.compile(r"_[:!]?|[',;#\s]|(?<=\D)2")


@dataclass(frozen=True)
class Pair:
    written: str
    spoken: str
    category: str


@dataclass(frozen=True)
class Result:
    pair: Pair
    normalized: str
    ours: bool  # espeak-ng says the normalized text as the spoken form
    raw: bool  # espeak-ng says the written form as the spoken form


@dataclass
class Tally:
    total: int = 0
    ours: int = 0
    raw: int = 0

    @property
    def rate(self) -> float:
        return self.ours / self.total if self.total else 0.0


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, spoken, category = line.split("\t")
            pairs.append(Pair(written, spoken, category))
    return pairs


def phonemes(texts: Sequence[str], voice: str = VOICE) -> list[str]:
    """espeak-ng's phoneme mnemonics for each text, from one espeak-ng run per core (espeak-ng
    synthesizes even with -q, so a set's thousand items take seconds on one core)."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed")

    def run(text: str) -> str:
        command = [espeak, "-q", "-x", "-v", voice]
        return subprocess.run(
            command, input=text, capture_output=True, text=True, check=True, timeout=300
        ).stdout

    marker = run(_MARKER).strip()

    def said(items: Sequence[str]) -> list[str]:
        # A blank line ends the clause, so an item never runs into the marker or the next item.
        out = run("".join(f"{t}\n\n{_MARKER}\n\n" for t in items))
        parts: list[list[str]] = [[]]
        for line in out.splitlines():
            if line.strip() == marker:
                parts.append([])
            else:
                parts[-1].append(line)
        if len(parts) != len(items) + 1:
            raise RuntimeError(f"espeak-ng gave {len(parts) - 1} items for {len(items)} texts")
        return [" ".join(" ".join(p).split()) for p in parts[: len(items)]]

    if not texts:
        return []
    step = -(-len(texts) // (os.cpu_count() or 1))
    with ThreadPoolExecutor() as pool:
        pieces = pool.map(said, [texts[i : i + step] for i in range(0, len(texts), step)])
    return [item for piece in pieces for item in piece]


def same_speech(a: str, b: str) -> bool:
    return _IGNORED.sub("", a) == _IGNORED.sub("", b)


def score(pairs: Sequence[Pair], language: str = "en", voice: str = VOICE) -> list[Result]:
    """Each pair normalized, then judged by espeak-ng's phonemes against its spoken form."""
    ours = [normalize(p.written, language=language) for p in pairs]
    said = phonemes([*ours, *(p.written for p in pairs), *(p.spoken for p in pairs)], voice)
    n = len(pairs)
    return [
        Result(
            pair,
            ours[i],
            ours=same_speech(said[i], said[2 * n + i]),
            raw=same_speech(said[n + i], said[2 * n + i]),
        )
        for i, pair in enumerate(pairs)
    ]


def tally(results: Sequence[Result], *, prose: bool = True) -> dict[str, Tally]:
    """Per-category counts, plus "all" (over the categories kept: "prose" only when `prose`)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        for key in (r.pair.category, "all"):
            if key == "all" and not prose and r.pair.category == "prose":
                continue
            tallies[key].total += 1
            tallies[key].ours += r.ours
            tallies[key].raw += r.raw
    return dict(tallies)


def article_ms(path: Path = ARTICLE, language: str = "en", runs: int = 5) -> tuple[float, int]:
    """Best wall time of `runs` normalizations of the article, paragraph by paragraph."""
    paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    words = sum(len(p.split()) for p in paragraphs)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for paragraph in paragraphs:
            normalize(paragraph, language=language)
        best = min(best, time.perf_counter() - start)
    return best * 1000, words


def _rate(hits: int, total: int) -> str:
    return f"{hits / total:.2f}" if total else "-"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--language", default="en")
    parser.add_argument(
        "--voice",
        default=VOICE,
        help="the espeak-ng voice that judges (en-gb for a set written with British usage)",
    )
    parser.add_argument("--misses", action="store_true", help="list the pairs we get wrong")
    args = parser.parse_args(argv)

    results = score(load_pairs(args.pairs), args.language, args.voice)
    rows = tally(results, prose=False)
    rows["all, prose included"] = tally(results)["all"]
    # The count beside the rate: at 400 pairs, 0.995 prints as 1.00 and would hide a miss.
    print("| category | pairs | raw espeak-ng | normalized | missed |\n|---|---:|---:|---:|---:|")
    for name in sorted(rows, key=lambda k: (k.startswith("all"), k)):
        t = rows[name]
        label = f"**{name}**" if name.startswith("all") else name
        print(
            f"| {label} | {t.total} | {_rate(t.raw, t.total)} | {_rate(t.ours, t.total)} "
            f"| {t.total - t.ours} |"
        )
    ms, words = article_ms(language=args.language)
    print(f"\nnormalizing a {words}-word article: {ms:.1f} ms (best of 5)")
    if args.misses:
        print("\nmisses (written / normalized / spoken):")
        for r in results:
            if not r.ours:
                print(f"  [{r.pair.category}] {r.pair.written}")
                print(f"      {r.normalized}\n      {r.pair.spoken}")


if __name__ == "__main__":
    main()
