"""A quarter or a half of a year named by its year: "Q3 2023", "Q4 '23", "H2 2022" are "the third
quarter of twenty twenty-three"; "an Audi Q3 2019" is a model."""

from __future__ import annotations

import re

from narrator.text.normalize.dates import PLAIN_CLIPPED_YEAR, full_year
from narrator.text.normalize.spoken import Rule, year

# A quarter or a half of a year named by its year: "Q3 2023", "Q4 '23", "H2 2022" are "the third
# quarter of twenty twenty-three" (every writer of the pairs who wrote one with its year; a bare
# "Q3 revenue" they split on, and it stays).
_PART_OF_YEAR = re.compile(
    r"(?P<the>\b[Tt]he\s+)?\b(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s+"
    rf"(?:(?P<year>(?:19|20)\d\d)(?![\w'\u2019]|[.,]\d)|{PLAIN_CLIPPED_YEAR}"
    # ... or by its fiscal year: "Q2 FY25", "Q2 FY2025"
    r"|(?:FY\s?|fiscal year )(?P<fy>(?:19|20)?\d\d)(?![\w'\u2019]|[.,]\d))"
)
_NTH = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
# ... but after a name it is a model ("an Audi Q3 2019"): a capitalised word before it other than
# one that opens a sentence's phrase.
_NAME_BEFORE = re.compile(r"\b(?P<w>[A-Z][\w-]*)\s+$")
_DETERMINED = re.compile(
    r"(?:['\u2019]s|s['\u2019]|\b(?:[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Mm]y|[Yy]our|[Tt]his|[Tt]hat))\s+$"
)
_OPENER_TEXT = """in for the by during since of from through until to and or as at on its their
    our his her a an this that last next each every after before between"""
_OPENERS = frozenset(_OPENER_TEXT.split())


def _part_of_year(m: re.Match[str]) -> str:
    named = _NAME_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
    if not m["the"] and named and named["w"].lower() not in _OPENERS:
        return m.group(0)
    part = f"{_NTH[m['q']]} quarter" if m["q"] else f"{_NTH[m['h']]} half"
    fiscal = "fiscal year " if m["fy"] else ""
    written = m["year"] or m["fy"]
    number = full_year(written) if written and len(written) == 2 else int(written or 0)
    number = number or full_year(m["yy"])
    # "the" unless a determiner is there already: "Apple's Q3 2023", "its H1 2024"
    owned = _DETERMINED.search(m.string, max(0, m.start() - 30), m.start())
    the = m["the"] or ("" if owned else "the ")
    return f"{the}{part} of {fiscal}{year(number)}"


RULES: list[Rule] = [(_PART_OF_YEAR, _part_of_year)]
