"""Telephone numbers: "1-800-555-0199", "(202) 555-0143", "202.555.0143", "+44 20 7946 0958",
and the other numbers read digit by digit: "call 911", "ZIP code 90210", "area code 628".

espeak reads "1-800-555-0199" as "one dash eight hundred dash five hundred fifty-five dash
zero one hundred ninety-nine". People read a phone number digit by digit, group by group, with
a pause between the groups; a toll-free "800" stays "eight hundred". Only shapes that are
phone numbers and nothing else are rewritten: the North American 3-3-4 grouping (with an
optional leading 1 or +1) and international numbers written with their "+" country code.
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, cardinal

_SEP = r"[\s.\-\u2010\u2011\u2013]"
_NORTH_AMERICAN = re.compile(
    rf"(?<![\w.+\-])(?:(?:\+?1){_SEP}?)?(?:\(\d{{3}}\)\s?|\d{{3}}{_SEP})"
    rf"\d{{3}}{_SEP}\d{{4}}(?![\w\-]|\.\d)"
)
# "+44 20 7946 0958", "+33 1 42 68 53 00": a "+", then groups of digits, 8 to 15 in all.
_INTERNATIONAL = re.compile(
    rf"(?<![\w+])\+\d{{1,3}}(?:{_SEP}\(?\d{{1,5}}\)?){{2,6}}(?![\w\-]|\.\d)"
)

# 911 is "nine one one" (a Porsche 911 is a "nine eleven": narrator.text.normalize.models).
_EMERGENCY = re.compile(r"(?<![\w.,/$#-])(?<!Porsche )911(?![\w/%-]|[.,]\d)")
# A ZIP code is read digit by digit, a zero as "oh": "nine oh two one oh".
_ZIP = re.compile(
    r"\b(?P<label>ZIP(?:\s[Cc]odes?)?|[Zz]ip\scodes?|[Pp]ostal\scodes?)\s"
    r"(?P<zip>\d{5})(?:-(?P<plus4>\d{4}))?(?![\w-]|[.,]\d)"
)
_AREA_CODE = re.compile(r"\b(?P<label>[Aa]rea\scodes?)\s(?P<zip>\d{3})(?P<plus4>)(?![\w-]|[.,]\d)")


# A phone extension, digit by digit: "ext. 204" is "extension two oh four".
_EXTENSION = re.compile(r"\b(?:[Ee]xt\.|[Ee]xtension)\s?(?P<n>\d{2,6})(?![\w-]|[.,]\d)")


def _digits(group: str) -> str:
    return " ".join("oh" if d == "0" else cardinal(int(d)) for d in group)


def _zip(m: re.Match[str]) -> str:
    spoken = f"{m['label']} {_digits(m['zip'])}"
    return f"{spoken}, {_digits(m['plus4'])}" if m["plus4"] else spoken


def _groups(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _spoken(groups: list[str]) -> str:
    def said(i: int, group: str) -> str:
        if group == "800" and i <= 1 and len(groups) >= 3:  # the toll-free prefix
            return "eight hundred"
        return " ".join(cardinal(int(d)) for d in group)

    return ", ".join(said(i, g) for i, g in enumerate(groups))


def _north_american(m: re.Match[str]) -> str:
    return _spoken(_groups(m.group(0)))


def _international(m: re.Match[str]) -> str:
    groups = _groups(m.group(0))
    if not 8 <= sum(len(g) for g in groups) <= 15:
        return m.group(0)
    return "plus " + _spoken(groups)


RULES: list[Rule] = [
    (_INTERNATIONAL, _international),
    (_NORTH_AMERICAN, _north_american),
    (_EMERGENCY, lambda m: "nine one one"),
    (_ZIP, _zip),
    (_AREA_CODE, _zip),
    (_EXTENSION, lambda m: f"extension {_digits(m['n'])}"),
]
