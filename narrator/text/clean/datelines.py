"""Datelines: where a story was filed, at the head of its first paragraph.

Wire and newspaper copy opens with the place it was filed from, in capitals, often with the
agency in brackets and a date, then a dash: "LONDON (Reuters) - The bank said ...",
"MONTGOMERY, Ala. -- Alabama's new law ...", "BEIJING, March 3 (Xinhua) -- ...",
"Washington (CNN) -- Democrats ...", "(CNN) -- The official ...". Read as it is, the place
runs into the story's first sentence; it belongs with the byline ("By NAME, in PLACE.").

The evidence is the convention itself, never a list of places: an upper-case place (or a
title-case one when an agency in brackets follows), an optional region (", Calif.") and
date, an optional agency, then a dash, at the head of one of the first paragraphs, with a
sentence after it. A page may print the byline without "By" on the line just above
("Jane Doe, Reuters"): next to a dateline, a line of name shape is that byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.text.clean.bylines import names_line
from narrator.text.clean.furniture import is_furniture

_UPPER_WORD = r"[A-Z][A-Z.'\u2019-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?"
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)[A-Z]*\.?"
)
_DATELINE = re.compile(
    rf"^(?:(?P<upper>{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,3}})"
    rf"|(?P<title>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}}))?"
    # ", Calif." / ", N.Y." / ", Ukraine" / ", South Africa"
    r"(?P<region>,\s*(?!(?:"
    + _MONTH
    + r")\s+\d)[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2})?"
    # ", March 3" / ", Jan. 5, 2024" / " (Aug. 13)"
    rf"(?:,\s*(?:{_MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?|\s*\((?:{_MONTH})\s+\d{{1,2}}\))?"
    r"(?:\s*\((?P<agency>[A-Z][A-Za-z.&' -]{0,30})\))?"
    r"(?P<dash>\s*(?:\u2014|\u2013|--)\s*|\s+[-\u2013](?:\s+|$)|:(?:\s+|$))"
    r"(?P<rest>.*)$",
    re.DOTALL,
)
# A news label in capitals before a dash or colon is a kicker, not a place.
_LABELS = re.compile(
    r"^(?:update[sd]?|correction|clarification|editor'?s note|note|watch|video|photos?|listen"
    r"|read more|related|new|exclusive|breaking|live|opinion|analysis|review|q&a|faq)$",
    re.IGNORECASE,
)
_MIN_REST_WORDS = 6
_SEARCHED = 3  # paragraphs from the top in which a dateline is looked for


@dataclass(frozen=True)
class Dateline:
    place: str | None  # "San Francisco", "Montgomery, Ala."; None for "(CNN) --"
    agency: str | None  # "AP", "Reuters"
    rest: str  # the paragraph after the dateline ("" when the dateline stands alone)


def dateline(paragraph: str) -> Dateline | None:
    """The dateline at the head of `paragraph`, or None."""
    m = _DATELINE.match(paragraph.strip())
    if not m:
        return None
    upper, title, agency = m.group("upper"), m.group("title"), m.group("agency")
    if not (upper or agency) or (title and not agency):
        return None  # a title-case place needs its agency to be a dateline
    if m.group("dash").strip() == ":" and not agency:
        return None  # "UPDATE: ..." and "PARIS: ..." look alike; a colon needs an agency
    place_words = upper or title
    if place_words and (_LABELS.match(place_words) or is_furniture(place_words)):
        return None
    if upper and not any(len(w.strip(".")) >= 3 for w in upper.split()):
        return None  # "AI -" or "U.S. -" opening a sentence, not a place
    rest = m.group("rest").strip()
    if rest and (
        len(rest.split()) < _MIN_REST_WORDS
        or (not rest[0].isupper() and rest[0] not in "\"'\u201c\u2018")
    ):
        return None
    place = None
    if place_words:
        place = _place_case(place_words) + (m.group("region") or "")
    return Dateline(place=place, agency=agency.strip() if agency else None, rest=rest)


def _place_case(words: str) -> str:
    """ "SAN FRANCISCO" -> "San Francisco", "ST. LOUIS" -> "St. Louis"; "D.C." as it is."""
    if not words.isupper():
        return words
    return " ".join(w if re.fullmatch(r"(?:[A-Z]\.)+", w) else w.title() for w in words.split())


@dataclass(frozen=True)
class Byline:
    """The paragraphs with the dateline (and a byline line beside it) taken out."""

    paragraphs: list[str]
    author: str | None
    place: str | None


def take_dateline(paragraphs: list[str], author: str | None = None) -> Byline:
    """Split the dateline off the first paragraphs: its place becomes `place`, its agency the
    author when none is known, and a name-shaped line just above it the author."""
    out = list(paragraphs)
    for i, paragraph in enumerate(out[:_SEARCHED]):
        found = dateline(paragraph)
        if found is None or (not found.rest and i + 1 >= len(out)):
            continue
        if found.rest:
            out[i] = found.rest
        else:
            del out[i]  # the dateline on a line of its own
        if i > 0 and (name := names_line(out[i - 1])):
            author = author or name
            del out[i - 1]
        return Byline(paragraphs=out, author=author or found.agency, place=found.place)
    return Byline(paragraphs=out, author=author, place=None)
