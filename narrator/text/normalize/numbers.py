"""Multipliers and fractions: "2x faster", "a 4x4 truck", "3/4 of voters", "2½ years"."""

# ruff: noqa: RUF001 - the multiplication sign is matched on purpose

from __future__ import annotations

import re

from num2words import num2words

from narrator.text.normalize.spoken import Rule

_TIMES = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[xX×](?![\w])")
_BY = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[xX×]\s?(\d+(?:\.\d+)?)(?![\w.])")
_FRACTION = re.compile(r"(?<![\w/.])([1-9])/([2-9]|10)(?![\w/])")
_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}
_VULGAR = {
    "½": "a half", "¼": "a quarter", "¾": "three quarters", "⅓": "a third", "⅔": "two thirds"
}
_MIXED = re.compile(r"(\d)\s?([½¼¾⅓⅔])")


def _fraction(m: re.Match[str]) -> str:
    top, bottom = int(m.group(1)), int(m.group(2))
    if top >= bottom:
        return m.group(0)
    one, many = _DENOMINATORS.get(bottom, (str(num2words(bottom, to="ordinal")),) * 2)
    if many == one:
        many = one + "s"
    return f"{num2words(top)} {one if top == 1 else many}"


RULES: list[Rule] = [
    (_MIXED, lambda m: f"{m.group(1)} and {_VULGAR[m.group(2)]}"),
    (_BY, lambda m: f"{m.group(1)} by {m.group(2)}"),
    (_TIMES, lambda m: f"{m.group(1)} times"),
    (_FRACTION, _fraction),
]
