"""Two months and days joined as a span, "3/1-3/15", "11/7 thru 11/11": two dates, read in the
order the sentence decides (narrator.text.normalize.dates), unless both are a recipe's
fractions ("1/2-3/4 cup")."""

# ruff: noqa: RUF001, RUF003 - the en dash is matched and quoted on purpose

from __future__ import annotations

import re
from collections.abc import Callable

from narrator.text.normalize.dates import MONTH_NAME, day_first_here, said_day_first, spoken_date
from narrator.text.normalize.spoken import Rule

_NUMERIC_SPAN = re.compile(
    r"(?<![\w/.,-])(?P<a>\d{1,2})/(?P<b>\d{1,2})\s?(?P<to>[-–]|thru|through|to|until)\s?"
    r"(?P<c>\d{1,2})/(?P<d>\d{1,2})(?![\w/]|[.,]\d)"
)
_FRACTION_BOTTOMS = frozenset({2, 3, 4, 8, 16})


def _numeric_span(day_first: bool) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        a, b, c, d = (int(m[g]) for g in "abcd")
        if all(top < bottom and bottom in _FRACTION_BOTTOMS for top, bottom in ((a, b), (c, d))):
            return m.group(0)
        days = [said_day_first(y, x, None) for x, y in ((a, b), (c, d))]
        months = [spoken_date(x, y, None) for x, y in ((a, b), (c, d))]
        # the order the sentence decides, or the only one both dates allow
        orders = [days, months] if day_first_here(m.string, day_first) else [months, days]
        said = next((o for o in orders if None not in o), None)
        if said is None:
            return m.group(0)
        to = {"thru": "through"}.get(m["to"], m["to"] if m["to"].isalpha() else "to")
        return f"{said[0]} {to} {said[1]}"

    return replace


# A life or a reign between two dates with their years, set apart by a spaced dash: "(10
# December 1815 – 27 November 1852)", "(c. 1162 – August 18, 1227)", "(c. 1341 – c. 1323 BC)":
# the dash is "to" (the dates' own words would otherwise make it a pause)
_ERA = r"(?:\s?(?:BCE|BC|CE|AD))?"
_LIFESPAN = re.compile(
    rf"(?P<a>\b\d{{3,4}}{_ERA})\s[–—-]\s(?=(?:(?:c\.|circa)\s?)?(?:\d{{1,2}}\s{MONTH_NAME}\.?\s\d{{3,4}}"
    rf"|{MONTH_NAME}\.?\s\d{{1,2}},?\s\d{{3,4}}|\d{{3,4}}{_ERA}\b))"
)


# ... and two numeric dates with their years, "07/01/2025–06/30/2026" (a lease's term)
_NUMERIC_DATES_SPAN = re.compile(
    r"(?P<a>(?<![\w/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\s?[–—-]\s?(?=\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b)"
)


def rules(day_first: bool) -> list[Rule]:
    return [
        (_LIFESPAN, lambda m: f"{m['a']} to "),
        (_NUMERIC_DATES_SPAN, lambda m: f"{m['a']} to "),
        (_NUMERIC_SPAN, _numeric_span(day_first)),
    ]
