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
# A scale as written after a number (a word or its abbreviation) -> the word said: money
# ("$5bn"), plain counts ("150k people", "1.2M customers") and measures ("6.4bn km") alike.
SCALES = {
    "thousand": "thousand",
    "k": "thousand",
    "K": "thousand",
    "million": "million",
    "m": "million",
    "M": "million",
    "mn": "million",
    "mln": "million",
    "MN": "million",  # all-caps copy: "$2.5MN ORDER"
    "MLN": "million",
    "billion": "billion",
    "b": "billion",
    "B": "billion",
    "bn": "billion",
    "bln": "billion",
    "BN": "billion",
    "BLN": "billion",
    "trillion": "trillion",
    "tn": "trillion",
    "TN": "trillion",
    "T": "trillion",
    # Indian numbering: "Rs 300 crore" is "300 crore rupees" (the scale before the currency).
    "lakh": "lakh",
    "lakhs": "lakh",
    "crore": "crore",
    "crores": "crore",
}


def final(m: re.Match[str], spoken: str) -> str:
    """`spoken`, plus a period when the match ended the sentence with an abbreviation period."""
    at_end = m.group(0).endswith(".") and not m.string[m.end() :].strip(" \"')]")
    return spoken + "." if at_end else spoken


_BETWEEN = re.compile(r"\b[Bb]etween\s(?:[a-z]+\s)?$")


def span_word(m: re.Match[str]) -> str:
    """What joins the two ends of a span: "and" after "between" ("between exits 12-14",
    "between 9-11am"), otherwise "to"."""
    return "and" if _BETWEEN.search(m.string, max(0, m.start() - 30), m.start()) else "to"


# Indian digit grouping, lakhs and crores: "1,50,000", "85,00,000", "12,34,56,789" (no other
# grouping puts two digits between commas)
INDIAN = r"\d{1,2}(?:,\d\d)+,\d{3}"


def indian(number: str) -> str:
    """ "1,50,000" -> "one lakh fifty thousand", as it is read where it is written so."""
    crore, rest = divmod(int(number.replace(",", "")), 10**7)
    lakh, rest = divmod(rest, 10**5)
    parts = [f"{cardinal(crore)} crore"] if crore else []
    parts += [f"{cardinal(lakh)} lakh"] if lakh else []
    return " ".join(parts + ([cardinal(rest)] if rest else []))


def year(number: int) -> str:
    """ "nineteen oh six", "twenty nineteen", "two thousand five" (no British "and")."""
    return str(num2words(number, to="year")).replace("oh-", "oh ").replace(" and ", " ")


def cardinal(number: int) -> str:
    """ "one hundred twenty-three thousand four hundred fifty-six", American style."""
    return str(num2words(number)).replace(" and ", " ").replace(",", "")


def clock_minutes(minutes: int) -> str:
    """ "oh five", "thirty": the minutes of a clock time."""
    return f"oh {cardinal(minutes)}" if minutes < 10 else cardinal(minutes)


def military(hours: int, minutes: int) -> str:
    """A 24-hour time as it is said: "oh nine oh five", "seventeen hundred", "zero thirty"."""
    said_hours = (
        "zero" if hours == 0 else f"oh {cardinal(hours)}" if hours < 10 else cardinal(hours)
    )
    return f"{said_hours} {clock_minutes(minutes) if minutes else 'hundred'}"


def digits(group: str) -> str:
    """ "90210" -> "nine oh two one oh": a code read digit by digit, a zero as "oh"."""
    return " ".join("oh" if d == "0" else cardinal(int(d)) for d in group)


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


def counted(number: str, unit: str) -> str:
    """ "1 second", "9.58 seconds": a number and its unit, singular only for one."""
    return f"{number} {unit}" if is_one(number) else f"{number} {unit}s"


def const(spoken: str) -> Callable[[re.Match[str]], str]:
    return lambda m: spoken


def abbreviation(spoken: str) -> Callable[[re.Match[str]], str]:
    """`spoken` for an abbreviation, keeping the sentence's own period (see `final`)."""
    return lambda m: final(m, spoken)
