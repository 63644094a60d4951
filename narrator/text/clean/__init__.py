"""Remove page furniture from article text, line by line, by general rules.

Text pasted from a news page carries everything around the story: ad labels, share
buttons, reading-time badges, the labels of a listen widget, cookie notices, photo
captions and credits, "Related:" links. None of it should be read aloud.

Every rule here looks at features of a line (its length, whether it is a sentence,
keyword patterns anchored to the *whole* line, repetition) and never at one site's
markup. The risk is short lines: a body sentence such as "He declined." or
"Prices rose 2x." is short too, so a short line is dropped only when it matches a
furniture pattern as a whole, never for being short.

Input is a list of lines where "" marks a paragraph break (pasted text), or a list of
paragraphs (HTML and Markdown); the output keeps that shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from narrator.text.clean.audio import widget_choices
from narrator.text.clean.bylines import byline_author, names_only, titled_byline
from narrator.text.clean.credits import caption_core, is_credit_only, is_doubled
from narrator.text.clean.dates import is_date_line
from narrator.text.clean.furniture import is_furniture
from narrator.text.clean.lines import is_sentence, normalize_space, word_key
from narrator.text.clean.links import LINK_SECTION, cut_read_more
from narrator.text.clean.repeats import drop_contained, near_duplicate

__all__ = [
    "Cleaned",
    "byline_author",
    "clean_lines",
    "clean_paragraphs",
    "is_date_line",
    "is_furniture",
    "is_sentence",
    "normalize_space",
]


_CAPTION_LINES = 2
_TEASER_WORDS = 40  # a headline glued to its dek ("... at B&H Photo It's a good price for ...")
_CAPTION_WORDS = 40  # the longest line taken for a caption above its credit ...
_TIGHT_CAPTION_WORDS = 15  # ... or, in a paste with no blank lines between paragraphs, this
_BREAK_SHARE = 0.1  # a paste with fewer blank lines than this share has none between paragraphs


@dataclass(frozen=True)
class Cleaned:
    """Lines left after cleaning ("" still marks a paragraph break) and any byline author."""

    lines: list[str]
    author: str | None = None


def clean_lines(
    lines: Iterable[str], *, author: str | None = None, paragraphs: bool = False
) -> Cleaned:
    """Drop furniture, repeated captions and link lists; take the byline as the author.

    `author` is what is already known (from HTML metadata): a byline line is then
    dropped without replacing it. `paragraphs`: the lines are blocks with no blank lines
    between them (HTML, Markdown), so a line above a credit is not known to be its caption.
    """
    items = [cut_read_more(normalize_space(x)) for x in lines]
    keep = [bool(x) for x in items]
    found_author = author
    seen: list[str] = []  # keys of every non-empty line so far, kept or not
    headings: set[str] = set()  # those of them that were not sentences
    in_link_list = False
    choices = widget_choices(items)
    # A browser's copy of a page laid out in <div>s has no blank line between paragraphs: there
    # a body paragraph sits directly above a credit too, and only a short line is its caption.
    breaks = sum(1 for x in items if not x) >= _BREAK_SHARE * len(items)
    caption_words = _CAPTION_WORDS if breaks else _TIGHT_CAPTION_WORDS
    for i, line in enumerate(items):
        if not line:
            continue
        key, shown = word_key(line), line
        drop = False
        name = byline_author(line) if len(line) <= 120 else None
        name = name or titled_byline(line, next((x for x in items[i + 1 :] if x), ""))
        if found_author and names_only(line, found_author):
            drop = True  # a byline without "By": just the names we already have
        elif name:
            found_author = found_author or name
            drop = True
        elif is_furniture(line) or i in choices:
            drop = True
            in_link_list = in_link_list or bool(LINK_SECTION.match(line))
        elif LINK_SECTION.match(line):
            drop = in_link_list = True
        elif in_link_list and not is_sentence(line) and len(line.split()) <= _TEASER_WORDS:
            drop = True  # a headline in a list of links to other stories, maybe with its dek
        else:
            in_link_list = False
            core = caption_core(line)
            if core is not None and len(core.split()) <= 60:
                drop = True  # a photo caption with its credit
                key, shown = word_key(core), core
            elif is_doubled(line):
                drop = True  # a caption shown twice, its credit between
            # A caption or heading shown twice: the first one decides. A sentence that
            # echoes an earlier heading ("That's What X Is For" ... "That's what X was
            # for.") is the text the heading was made from, not a copy of it.
            echo = is_sentence(line)
            earlier = [s for s in seen if s and not (echo and s in headings)]
            if key and any(near_duplicate(key, s) for s in earlier):
                drop = True
        if is_credit_only(line) and not paragraphs:
            # Captions sit directly above their credit line, no blank line between (one
            # caption, or the same caption twice); a body paragraph has a blank line after.
            j = i - 1
            while (
                j >= max(i - _CAPTION_LINES, 0)
                and items[j]
                and len(items[j].split()) <= caption_words
            ):
                keep[j] = False
                j -= 1
        seen.append(key)
        if not is_sentence(shown):
            headings.add(key)
        if drop:
            keep[i] = False
    out = drop_contained([x if k else "" for x, k in zip(items, keep, strict=True)])
    return Cleaned(lines=_collapse_breaks(out), author=found_author)


def _collapse_breaks(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def clean_paragraphs(paragraphs: Iterable[str], *, author: str | None = None) -> Cleaned:
    """The same rules for text already split into paragraphs (HTML, Markdown)."""
    result = clean_lines(paragraphs, author=author, paragraphs=True)
    return Cleaned(lines=[x for x in result.lines if x], author=result.author)
