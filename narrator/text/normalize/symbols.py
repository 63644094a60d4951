"""Symbols between words: "#1", "#MeToo", " & ", "~5", "±", "and/or", "w/", "his/her"."""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, const

_SYMBOL_RULES: list[tuple[str, str]] = [
    (r"#(?=\d)", "number "),
    (r"#(?=[A-Za-z])", "hashtag "),
    (r"\s&\s", " and "),
    (r"(?<!\w)[~≈]\s?(?=[\d$£€¥])", "about "),
    (r"±", " plus or minus "),
    (r"\b24/7\b", "24 7"),
    (r"\band/or\b", "and or"),
    (r"\bw/o\b", "without"),
    (r"(?<![\w/])w/(?=\s)", "with"),
    (r"(?<=[a-z])/(?=[a-z])", " or "),
    (r"(?<=[A-Za-z])/(?=[A-Za-z])", " "),
    (r"[*_^~]", " "),
]


RULES: list[Rule] = [(re.compile(p), const(s)) for p, s in _SYMBOL_RULES]
