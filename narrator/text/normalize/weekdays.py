"""Weekdays: "Thurs., Sept. 5", "Mon, Sep 15, 2020", "WED. 5 JUNE", "Mon-Fri".

An abbreviated weekday is read as one only where it cannot be a word: before a date or a time
with its period or a comma ("Mon, Sep 15", "Sat. at 10"), right before a day and its month
("Sat 8 Feb"), or in a range of weekdays ("Mon-Fri"). "Sun", "Sat" and "Wed" are words too
("The Sun, 5 May"), so before a number alone they need their period.
"""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.dates import MONTH_NAME
from narrator.text.normalize.spoken import Rule, final

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ABBREVIATIONS = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3}
_ABBREVIATIONS |= {"Fri": 4, "Sat": 5, "Sun": 6}
_INDEX = {d.lower(): i for i, d in enumerate(_WEEKDAYS)}
_INDEX |= {a.lower(): i for a, i in _ABBREVIATIONS.items()}
_SHORT = sorted(_ABBREVIATIONS, key=len, reverse=True)
_SHORT_CASES = "|".join([*_SHORT, *(a.upper() for a in _SHORT)])
_ANY = "|".join([*_WEEKDAYS, *(d.upper() for d in _WEEKDAYS), _SHORT_CASES])
_WORDS = ("Sun", "Sat", "Wed")
_LOWER = "|".join(a.lower() for a in _SHORT)
_BEFORE_DATE = re.compile(
    rf"\b(?P<a>{_SHORT_CASES}|{_LOWER})(?P<dot>\.)?,?(?=\s+(?:at\s+)?(?:{MONTH_NAME}|\d))"
)
_RANGE = re.compile(
    rf"\b(?P<a>{_ANY})\.?(?:\s?[-–—]\s?|\s(?P<w>thru|through|to)\s)(?P<b>{_ANY})\b\.?"
)
# A shop's or a clinic's hours by initials, "M-F 9-5", "M-Th 8am": Monday, and the day after.
# A day after a clock time is a day: "Tee time 7:08 Sat.", "open 9am-5pm Mon."
_AFTER_TIME = re.compile(
    rf"(?P<t>\b\d{{1,2}}(?::\d\d)?\s?(?:[ap]\.?m\b\.?|[AP]\.?M\b\.?)|\b\d{{1,2}}:\d\d)"
    rf"\s(?P<a>{_SHORT_CASES})\b\.?"
)
_INITIALS = {"F": "Friday", "Th": "Thursday", "Sa": "Saturday", "Sat": "Saturday"}
_INITIAL_RANGE = re.compile(r"\bM\s?[-–]\s?(?P<b>F|Th|Sat?)\b(?=:?\s+\d)")


def _weekday(name: str) -> str:
    return _WEEKDAYS[_INDEX[name.lower()]]


# A day and its month after it make a date of it even without a period: "Sat 8 Feb", "Fri Jan 5",
# "Thu 11/7", "Fri 31/01/2020".
_FULL_DATE = re.compile(
    rf"\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME}|{MONTH_NAME}\.?\s+\d"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/(?:\d{{4}}|\d{{2}}))?\b(?!/))"
)


# "Sun 11am-6pm", "Sat 9-6": a day's hours after it (a span of hours, or a clock time)
_TIME_AFTER = re.compile(
    r",?\s+\d{1,2}(?::\d\d)?\s?(?:[ap]\.?m\b|[AP]\.?M\b"
    r"|[-–]\s?\d{1,2}(?::\d\d)?(?:\s?[apAP]\.?[mM])?\b(?![-–/.]\d))"
)
# Days in a list, "Tues & Thurs", "Mon, Wed and Fri": each one a day.
_SEP = r"\s?(?:&|and|,|/)\s?"
_LISTED = re.compile(rf"\b(?:{_SHORT_CASES})\b\.?(?:{_SEP}(?:{_SHORT_CASES})\b\.?)+")
_ONE = re.compile(rf"\b(?P<d>{_SHORT_CASES})\b\.?")


def _listed(m: re.Match[str]) -> str:
    said = _ONE.sub(lambda d: _weekday(d["d"]), m.group(0))
    return final(m, re.sub(r"\s?&\s?", " and ", said))


def _before_date(m: re.Match[str]) -> str:
    # "The Sun, 5 May": with a comma between, a word after "the" stays a word ("Doors open
    # Sat, Oct 12" is the day)
    named = re.search(r"\b[Tt]he\s$", m.string[: m.start()])
    dated = (not m.group(0).endswith(",") or not named) and _FULL_DATE.match(m.string, m.end())
    words = m.group("a").title() in _WORDS
    # "on Wed, 12 Mar", "every Sun at 10": a day after "on" or "every" is a weekday
    introduced = re.search(
        r"\b(?:[Oo]n|[Ee]very|[Nn]ext|[Ll]ast|[Tt]his)\s$", m.string[: m.start()]
    )
    # "Sun 11am-6pm", but "The Sun 10-5": a name's word after "the" is no day
    timed = not (named and words) and _TIME_AFTER.match(m.string, m.end())
    if m.group("a").islower() and not (m.group("dot") and dated):
        return m.group(0)  # "sat. april 20" in a text without capitals; "sat 20" is a verb
    if not (m.group("dot") or dated or introduced or timed) and (
        words or not m.group(0).endswith(",")
    ):
        return m.group(0)
    return _weekday(m.group("a")) + ("," if m.group(0).endswith(",") else "")


# A weekday with its period after a word that counts or names days: "the first Sat. in Dec.",
# "every Tues. night", "on Wed., the 15th" (the period or comma makes it no verb or star)
_NAMED_DAY = re.compile(
    r"\b(?P<w>first|second|third|fourth|fifth|last|every|each|next|this|on|On|Every|Next|This|Last)"
    rf"\s(?P<a>{_SHORT_CASES})\.(?=,?\s|$)"
)


RULES: list[Rule] = [
    (_NAMED_DAY, lambda m: final(m, f"{m['w']} {_weekday(m['a'])}")),
    # "Monday through Friday", as Americans say a span of days (and as three of our four
    # independent writers did)
    (_RANGE, lambda m: final(m, f"{_weekday(m['a'])} {m['w'] or 'through'} {_weekday(m['b'])}")),
    (_INITIAL_RANGE, lambda m: f"Monday through {_INITIALS[m['b']]}"),
    (_AFTER_TIME, lambda m: final(m, f"{m['t']} {_weekday(m['a'])}")),
    (_LISTED, _listed),
    (_BEFORE_DATE, _before_date),
]
