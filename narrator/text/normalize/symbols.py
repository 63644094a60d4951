"""Symbols between words: "#1", "#MeToo", " & ", "~5", "±", "and/or", "w/", "his/her"."""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, const, year

_SYMBOL_RULES: list[tuple[str, str]] = [
    (r"#(?=\d|[A-Z]{1,3}\d)", "number "),
    (r"\s&\s", " and "),
    (r"(?<!\w)[~≈]\s?(?=[\d$£€¥])", "about "),
    (r"±|\+/-", " plus or minus "),
    # a rise written with its sign, "forecasts of +0.3%", "+27.56" (a phone's "+44" is read
    # before)
    (r"(?<![\w)+])\+(?=\d)", "plus "),
    # A price or a rate after "@": "50 shares @ $118.40", "2 @ 5%" (an address has no space)
    (r"(?<!\S)@(?=\s?[\d$£€¥₹])", "at"),
    # "1 PM ET / 10 AM PT", "Sahuquillo / de Benito": two things, a pause
    (r"\s/\s", ", "),
    # "Disney+", "Top Safety Pick+", "an A+ student"
    (r"(?<=[A-Za-z])\+(?=[\s.,;:)!?]|$)", " plus"),
    (r"\b24/7\b", "24 7"),
    (r"\band/or\b", "and or"),
    (r"\bw/o\b", "without"),
    (r"\bw/c\b", "week commencing"),  # a British notice's "w/c 10 February"
    (r"(?<![\w/])w/(?=\s)", "with"),
    (r"(?<=[a-z])/(?=[a-z])", " or "),
    (r"(?<=[A-Za-z])/(?=[A-Za-z])", " "),
    (r"[*_^~]", " "),
]


# A hashtag, its digits apart from its words and a year said as one: "#Election2024" is
# "hashtag Election twenty twenty-four" (espeak: "Election two thousand twenty-four").
# (not an order's or a ticket's number, "#A1234-567": a capital or three, then digits)
_HASHTAG = re.compile(r"#(?=[A-Za-z])(?![A-Z]{1,3}\d)(?P<tag>\w+)")
_TAG_YEAR = re.compile(r"(?<=[A-Za-z])(?P<y>1[1-9]\d\d|20\d\d)\b")


def _hashtag(m: re.Match[str]) -> str:
    return "hashtag " + _TAG_YEAR.sub(lambda y: f" {year(int(y['y']))}", m["tag"])


RULES: list[Rule] = [
    (_HASHTAG, _hashtag),
    *[(re.compile(p), const(s)) for p, s in _SYMBOL_RULES],
]
