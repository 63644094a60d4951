"""Equations and formulas in prose: "x² + 4x = 12" is "x squared plus four x equals twelve",
"y ≥ 3" "y is greater than or equal to three", "√144" "the square root of 144", "πr²" "pi r
squared".

Signs are read as words only inside an equation, that is a sentence where "=" or a relation
sign stands between two terms with spaces around it; elsewhere "+" and "<" keep their other
readings ("12+", "<3"). A letter's "²" after a number is a unit's power ("20 m²": the units').
"""

# ruff: noqa: RUF001, RUF003 - the mathematical signs are matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule

_RELATIONS = {
    "=": "equals",
    "≠": "does not equal",
    "≈": "is approximately",
    "≥": "is greater than or equal to",
    "≤": "is less than or equal to",
    ">": "is greater than",
    "<": "is less than",
}
_TERM = r"[\w²³)π]"
# "<" and ">" only between numbers and single letters ("y < 0"): between words they are
# breadcrumbs and arrows ("HOME > NEWS").
_OPERAND = r"(?:\d+(?:\.\d+)?|\.\d+|[A-Za-z][²³]?|π)"  # ".001": a statistic's leading point
_RELATION = re.compile(
    rf"(?<={_TERM})\s(?P<sign>[=≠≈≥≤])\s(?=[\w(√π-]|\.\d)"
    rf"|(?<![\w.])(?P<left>{_OPERAND})\s(?P<compare>[<>])\s(?={_OPERAND}(?!\w|\.\d))"
)
_OPERATORS = re.compile(rf"(?<={_TERM})\s(?P<op>[+−*/×÷-])\s(?=[\w(√π])")
_OPERATOR_WORDS = {
    "+": "plus",
    "-": "minus",
    "−": "minus",
    "*": "times",
    "×": "times",  # in an equation; elsewhere "3 × 4" is a size, "by" (numbers.DIMENSIONS)
    "/": "divided by",
    "÷": "divided by",
}
# A coefficient before its variable: "4x" is "four x" (not "four times", as "a 4x zoom" is).
_COEFFICIENT = re.compile(r"(?<![\w.])(?P<n>\d+)(?P<v>[a-z])(?![\w²³^])")
_SQUARE_ROOT = re.compile(r"√\s?(?P<x>\d+(?:\.\d+)?|[a-zA-Z])")
# A variable squared or cubed, not a unit after its number, its number's scale or a slash
# ("20 m²", "2.3 billion m³", "kg/m²").
_POWERED = re.compile(
    r"(?<![A-Za-z\d/])(?<!\d\s)(?<!thousand\s)(?<!million\s)(?<!billion\s)(?<!trillion\s)"
    r"(?P<v>[a-zA-Z])(?P<p>[²³])"
)
_PI = re.compile(r"π")


# In an equation a short run of letters before a power is a product of variables: "mc²" is
# "M-C squared" (espeak would read "mc" as a word).
_PRODUCT = re.compile(r"(?<![A-Za-z])(?P<vs>[a-z]{2,3})(?=[²³])")


def _equation(m: re.Match[str]) -> str:
    sentence = m.group(0)
    if not _RELATION.search(sentence):
        return sentence
    sentence = _PRODUCT.sub(lambda p: "-".join(p["vs"].upper()), sentence)
    sentence = _COEFFICIENT.sub(lambda c: f"{c['n']} {c['v']}", sentence)
    sentence = _OPERATORS.sub(lambda o: f" {_OPERATOR_WORDS[o['op']]} ", sentence)
    return _RELATION.sub(
        lambda r: f"{r['left'] or ''} {_RELATIONS[r['sign'] or r['compare']]} ", sentence
    )


RULES: list[Rule] = [
    (re.compile(r"(?s).+"), _equation),
    (_SQUARE_ROOT, lambda m: f"the square root of {m['x']}"),
    (_POWERED, lambda m: f"{m['v']} {'squared' if m['p'] == '²' else 'cubed'}"),
    (_PI, lambda m: " pi "),
]
