"""Years and decades: "in 2019", "in 1906", "the 1990s", "the '90s", "in his 40s".

1100-1999 and 2010-2099 standing alone are read as years ("twenty nineteen", "nineteen oh
six"), as a newsreader does; 2000-2009 are left ("two thousand five" is what people say).
A bare "1500" becomes "fifteen hundred", which is also how people say a count.
"""

from __future__ import annotations

import re

from num2words import num2words

from narrator.text.normalize.spoken import Rule, plural, year

_DECADE = re.compile(r"(?<![\w'.,])(1[1-9]|20)(\d)0s\b")
_SHORT_DECADE = re.compile(r"(?<![\w.,])'?([2-9]0)s\b")
_YEAR = re.compile(r"(?<![\w.,$£€¥:/'#])(?<!\d-)(1[1-9]\d\d|20[1-9]\d)(?![\w%°]|[.,:-]\d)")


def _decade(m: re.Match[str]) -> str:
    return plural(year(int(m.group(1) + m.group(2) + "0")))


def _short_decade(m: re.Match[str]) -> str:
    return plural(str(num2words(int(m.group(1)))))


def _year_words(m: re.Match[str]) -> str:
    return year(int(m.group(1)))


RULES: list[Rule] = [
    (_DECADE, _decade),
    (_SHORT_DECADE, _short_decade),
    (_YEAR, _year_words),
]
