"""The bench's articles in the other forms a publisher or a reader hands them over:
`.venv/bin/python bench/forms.py [--dir bench/data/pages]`.

Every page of bench/data/pages* has its true body (body.txt: the headline, then a paragraph a
line). Each form below is made from that body alone, read as the service reads an upload, and
scored by the same word 4-gram shingles as bench/extraction.py against the body. The first
row, the body as plain paragraphs, is the reference: a form that scores below it loses text
that its form alone cost.

- paragraphs: a paragraph a line, a blank line between (the reference);
- wrapped 72 / 72, no blank / 50: hard-wrapped as a plain-text email or a .txt file is, at 72 or
  50 columns, with or without blank lines between paragraphs;
- PDF copy: wrapped by the width of proportional type (narrow and wide letters), no blank lines;
  and the same across pages, every 40 lines a page number and a running head wherever the page
  breaks (mid-paragraph too);
- Markdown: front matter, "#" headline, "##" short lines, inline links, an image, wrapped at 80;
- HTML newsletter: an email edition in a layout table, with "View this email in your browser"
  above and the mailer's footer ("You are receiving this email because...", "Unsubscribe |
  Update preferences") below;
- JSON-LD only: an HTML page whose body says "Loading..." and whose story is in its JSON-LD
  articleBody (a page rendered in the browser);
- paywall: an HTML page that shows the headline and two paragraphs, then "Subscribe to continue
  reading", with the whole story in its JSON-LD articleBody;
- paywall, other JSON-LD: the same page whose JSON-LD carries another text (the reader must
  keep what the page shows).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import pageset  # noqa: E402
from narrator.errors import NarratorError  # noqa: E402
from narrator.text.extract import read_article  # noqa: E402

Form = Callable[[str, list[str]], tuple[str, str | None]]  # (title, paragraphs) -> (text, name)
_WIDE = {**dict.fromkeys("iljtf.,;:'!|()[] ", 0.55), **dict.fromkeys("mwMW", 1.5)}


def _pdf_lines(paragraph: str, budget: float = 80.0) -> str:
    lines, line, width = [], [], 0.0
    for word in paragraph.split():
        size = sum(_WIDE.get(c, 1.3 if c.isupper() else 1.0) for c in word) + 0.55
        if line and width + size > budget:
            lines.append(" ".join(line))
            line, width = [], 0.0
        line.append(word)
        width += size
    return "\n".join([*lines, " ".join(line)])


def _pdf_pages(title: str, rest: list[str]) -> tuple[str, str | None]:
    """A PDF's copy across pages: every 40 lines a page number and a running head (odd pages)
    or "Page N of 9" (even pages), wherever the page breaks, mid-paragraph too."""
    lines = "\n".join(_pdf_lines(p) for p in [title, *rest]).split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and i % 40 == 0:
            page = i // 40 + 1
            head = f"THE EXAMPLE TIMES \u00b7 Monday, March 4, 2024 \u00b7 Page {page}"
            out += [str(page), "", head, ""] if page % 2 else [f"Page {page} of 9"]
        out.append(line)
    return "\n".join(out), None


def _markdown(title: str, rest: list[str]) -> tuple[str, str | None]:
    chooser = random.Random(len(rest))
    out = [f'---\ntitle: "{title}"\nauthor: Jane Doe\ndate: 2024-05-01\n---', f"# {title}"]
    for i, paragraph in enumerate(rest):
        if len(paragraph) < 60 and not paragraph.endswith("."):
            out.append(f"## {paragraph}")
        else:
            words = paragraph.split()
            if len(words) > 8 and i % 2 == 0:
                k = chooser.randrange(0, len(words) - 3)
                words[k] = f"[{words[k]}](https://example.com/{k})"
            out.append(textwrap.fill(" ".join(words), 80, break_on_hyphens=False))
        if i == 1:
            out.append("![A photo of the scene](https://example.com/photo.jpg)")
    return "\n\n".join(out), "article.md"


def _page(title: str, shown: str, body: str) -> tuple[str, str | None]:
    ld = json.dumps({"@type": "NewsArticle", "headline": title, "articleBody": body})
    head = f"<title>{html.escape(title)} | Example News</title>"
    head += f'<script type="application/ld+json">{ld}</script>'
    nav = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    foot = "<footer>&copy; 2024 Example News. All rights reserved.</footer>"
    page = f"<!doctype html><html><head>{head}</head><body>{nav}{shown}{foot}</body></html>"
    return page, "page.html"


def _paywall(title: str, rest: list[str], body: list[str]) -> tuple[str, str | None]:
    shown = "".join(f"<p>{html.escape(p)}</p>" for p in rest[:2])
    prompt = "<p>Subscribe to continue reading. Already a subscriber? Log in.</p>"
    article = f"<article><h1>{html.escape(title)}</h1>{shown}{prompt}</article>"
    return _page(title, article, "\n\n".join(body))


def _newsletter(title: str, rest: list[str]) -> tuple[str, str | None]:
    rows = [f"<tr><td><h1>{html.escape(title)}</h1></td></tr>"]
    rows += [f"<tr><td><p>{html.escape(p)}</p></td></tr>" for p in rest]
    top = "<tr><td><a href='#'>View this email in your browser</a></td></tr>"
    bottom = (
        "<tr><td><p>You are receiving this email because you subscribed to our newsletter.</p>"
        "<p><a href='#'>Unsubscribe</a> | <a href='#'>Update preferences</a></p>"
        "<p>Example News, 1 Main St, Springfield</p></td></tr>"
    )
    table = f"<table width='600'>{top}{''.join(rows)}{bottom}</table>"
    foot = "<div class='footer'>&copy; 2024 Example News</div>"
    head = f"<head><title>{html.escape(title)}</title></head>"
    page = f"<html>{head}<body>{table}{foot}</body></html>"
    return page, "newsletter.html"


_OTHER = [
    f"An unrelated paragraph, number {i}, about the weather, traffic on the bridge and a bake "
    "sale at the library this coming weekend."
    for i in range(30)
]
FORMS: dict[str, Form] = {
    "paragraphs": lambda t, r: ("\n\n".join([t, *r]), None),
    "wrapped 72": lambda t, r: ("\n\n".join(textwrap.fill(p, 72) for p in [t, *r]), None),
    "wrapped 72, no blank": lambda t, r: ("\n".join(textwrap.fill(p, 72) for p in [t, *r]), None),
    "wrapped 50": lambda t, r: ("\n\n".join(textwrap.fill(p, 50) for p in [t, *r]), None),
    "PDF copy": lambda t, r: ("\n".join(_pdf_lines(p) for p in [t, *r]), None),
    "PDF copy, with page numbers and running heads": _pdf_pages,
    "Markdown": _markdown,
    "HTML newsletter": _newsletter,
    "JSON-LD only": lambda t, r: _page(t, "<div id='root'>Loading...</div>", "\n\n".join(r)),
    "paywall": lambda t, r: _paywall(t, r, r),
    "paywall, other JSON-LD": lambda t, r: _paywall(t, r, _OTHER),
}


def score(pages: list[pageset.Page], form: Form) -> tuple[pageset.Overall, float]:
    """Overall shingle scores of `form` of every page, and the lowest page recall."""
    scores = []
    for page in pages:
        title, *rest = [x for x in page.body.split("\n") if x.strip()]
        text, name = form(title, rest)

        def read(_: pageset.Page, text: str = text, name: str | None = name) -> str:
            try:
                article = read_article(text.encode("utf-8"), filename=name)
            except NarratorError:
                return ""
            return "\n".join([article.title or "", *article.paragraphs])

        scores.append(pageset.score(page, read))
    return pageset.overall(scores), min(s.recall for s in scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, action="append", help="page sets (default: all)")
    args = parser.parse_args(argv)
    dirs = args.dir or sorted(p for p in (HERE / "data").glob("pages*") if p.is_dir())
    pages = [page for folder in dirs for page in pageset.load(folder)]
    print(f"{len(pages)} pages of {len(dirs)} sets\n")
    print("| form | P | R | F1 | lowest page R |")
    print("|---|---:|---:|---:|---:|")
    for name, form in FORMS.items():
        overall, lowest = score(pages, form)
        p, r, f1 = overall.precision, overall.recall, overall.f1
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {lowest:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
