"""Publication dates standing alone: "Published 3 hours ago", "Updated: March 3, 2024"."""

from __future__ import annotations

import re

# Datelines that stand alone: "Published 3 hours ago", "Updated: March 3, 2024 5:30 p.m. ET",
# "Posted on November 4, 2023 by Clare Whitfield". A line is one when nothing is left
# after removing date words, numbers, times, zones and separators.
_MONTHS = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAYS = r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b\.?"
_CLOCK = r"\b\d{1,2}[:.]\d{2}\b"
_DATE_TOKEN = re.compile(
    rf"{_MONTHS}|{_WEEKDAYS}|{_CLOCK}|\b\d{{1,4}}(?:st|nd|rd|th)?\b|\b[ap]\.?m\.?(?=\W|$)"
    r"|\b(?:utc|gmt|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ist|aest)\b"
    r"|\b(?:first |last )?(?:published|updated|posted|modified|date|edited)\b"
    r"|\b(?:on|at|ago|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|yesterday|today|min read|read|reading time|just now)\b",
    re.IGNORECASE,
)
# A date needs a month, a weekday, a clock time or a word such as "ago": "2024" is not one.
_DATE_ANCHOR = re.compile(
    rf"{_MONTHS}|{_WEEKDAYS}|{_CLOCK}|\b(?:ago|yesterday|today|published|updated|posted)\b",
    re.IGNORECASE,
)
_DATE_BYLINE = re.compile(r"\s+by\s+[^.!?]{1,60}$", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    """A line that is only a publication date or time, with an optional "by Name"."""
    if len(line) > 120 or not re.search(r"\d|\b(?:ago|yesterday|today)\b", line, re.I):
        return False
    if not _DATE_ANCHOR.search(line):
        return False  # "2024" or "12" alone may be a list item or a score, not a date
    rest = _DATE_TOKEN.sub(" ", _DATE_BYLINE.sub("", line))
    return not re.search(r"\w", rest)
