"""Plain (pasted) text: lines to paragraphs, list items kept apart, a conservative headline."""

from __future__ import annotations

from collections.abc import Sequence

from narrator.text.clean import is_sentence, normalize_space
from narrator.text.clean.body import page_body
from narrator.text.clean.datelines import dateline
from narrator.text.clean.glued import unglue
from narrator.text.clean.wraps import BULLET as _BULLET
from narrator.text.clean.wraps import WIDEST as WRAPPED_WIDTH
from narrator.text.clean.wraps import unwrap
from narrator.text.extract.raw import RawArticle


def from_text(text: str) -> RawArticle:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    # A hard-wrapped text (an email, a PDF's copy) first gets a paragraph per line, as a
    # browser's copy has: every rule below weighs lines as paragraphs.
    lines = [part.rstrip() for line in unwrap(lines) for part in unglue(line)]
    # A dateline opens a paragraph: the line above it (a byline without "By") is not its start.
    lines = [part for line in lines for part in (["", line] if dateline(line) else [line])]
    # A whole page pasted from a browser: keep its headline and the article's region.
    lines = page_body(lines)
    return RawArticle(lines=lines, joined=False, line_breaks=_line_per_paragraph(lines))


def _line_per_paragraph(lines: Sequence[str]) -> bool:
    """Text with no blank line anywhere and long lines uses one line per paragraph."""
    filled = [i for i, x in enumerate(lines) if x.strip()]
    if not filled:
        return False
    inside = lines[filled[0] : filled[-1] + 1]
    return all(x.strip() for x in inside) and sum(len(x) > 100 for x in inside) >= 2


def join_lines(lines: Sequence[str], *, line_breaks: bool = False) -> list[str]:
    """Plain-text lines to paragraphs. Blank lines separate paragraphs; a single newline
    joins lines with a space unless they are separate short items (a list, or short lines
    that are not a wrapped text), or the text has no blank lines at all (`line_breaks`:
    then every line is a paragraph)."""
    if line_breaks:
        return [normalize_space(_BULLET.sub("", x)) for x in lines if x.strip()]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        paragraphs.extend(_block_paragraphs(block))
        block = []
    return [p for p in paragraphs if p]


def _block_paragraphs(block: list[str]) -> list[str]:
    items = [bool(_BULLET.match(x)) for x in block]
    if len(block) > 1 and (all(items) or _short_items(block) or _unwrapped(block)):
        return [normalize_space(_BULLET.sub("", x)) for x in block]
    out: list[str] = []
    for line, item in zip(block, items, strict=True):
        text = normalize_space(_BULLET.sub("", line) if item else line)
        if out and not item:
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _unwrapped(block: Sequence[str]) -> bool:
    """A block whose lines are not a hard-wrapped paragraph: two or more run past any
    wrapping width. A browser's copy breaks lines only between blocks and at <br> (a blog
    that writes its paragraphs with line breaks, no blank line between them), so there
    each line is a paragraph or a heading of its own."""
    return sum(len(x.strip()) > WRAPPED_WIDTH for x in block) >= 2


def _short_items(block: Sequence[str]) -> bool:
    """Separate items: every line short, none continuing the one before in lower case,
    and not a hard-wrapped text (whose lines, but the last, are about the same length)."""
    lengths = [len(x.strip()) for x in block]
    wrapped = len(block) > 2 and max(lengths) >= 40 and min(lengths[:-1]) > 0.75 * max(lengths)
    return (
        max(lengths) <= 60
        and not wrapped
        and not any(x.lstrip()[:1].islower() for x in block[1:])
        and not any(is_sentence(x.strip()) and len(x.split()) > 6 for x in block)
    )


_HEADLINE_MAX_WORDS = 20


def text_headline(lines: list[str]) -> tuple[str | None, list[str]]:
    """The first line (after cleaning) is the title only if it reads like a headline: short,
    no final full stop, a paragraph break after it (a blank line, or a byline or other
    furniture that the cleaner removed) and more text after that. Else it stays body text."""
    first = next((i for i, x in enumerate(lines) if x), None)
    if first is None or first + 2 >= len(lines):
        return None, lines
    candidate = lines[first]
    if lines[first + 1] or not any(lines[first + 2 :]) or not _is_headline(candidate):
        return None, lines
    return candidate, lines[first + 1 :]


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _HEADLINE_MAX_WORDS
        and len(line) <= 150
        and not line.endswith((".", ",", ";", ":"))
        and line[:1].isupper() | line[:1].isdigit() | (line[:1] in "\"'\u201c\u2018")
        and not _BULLET.match(line)
    )
