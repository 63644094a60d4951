"""The story as a page's structured data gives it: JSON-LD `articleBody`, read where the
page's own text holds clearly less of it.

A news page tells search engines its whole story in JSON-LD, also where the page shows less of
it: behind a paywall the HTML stops after a few paragraphs ("Subscribe to keep reading"), and a
page that renders in the browser ships a near-empty body ("Loading..."). trafilatura reads the
HTML; it falls back to `articleBody` only when it finds almost nothing, and on four of the
bench's 210 pages rebuilt that way (the story in JSON-LD alone) it found a title and nothing
else. The structured body is taken only with evidence: clearly longer than what the HTML gave,
and, where the HTML gave a story at all, the same story (most of its lines are in it).
Everywhere else the HTML's text stands: it keeps the headings and list items that a flat
`articleBody` string loses.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from narrator.text.clean import normalize_space
from narrator.text.extract.raw import fold

MIN_WORDS = 50  # a structured body shorter than this is a summary, not the story
MORE = 1.25  # ... and it must hold this many times the words the HTML gave
MORE_WORDS = 20  # ... and this many more
STORY_WORDS = 10  # the HTML gave a story of its own from this many words: it must match
SAME_STORY = 0.5  # of the HTML's words, the share in lines the structured body holds
LINE_HELD = 0.8  # of a line's word 4-grams, the share that makes it held
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|br)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def body_lines(body: str) -> list[str]:
    """`articleBody` as lines: its own line breaks, or its paragraphs where it holds HTML."""
    text = html.unescape(body)
    if _TAG.search(text):
        text = _TAG.sub("", _BLOCK.sub("\n", text))
    return [normalize_space(line) for line in text.split("\n") if line.strip()]


def _grams(text: str) -> set[tuple[str, ...]]:
    words = fold(text).split()
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def _shared(lines: list[str], structured: list[str], title: str | None) -> tuple[int, int]:
    """(words of the HTML's lines that the structured body holds, words of all of them): a
    line is held when most of its word 4-grams are (the headline is left out: the body
    does not repeat it)."""
    theirs = _grams(" ".join(structured))
    held = total = 0
    for line in lines:
        grams = _grams(line)
        if not grams or (title and fold(line) == fold(title)):
            continue
        total += len(line.split())
        if len(grams & theirs) >= LINE_HELD * len(grams):
            held += len(line.split())
    return held, total


def fuller(
    lines: list[str], body: str | None, words: Callable[[list[str]], int], title: str | None
) -> list[str] | None:
    """The structured body's lines where they hold clearly more of the same story than
    `lines` (what the HTML gave; `words` counts a text's prose words); None: keep `lines`."""
    if not body:
        return None
    structured = body_lines(body)
    have, more = words(lines), words(structured)
    if more < MIN_WORDS:
        return None
    held, total = _shared(lines, structured, title)
    if more >= have and held >= LINE_HELD * total and len(structured) > len(lines):
        return structured  # the same text in more paragraphs (trafilatura's fallback joins them)
    if more < have * MORE + MORE_WORDS:
        return None
    if total >= STORY_WORDS and held < SAME_STORY * total:
        return None  # another text: a related story's, or the site's description
    return structured
