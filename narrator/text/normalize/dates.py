"""Dates: "Feb 10, 2022", "10 February 2022", "10/02/2022", "2022-02-10", "Feb. 2022".

Numeric dates: a part over 12 is the day; when both parts could be the month the date is read
US style (month first) unless `day_first` (the article's language is English but not US).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from narrator.text.normalize.spoken import Rule, final, ordinal

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
_MONTH_ABBR = {m[:3]: m for m in _MONTHS} | {"Sept": "September"}
_MONTH = r"(?P<month>" + "|".join([*_MONTHS, *_MONTH_ABBR]) + r")\.?"
_DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR_OPT = r"(?:,?\s+(?P<year>\d{4})\b)?"
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!:|\.\d|,\d){_YEAR_OPT}")
_DATE_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z]){_YEAR_OPT}")
_DATE_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")
_DATE_ISO = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# "Feb. 2022", "in Sept." (not "Jan.", a first name, without a number after it)
_MONTH_ALONE = re.compile(r"\b(Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jan(?=\.\s*\d))\.")


def _month(name: str) -> str:
    return _MONTH_ABBR.get(name, name)


def _spoken_date(month: int, day: int, year: str | None) -> str:
    date = f"{_MONTHS[month - 1]} {ordinal(day)}"
    return f"{date}, {year}" if year else date


def _date_words(m: re.Match[str]) -> str:
    if int(m.group("day")) == 0:
        return m.group(0)
    month = _MONTHS.index(_month(m.group("month"))) + 1
    return _spoken_date(month, int(m.group("day")), m.group("year"))


def _numeric_date(day_first: bool) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if a > 12 or (day_first and b <= 12):
            day, month = a, b
        else:
            month, day = a, b
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m.group(0)
        return _spoken_date(month, day, year)

    return replace


def _iso_date(m: re.Match[str]) -> str:
    month, day = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    return _spoken_date(month, day, m.group(1))


def rules(day_first: bool) -> list[Rule]:
    return [
        (_DATE_ISO, _iso_date),
        (_DATE_NUMERIC, _numeric_date(day_first)),
        (_DATE_MDY, _date_words),
        (_DATE_DMY, _date_words),
        (_MONTH_ALONE, lambda m: final(m, _month(m.group(1)))),
    ]
