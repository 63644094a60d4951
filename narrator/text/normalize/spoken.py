"""How the rules say things: shared by every written form (years, ordinals, plurals, rule type).

`final` is the one subtle piece: a rule that swallows an abbreviation period at the very end of
the sentence gives the sentence its period back, so the splitter still sees a sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from num2words import num2words

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

NUM = r"\d{1,3}(?:,\d{3})+|\d+"  # an integer, maybe with thousands separators
AMOUNT = rf"(?:{NUM})(?:\.\d+)?"  # and maybe with decimals


def final(m: re.Match[str], spoken: str) -> str:
    """`spoken`, plus a period when the match ended the sentence with an abbreviation period."""
    at_end = m.group(0).endswith(".") and not m.string[m.end() :].strip(" \"')]")
    return spoken + "." if at_end else spoken


def year(number: int) -> str:
    return str(num2words(number, to="year")).replace("oh-", "oh ")


def plural(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties" """
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return f"{head} {last}".strip()


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def is_one(number: str) -> bool:
    return number.replace(",", "") == "1"


def const(spoken: str) -> Callable[[re.Match[str]], str]:
    return lambda m: spoken


def abbreviation(spoken: str) -> Callable[[re.Match[str]], str]:
    """`spoken` for an abbreviation, keeping the sentence's own period (see `final`)."""
    return lambda m: final(m, spoken)
