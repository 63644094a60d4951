"""Punctuation left after the rules: dashes between words become pauses, stray commas go."""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

_PUNCT_RULES: list[tuple[re.Pattern[str], str]] = [
    # dashes between words are pauses; a hyphen inside a word stays
    (re.compile(r"\s*(?:—|–|--+)\s*|\s+-\s+"), ", "),
    (re.compile(r"\s+([,.;:!?)\]])"), r"\1"),
    (re.compile(r"([(\[])\s+"), r"\1"),
    (re.compile(r"([(\[])\s*,\s*"), r"\1"),
    (re.compile(r",(\s*,)+"), ","),
    (re.compile(r",\s*([.;:!?)\]])"), r"\1"),
    (re.compile(r"^[\s,;:]+"), ""),
    (re.compile(r"\s*,\s*$"), ""),
    (re.compile(r",(?=[^\s\d\"')\]])"), ", "),
    (re.compile(r"\s{2,}"), " "),
]


def tidy(text: str) -> str:
    for pattern, replacement in _PUNCT_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()
