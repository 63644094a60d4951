"""How well `read_article` finds the article in saved pages: `python bench/extraction.py`.

Two parts, one run. First the small hand-made fixtures below; then the real pages of
bench/data/pages (bench/pageset.py: raw paste, our cleaning of the paste, our HTML
extraction and plain trafilatura, scored by word 4-gram shingles), each figure next to its
anchor, for all pages and for the tune and held-out halves, with the worst pages.
`--pages` runs only the second part.

Each page in tests/fixtures/pages/ (NAME.html, NAME.md or NAME.txt) has its gold body,
one paragraph per line, in NAME.gold.txt and its gold title, author and language in
NAME.meta.json.

Body text is scored as a bag of words: lower-cased word tokens (letters, digits and inner
apostrophes), counted with multiplicity. Precision is the share of extracted tokens that
are in the gold body, recall the share of gold tokens that were extracted, F1 their
harmonic mean. Bag-of-words ignores order and paragraph breaks on purpose: what a listener
misses or hears in excess is words. The overall figures are micro-averaged (pooled token
counts), so long pages weigh more. Title, author and language are right when they equal
the gold after case folding and whitespace collapsing (gold null = expected none).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported

from bench import pageset
from narrator.errors import NarratorError
from narrator.text.extract import read_article

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")
_SUFFIXES = (".html", ".htm", ".md", ".txt")


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


@dataclass(frozen=True)
class PageScore:
    name: str
    matched: int  # tokens in both (multiset intersection)
    extracted: int
    gold: int
    title_ok: bool
    author_ok: bool
    language_ok: bool
    seconds: float

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _same(a: str | None, b: str | None) -> bool:
    def fold(x: str | None) -> str:
        return " ".join((x or "").lower().split())

    return fold(a) == fold(b)


def pages(directory: Path = PAGES) -> list[Path]:
    return sorted(
        p for p in directory.iterdir() if p.suffix in _SUFFIXES and not p.name.endswith(".gold.txt")
    )


def score_page(page: Path) -> PageScore:
    stem = page.name[: -len(page.suffix)]
    gold_text = (page.parent / f"{stem}.gold.txt").read_text(encoding="utf-8")
    meta = json.loads((page.parent / f"{stem}.meta.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    try:
        article = read_article(page.read_bytes(), filename=page.name)
        body, title, author, language = (
            "\n".join(article.paragraphs),
            article.title,
            article.author,
            article.language,
        )
    except NarratorError:
        body, title, author, language = "", None, None, None
    seconds = time.perf_counter() - start
    got, want = tokens(body), tokens(gold_text)
    return PageScore(
        name=page.name,
        matched=sum((got & want).values()),
        extracted=sum(got.values()),
        gold=sum(want.values()),
        title_ok=_same(title, meta.get("title")),
        author_ok=_same(author, meta.get("author")),
        language_ok=_same(language, meta.get("language", "en")),
        seconds=seconds,
    )


@dataclass(frozen=True)
class Overall:
    precision: float
    recall: float
    f1: float
    title_accuracy: float
    author_accuracy: float
    language_accuracy: float


def overall(scores: list[PageScore]) -> Overall:
    matched = sum(s.matched for s in scores)
    extracted = sum(s.extracted for s in scores)
    gold = sum(s.gold for s in scores)
    p = matched / extracted if extracted else 0.0
    r = matched / gold if gold else 0.0
    n = len(scores) or 1
    return Overall(
        precision=p,
        recall=r,
        f1=2 * p * r / (p + r) if p + r else 0.0,
        title_accuracy=sum(s.title_ok for s in scores) / n,
        author_accuracy=sum(s.author_ok for s in scores) / n,
        language_accuracy=sum(s.language_ok for s in scores) / n,
    )


def fixtures_report() -> None:
    scores = [score_page(p) for p in pages()]
    print(f"{'page':<28} {'P':>6} {'R':>6} {'F1':>6}  title author lang   ms")
    for s in scores:
        marks = " ".join(
            f"{'ok' if ok else 'MISS':<{w}}"
            for ok, w in ((s.title_ok, 5), (s.author_ok, 6), (s.language_ok, 4))
        )
        print(
            f"{s.name:<28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {marks} "
            f"{s.seconds * 1000:5.0f}"
        )
    o = overall(scores)
    print(
        f"\noverall ({len(scores)} pages, bag-of-words, micro-averaged): "
        f"P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f}; "
        f"title {o.title_accuracy:.0%}, author {o.author_accuracy:.0%}, "
        f"language {o.language_accuracy:.0%}"
    )


def pageset_report(worst: int, directory: Path = pageset.PAGES) -> None:
    loaded = pageset.load(directory)
    results = {
        name: [pageset.score(page, reader) for page in loaded]
        for name, reader in pageset.READERS.items()
    }
    print(
        f"\n{len(loaded)} real pages ({directory.name}), word {pageset.SHINGLE}-gram shingles, "
        "micro-averaged P/R/F1 and the mean page F1:"
    )
    print(f"{'reader':<14} {'pages':<13} {'P':>6} {'R':>6} {'F1':>6} {'mean F1':>8} {'s':>6}")
    for name, scores in results.items():
        seconds = sum(s.seconds for s in scores)
        for split in ("all", *pageset.SPLITS):
            chosen = [s for s in scores if split in ("all", s.split)]
            o = pageset.overall(chosen)
            label = f"{split} ({o.pages})"
            timing = f"{seconds:6.1f}" if split == "all" else ""
            print(
                f"{name:<14} {label:<13} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} "
                f"{o.mean_f1:8.3f} {timing:>6}"
            )
    for failure in pageset.FAILURES:
        print(f"CRASH {failure}")
    for name in ("ours, pasted", "ours, HTML"):
        print(f"\nworst pages, {name} (P R F1; anchor F1):")
        anchor = "raw paste" if name == "ours, pasted" else "trafilatura"
        anchors = {s.page: s for s in results[anchor]}
        for s in sorted(results[name], key=lambda x: x.f1)[:worst]:
            a = anchors[s.page]
            print(
                f"  {s.page:<38} {s.split:<7} {s.precision:.3f} {s.recall:.3f} {s.f1:.3f}; "
                f"{anchor} {a.f1:.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="only the real-page set")
    parser.add_argument("--worst", type=int, default=8, help="worst pages listed per reader")
    parser.add_argument(
        "--dir",
        type=Path,
        default=pageset.PAGES,
        help="the page set (default bench/data/pages; bench/data/pages_heldout: pages no rule "
        "was tuned on)",
    )
    args = parser.parse_args(argv)
    if not args.pages:
        fixtures_report()
    pageset_report(args.worst, args.dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
