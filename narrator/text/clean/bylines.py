"""Bylines ("By Jane Doe, Reuters"), a line of the author's names alone, and sign-offs
("Reporting by ...") at the end of wire copy."""

from __future__ import annotations

import re

from narrator.text.clean.labels import is_job_title
from narrator.text.clean.lines import normalize_space, word_key

# "By Jane Doe", "By JANE DOE and Sam Roe, Associated Press", "Written by Jane Doe".
_NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|der|da|la|le|bin)){{1,4}}"
_BYLINE = re.compile(
    rf"^(?i:(?:written |words |story |text |reported |posted )?(?:by|par|von|por|di|door|av)):?\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    rf"(?P<rest>\s*(?:,|\||\u00b7|\u2022|-|\u2013|\u2014|\bin\b|\bfor\b)\s*[^.!?]{{0,80}}|\s*)$",
)
# "Jane Doe, Reuters" or "JANE DOE | Staff writer": a byline without "By", only taken as one
# next to other evidence (a dateline below it).
_NAMES_LINE = re.compile(
    rf"^(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})?)"
    rf"(?P<rest>\s*(?:,|\||\u00b7|\u2022|-|\u2013|\u2014)\s*[^.!?]{{0,60}}|\s*)$",
)
_NOT_NAME = re.compile(
    r"\b(?:the|of|in|on|at|to|for|with|from|is|are|was|new|how|why|what)\b", re.I
)
_SIGNOFF = re.compile(
    r"^\(?(?:reporting|writing|additional reporting|editing|compiled|produced) by [^()]{1,200}\)?$",
    re.IGNORECASE,
)


def byline_author(line: str) -> str | None:
    """The name(s) in a byline such as "By Jane Doe, Reuters"; None for any other line."""
    line = normalize_space(line)
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    return _names(m.group("names")) if m else None


def names_line(line: str) -> str | None:
    """The name(s) of a byline printed without "By" ("Jane Doe, Reuters"); None when the
    line has words no name has ("The Big Picture")."""
    line = normalize_space(line)
    m = _NAMES_LINE.match(line) if len(line) <= 80 else None
    if not m or _NOT_NAME.search(m.group("names")):
        return None
    return _names(m.group("names"))


def _names(found: str) -> str | None:
    # "A, B and C, Reuters": the names end at the one after the last "and"; with no "and",
    # only the first is a name ("Jane Doe, Central Coast Times" is a name and a paper).
    parts = re.split(r"\s*(,|\band\b|&)\s*", found)
    names, separators = parts[0::2], parts[1::2]
    joins = [i for i, sep in enumerate(separators) if sep != ","]
    names = names[: joins[-1] + 2] if joins else names[:1]
    # A line of all capitals is titled, so "JANE DOE" reads as "Jane Doe".
    cleaned = [n.title() if n.isupper() else n for n in (x.strip() for x in names) if n]
    if not cleaned:
        return None
    return cleaned[0] if len(cleaned) == 1 else ", ".join(cleaned[:-1]) + " and " + cleaned[-1]


def titled_byline(line: str, following: str) -> str | None:
    """The name(s) of a byline printed without "By" over the writer's job title ("Ellen
    Parry" above "Transport correspondent"); None when `following` is not a job title."""
    return names_line(line) if is_job_title(normalize_space(following)) else None


def names_only(line: str, author: str) -> bool:
    """ "Ana Ruiz and Tom Hale" when the author is "Ana Ruiz and Tom Hale" (any order)."""
    if len(line) > 120:
        return False

    def names(text: str) -> set[str]:
        parts = re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", text.lower().removeprefix("by "))
        return {word_key(p) for p in parts if word_key(p)}

    return names(line) == names(author)


# The writer's note at the foot of a story: a name, then what the writer is ("Max Rivlin-Nadler
# is an investigative journalist whose reporting has appeared in ...", "Jamelle Bouie is
# Slate's chief political correspondent.").
_BIO = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]+\s){1,3}(?:is|was|has been|serves as)\s"
    r"(?:an?|the|[A-Z][\w&.-]*(?:'s|\u2019s))\s(?:[\w-]+\s){0,6}?"
    r"(?:reporter|correspondent|writer|editor|columnist|contributor|journalist|producer|author"
    r"|freelancer|photographer|critic)s?\b"
)
_BIO_WORDS = 80


def is_bio(line: str) -> bool:
    return len(line.split()) <= _BIO_WORDS and bool(_BIO.match(line))


# Who helped with the story, at its foot: "Associated Press writer Michelle Faul contributed to
# this report from Lagos, Nigeria.", "Contributing: Jane Doe, USA TODAY".
_CONTRIBUTED = re.compile(
    r"^[^.!?]{3,160}\bcontributed(?: reporting)? to (?:this|the) (?:report|story|article)"
    r"(?: from [^.!?]{1,60})?\.?$"
    r"|^contributing:\s[^.!?]{1,160}$",
    re.IGNORECASE,
)


def is_signoff(line: str) -> bool:
    return len(line) <= 250 and bool(_SIGNOFF.match(line) or _CONTRIBUTED.match(line))
