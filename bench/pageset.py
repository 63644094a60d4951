"""Real saved pages, their paste and their true body: how much article each reader keeps.

bench/data/pages/<id>/ holds page.html, pasted.txt (what select-all and copy gives) and
body.txt (the true body); SOURCES.md says where each page comes from.

Text is scored by word 4-gram shingles: lower-cased word tokens (letters, digits, inner
apostrophes) of the whole text in order, every run of four consecutive tokens counted with
multiplicity. Precision is the share of the output's shingles that are in the true body's
(multiset intersection), recall the share of the true body's shingles found in the output.
A kept furniture line costs precision, a lost sentence costs recall, and text in the wrong
order costs both, a little, at its joins. Overall figures pool the shingle counts of all
pages (micro-average), so long pages weigh more; the mean of the page F1s is printed too.

The readers scored, all on the same pages:
- raw paste: pasted.txt as it is (the anchor for pasted-text cleaning);
- ours, pasted: `read_article` on the pasted text, as the service reads a paste;
- ours, HTML: `read_article` on page.html;
- trafilatura: `trafilatura.extract(page.html)` with its defaults, its title first (the
  anchor for HTML extraction).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from narrator.errors import NarratorError
from narrator.text.extract import read_article

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SHINGLE = 4
SPLITS = ("tune", "heldout")
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    words = [w.lower() for w in _TOKEN.findall(text)]
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    pasted: str
    body: str
    split: str


def load(directory: Path = PAGES) -> list[Page]:
    """Every page, in sorted order; they alternate between the `tune` and `heldout` splits."""
    folders = sorted(p for p in directory.iterdir() if (p / "body.txt").exists())
    return [
        Page(
            id=folder.name,
            html=(folder / "page.html").read_bytes(),
            pasted=(folder / "pasted.txt").read_text(encoding="utf-8"),
            body=(folder / "body.txt").read_text(encoding="utf-8"),
            split=SPLITS[i % 2],
        )
        for i, folder in enumerate(folders)
    ]


@dataclass(frozen=True)
class Score:
    page: str
    split: str
    matched: int
    output: int
    gold: int
    seconds: float

    @property
    def precision(self) -> float:
        return self.matched / self.output if self.output else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(page: Page, reader: Callable[[Page], str]) -> Score:
    start = time.perf_counter()
    text = reader(page)
    seconds = time.perf_counter() - start
    got, want = shingles(text), shingles(page.body)
    return Score(
        page=page.id,
        split=page.split,
        matched=sum((got & want).values()),
        output=sum(got.values()),
        gold=sum(want.values()),
        seconds=seconds,
    )


@dataclass(frozen=True)
class Overall:
    pages: int
    precision: float
    recall: float
    f1: float
    mean_f1: float


def overall(scores: Iterable[Score]) -> Overall:
    scores = list(scores)
    matched = sum(s.matched for s in scores)
    output = sum(s.output for s in scores)
    gold = sum(s.gold for s in scores)
    p = matched / output if output else 0.0
    r = matched / gold if gold else 0.0
    mean = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    return Overall(len(scores), p, r, _f1(p, r), mean)


# --- the readers ----------------------------------------------------------------------


def raw_paste(page: Page) -> str:
    return page.pasted


FAILURES: list[str] = []  # "reader page: error" for crashes, printed by the bench


def _article_text(data: bytes, filename: str | None) -> str:
    try:
        article = read_article(data, filename=filename)
    except NarratorError:
        return ""
    except Exception as exc:  # a crash on a real page is a finding: score it empty, list it
        FAILURES.append(f"read_article({filename or 'pasted'}): {type(exc).__name__}: {exc}")
        return ""
    return "\n".join([article.title or "", *article.paragraphs])


def ours_pasted(page: Page) -> str:
    # As the service reads a paste: no file name, so the kind is sniffed from the text.
    return _article_text(page.pasted.encode("utf-8"), None)


def ours_html(page: Page) -> str:
    return _article_text(page.html, "page.html")


def plain_trafilatura(page: Page) -> str:
    import trafilatura

    html = page.html.decode("utf-8", errors="replace")
    text = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else ""
    return f"{title}\n{text}"


READERS: dict[str, Callable[[Page], str]] = {
    "raw paste": raw_paste,
    "ours, pasted": ours_pasted,
    "trafilatura": plain_trafilatura,
    "ours, HTML": ours_html,
}
