"""Hard-wrapped text: paragraphs broken over lines of a fixed width, put back on one line each.

A plain-text email, a `.txt` file, a Markdown source or a page copied from a PDF breaks its
paragraphs into lines of about the same width. The page cleaner weighs lines as a browser's
copy gives them, one paragraph or heading each: fragments of a wrapped paragraph do not read
as sentences, so a wrapped article lost its opening lines to the headline search and its
paragraphs' last lines to the body's end (on hard-wrapped copies of the true bodies of the
bench's 210 pages, at 72 columns, recall fell from 0.997 to 0.961, to 0.33 on the worst).

A wrapper breaks a line where the next word would not fit: line + space + the next line's first
word is longer than the width. The width is not known, but no wrapped line is longer, so the
longest line with a space in it stands for it (a URL or a word longer than the width stays
whole on its own line). A text is taken for wrapped only when most of its lines of half that
width or more that another line follows were broken that way, and no line with a space runs
past WIDEST; a browser's copy has long lines, and its short ones (menus, labels) are far from
any width.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

WIDEST = 100  # a line with a space longer than this: the text is not hard-wrapped
NARROWEST = 30  # ... nor when its longest line is shorter than this (a list, a poem)
MIN_BREAKS = 5  # the fewest wrapped breaks that show a text is hard-wrapped
WRAPPED_SHARE = 0.6  # of the long lines another line follows, those the width broke
SLACK = 0.15  # of the width: a PDF's proportional type breaks lines a little short
BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d{1,3}[.)])\s+")  # a list item's start


def _first_word(line: str) -> str:
    words = line.split()
    return words[0] if words else ""


def _width(lines: Sequence[str]) -> int:
    return max((len(x.strip()) for x in lines if " " in x.strip()), default=0)


def _broken(line: str, after: str, width: int) -> bool:
    """Did a wrapper of `width` break `line` before `after` (the next line)?"""
    text, nxt = line.strip(), after.strip()
    if not text or not nxt or text.endswith(":") or BULLET.match(nxt):
        return False
    return len(text) + 1 + len(_first_word(nxt)) > width * (1 - SLACK)


def is_wrapped(lines: Sequence[str]) -> bool:
    """Is `lines` a hard-wrapped text (see the module's docstring)?"""
    width = _width(lines)
    if not NARROWEST <= width <= WIDEST:
        return False
    # Lines of at least half the width that another line follows: in a wrapped text nearly
    # all were broken by the width (the others end a paragraph: a list's short items, a
    # heading or a paragraph's last line do not count either way).
    pairs = [
        (a, b) for a, b in itertools.pairwise(lines) if len(a.strip()) >= width / 2 and b.strip()
    ]
    breaks = sum(_broken(a, b, width) for a, b in pairs)
    return breaks >= MIN_BREAKS and breaks >= WRAPPED_SHARE * len(pairs)


def _joined(line: str, after: str) -> str:
    # A word the wrapper broke at its hyphen ("well-" / "known") is joined without a space.
    if line.endswith("-") and line[-2:-1].isalpha() and after[:1].islower():
        return line + after
    return f"{line} {after}"


# A page's number on a line of its own: "7", "Page 7", "Page 7 of 12", "- 7 -", "7/12".
_PAGE_NUMBER = re.compile(
    r"^[-\s\u2013\u2014\u00b7|]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-\s\u2013\u2014\u00b7|]*$",
    re.IGNORECASE,
)
RUNNING_WORDS = 15  # a page's running head or foot is no longer than this
PAGE_LINES = 20  # ... and comes back no sooner than this many lines later


def _page_furniture(lines: Sequence[str]) -> set[int]:
    """The lines a PDF's copy repeats on every page: page numbers, and short running heads and
    feet that come back the same but for their numbers ("THE TIMES · March 4 · Page 3"), a
    page apart each time (a list's "Step 1", "Step 2" come lines apart)."""
    at: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        text = line.strip()
        if text and len(text.split()) <= RUNNING_WORDS and re.search(r"\d", text):
            shape = "#" if _PAGE_NUMBER.match(text) else re.sub(r"\d+", "#", text.lower())
            at.setdefault(shape, []).append(i)
    return {
        i
        for shape, places in at.items()
        # a page number on two pages; a running line on three (or naming its page): at a
        # narrow width a fragment of a paragraph with a figure in it can come back once
        if len(places) >= (2 if shape == "#" or "page" in shape else 3)
        and min(b - a for a, b in itertools.pairwise(places)) >= PAGE_LINES
        for i in places
    }


def _without_page_breaks(lines: list[str]) -> list[str]:
    """`lines` without page furniture and the blank lines around it: a paragraph that a page
    break cut goes on from the last line of one page to the first of the next."""
    furniture = _page_furniture(lines)
    if not furniture:
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in furniture:
            while out and not out[-1].strip():
                out.pop()
            continue
        if not line.strip() and (i - 1 in furniture or not out):
            continue
        out.append(line)
    return out


def unwrap(lines: list[str]) -> list[str]:
    """`lines` with each hard-wrapped paragraph on one line, and a PDF's page numbers and
    running heads left out; as they are if not wrapped."""
    if not is_wrapped(lines):
        return lines
    lines = _without_page_breaks(lines)
    width = _width(lines)
    out: list[str] = []
    carry = False  # the last line of `out` was broken by the wrapper: the next continues it
    for i, line in enumerate(lines):
        text = line.strip()
        if carry and text:
            out[-1] = _joined(out[-1], text)
        else:
            out.append(line.rstrip())
        after = lines[i + 1] if i + 1 < len(lines) else ""
        carry = bool(text) and _broken(text, after, width)
    return out
