"""Years, eras and decades: "in 2019", "in 1906", "476 A.D.", "400 BC", "the 1990s", "the '90s",
"in his 40s", "the 1960s-80s", "the class of '99", "the crash of '08".

1100-1999 and 2010-2099 standing alone are read as years ("twenty nineteen", "nineteen oh
six"), as a newsreader does; 2000-2009 are left ("two thousand five" is what people say).
A bare "1500" becomes "fifteen hundred", which is also how people say a count. Beside an era
(AD, BC, BCE, CE) any number of up to four digits is a year: "four seventy-six A D"; the era
is spelled, "A-D", since espeak reads "AD" as the word "ad" (and "A D" as "uh D").
"""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, cardinal, final, plural, year

# "1990s", also "1990's" and "80's" as often written
_FULL_DECADE = r"(?:1[1-9]|2\d)\d0'?s"  # to "the 2100s", "twenty-one hundreds"
_SHORT = r"'?[2-9]0'?s|['\u2019]00s"  # "the '00s": "the two thousands"
_DECADE_RANGE = re.compile(
    rf"(?<![\w'.,])(?P<a>{_FULL_DECADE}|{_SHORT})\s?[-–—]\s?(?P<b>{_FULL_DECADE}|{_SHORT})\b"
)
_DECADE = re.compile(rf"(?<![\w'.,])({_FULL_DECADE})\b")
_SHORT_DECADE = re.compile(rf"(?<![\w.,])({_SHORT})\b")
_YEAR = re.compile(r"(?<![\w.,$£€¥:/'#])(?<!\d-)(1[1-9]\d\d|20[1-9]\d)(?![\w%°]|[.,:-]\d)")
# "'08": a year by its last two digits, "oh eight" (espeak says "zero eight")
_SHORT_YEAR = re.compile(r"(?<![\w'\u2019])['\u2019](?P<yy>\d\d)(?![\w'\u2019]|[.,]\d)")
# An early year (1000-1099) read as one where only a year fits: after "in", "since", "dates to"
# and the like, at the end of a clause. "in 1066" is "ten sixty-six", "in 1066 cases" is left.
# So is a year after 2099 ("by 2100": "twenty-one hundred"), and one "around" a date.
_EARLY_YEAR = re.compile(
    r"\b(?P<before>in|since|until|by|from|circa|around|before|after"
    r"|(?:dates?|dating) (?:back )?to)"
    r"\s(?P<y>10\d\d|2[1-9]\d\d)(?=[.,;:!?]|\s(?:AD|A\.D\.|and|when|or)\b|$)"
)
_ERA = r"A\.?D\.?|B\.?C\.?(?:E\.?)?|C\.?E\.?"
_YEAR_ERA = re.compile(rf"(?<![\w.,])(?P<year>\d{{1,4}})\s?(?P<era>{_ERA})(?!\w)")
# A span of years closed by its era, "2500-2000 BC", "from 300 to 250 BCE": both ends are years
# (the range rule has put its "to" in).
_YEARS_ERA = re.compile(
    rf"(?<![\w.,])(?P<a>\d{{1,4}})\s(?P<to>to|and)\s(?=\d{{1,4}}\s?(?:{_ERA})(?!\w))"
)
_ERA_YEAR = re.compile(r"\b(?P<era>A\.?D\.?)\s?(?P<year>\d{1,4})\b(?![.,]\d)")


def _decade_digits(text: str) -> str:
    """ "1990s", "'80s", "1990's" -> "1990", "80"."""
    return text.strip("'").removesuffix("s").rstrip("'")


def _decade(text: str) -> str:
    digits = _decade_digits(text.replace("\u2019", "'"))
    if digits == "00":
        return "two thousands"
    return plural(year(int(digits)) if len(digits) == 4 else cardinal(int(digits)))


def _decade_range(m: re.Match[str]) -> str:
    """ "the 1960s-80s" is "the nineteen sixties to eighties", and so are two decades side by
    side ("the 1950s-60s": seven of the twelve writers who wrote one said "to", five "and")."""
    return f"{_decade(m.group('a'))} to {_decade(m.group('b'))}"


# "early-to-mid 1990s", "mid-to-late '80s": the hyphens are no pause
_PART_SPAN = re.compile(r"\b(?P<a>[Ee]arly|[Mm]id|[Ll]ate)-to-(?P<b>early|mid|late)(?=[-\s]['\d])")


def _short_year(digits: str) -> str:
    if digits == "00":
        return "two thousand"
    return f"oh {cardinal(int(digits))}" if digits[0] == "0" else year(int(digits))


def _era(m: re.Match[str]) -> str:
    # Hyphens: espeak reads a lone "A" as the article ("uh D"); "A-D" is said as two letters.
    era = "-".join(c for c in m.group("era") if c.isalpha())
    number = year(int(m.group("year")))
    spoken = f"{era} {number}" if m.start("era") < m.start("year") else f"{number} {era}"
    return final(m, spoken)


# "Early-2000s", "mid-1990s", "late-'80s": the hyphen is no pause
_PART_OF_DECADE = re.compile(r"\b(?P<p>[Ee]arly|[Mm]id|[Ll]ate)-(?=(?:1[1-9]|20)\d0'?s\b|'\d0s\b)")

RULES: list[Rule] = [
    (_PART_OF_DECADE, lambda m: f"{m['p']} "),
    (_YEARS_ERA, lambda m: f"{year(int(m['a']))} {m['to']} "),
    (_YEAR_ERA, _era),
    (_ERA_YEAR, _era),
    (_PART_SPAN, lambda m: f"{m['a']} to {m['b']}"),
    (_DECADE_RANGE, _decade_range),
    (_DECADE, lambda m: _decade(m.group(1))),
    (_SHORT_DECADE, lambda m: _decade(m.group(1))),
    (_SHORT_YEAR, lambda m: _short_year(m["yy"])),
    (_YEAR, lambda m: year(int(m.group(1)))),
    (_EARLY_YEAR, lambda m: f"{m['before']} {year(int(m['y']))}"),
]
