"""Dates stamped on a page or a card: a timestamp ("2013-12-30 16:42:01-05", "2024-03-01T10:00Z")
and a card's expiry ("Exp. 09/27")."""

from __future__ import annotations

import re

from narrator.text.normalize.dates import MONTHS, full_year, spoken_date
from narrator.text.normalize.spoken import Rule, military, year

# A machine's time stamp, "2020-05-19T17:52:00Z", or a page's, "2013-12-30 16:42:01-05": the
# date, then the time on a 24-hour clock.
_TIMESTAMP = re.compile(
    r"(?<![\w/.-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)[T\s](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)"
    r"(?::[0-5]\d(?:\.\d+)?)?(?P<z>Z|[+-]\d\d(?::?\d\d)?|\sUTC|\sGMT)?(?![\w:])"
)


def _timestamp(m: re.Match[str]) -> str:
    date = spoken_date(int(m["mo"]), int(m["d"]), m["y"])
    if date is None:
        return m.group(0)
    hours, minutes = int(m["h"]), int(m["mi"])
    clock = "midnight" if hours == minutes == 0 else military(hours, minutes)
    z = m["z"] or ""
    zone = " UTC" if z == "Z" else z if z in (" UTC", " GMT") else ""  # "-05": an offset, unsaid
    return f"{date}, {clock}{zone}"


# A card's month and year, "Expires 09/27", "Valid thru 04/28": with the month's zero, or a
# year no month has as a day ("expires 12/31" is the thirty-first of December)
_EXPIRY = re.compile(
    r"\b(?P<w>(?i:expires|expiry|valid thru|valid through|good thru))\s"
    r"(?:(?P<m>0[1-9])/(?P<y>\d\d)|(?P<m2>1[0-2])/(?P<y2>3[2-9]|[4-9]\d))\b(?!/)"
)


def _expiry(m: re.Match[str]) -> str:
    month, digits = m["m"] or m["m2"], m["y"] or m["y2"]
    return f"{m['w']} {MONTHS[int(month) - 1]} {year(full_year(digits))}"


RULES: list[Rule] = [(_TIMESTAMP, _timestamp), (_EXPIRY, _expiry)]
