"""Roman numerals: "King Charles III" is "King Charles the third", "World War II" is "World War
two", "Super Bowl LVII" is "Super Bowl fifty-seven". espeak-ng says "roman three" for them.

After a name a numeral is a regnal or family number, read "the third"; after a word that counts
things (war, chapter, part, phase, type, a film series...) it is a cardinal. After a name only
numerals of I, V and X count (up to 39), so "Washington DC" and "Jane Doe, MD" stay letters; L
and C count only after a counting word. "I" is a numeral only after a counting word or after a
title and a name ("King Charles I"), never after a name alone ("Then Maria I said"); "X" only
after a counting word ("Malcolm X" is a name).
"""

from __future__ import annotations

import re

from num2words import num2words

from narrator.text.normalize.spoken import Rule, cardinal, year

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SMALL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_LARGE = r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_END = r"(?P<poss>'s)?(?![\w'-]|\.\w)"  # typographic apostrophes are plain by now
_COUNTING = (
    r"World War|Super Bowl|Vatican|Apollo|Gemini|Chapter|Part|Act|Scene|Book|Volume|Vol\.?"
    r"|Title|Article|Section|Amendment|Phase|Stage|Type|Class|Category|Grade|Level|Tier|Mark"
    r"|Mk\.?|Episode|Season|Schedule|Appendix|Annex|Rocky|Rambo|Star Wars|Final Fantasy"
    r"|Grand Theft Auto|Godfather|Olympiad|WrestleMania|Division|Formula"
)
_TITLES = (
    r"King|Queen|Pope|Prince|Princess|Emperor|Empress|Tsar|Czar|Sultan|Shah|Kaiser|Duke"
    r"|Duchess|Earl|Count|Countess|Baron|Lord|Lady|Saint|St\.?|Sir|Dame"
)
_NAME = r"[A-Z][a-z]+"
_COUNTED = re.compile(rf"\b(?P<before>(?i:{_COUNTING}))\s+(?P<num>{_LARGE})\b{_END}")
_TITLED = re.compile(
    rf"\b(?P<before>(?:{_TITLES})\s+(?:{_NAME}\s+){{0,2}}{_NAME})\s+(?P<num>{_SMALL})\b{_END}"
)
# A name alone: not "I" or "X"; a lone "V" not before a period ("Roe V. Wade").
_NAMED = re.compile(rf"\b(?P<before>{_NAME})\s+(?P<num>(?!I\b|X\b|V\.){_SMALL})\b{_END}")
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "Or"}


def _value(numeral: str) -> int:
    values = [_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _cardinal(m: re.Match[str]) -> str:
    return f"{m.group('before')} {cardinal(_value(m.group('num')))}{m.group('poss') or ''}"


def _ordinal(m: re.Match[str]) -> str:
    if m.group("before") in _NOT_NAMES:
        return m.group(0)
    nth = num2words(_value(m.group("num")), to="ordinal")
    return f"{m.group('before')} the {nth}{m.group('poss') or ''}"


# A numeral of four or more letters that begins with M is a year (a cornerstone, a film's
# copyright, a Super Bowl aside): "MMXXIV" is "twenty twenty-four", "MCMXCIX" "nineteen
# ninety-nine".
_YEAR = re.compile(
    r"(?<![\w'-])(?=M[MDCLXVI]{3,})M{1,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
    r"(?![\w'-])"
)


RULES: list[Rule] = [
    (_YEAR, lambda m: year(_value(m.group(0)))),
    (_COUNTED, _cardinal),
    (_TITLED, _ordinal),
    (_NAMED, _ordinal),
]
