"""Telephone numbers: "1-800-555-0199", "(202) 555-0143", "202.555.0143", "555-0143",
"+44 20 7946 0958", and the other numbers read digit by digit: "call 911", "ZIP code 90210",
"area code 628".

espeak reads "1-800-555-0199" as "one dash eight hundred dash five hundred fifty-five dash
zero one hundred ninety-nine". People read a phone number digit by digit, group by group, with
a pause between the groups; a toll-free "800" stays "eight hundred". Only shapes that are
phone numbers and nothing else are rewritten: the North American 3-3-4 grouping (with an
optional leading 1 or +1) and international numbers written with their "+" country code.
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, cardinal, digits

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
# A national number with its trunk zero, in three groups of 10 or 11 digits in all, as
# Britain and much of Europe write them: "020 7946 0123", "0161 496 0000".
_TRUNK = re.compile(
    r"(?<![\w.+\-/$#,])0\d{1,4}(?P<sep>[ -])\d{3,4}(?P=sep)\d{3,4}(?![\w\-]|[.,]\d)"
    # ... or with the trunk code in brackets, as Australia writes it: "(02) 9876 5432"
    r"|(?<![\w.+\-/$#,])\(0\d{1,4}\)\s?\d{3,4}[ -]?\d{3,4}(?![\w\-]|[.,]\d)"
)


def _trunk(m: re.Match[str]) -> str:
    groups = _groups(m.group(0))
    return _spoken(groups) if 10 <= sum(map(len, groups)) <= 11 else m.group(0)


# A ZIP code is read digit by digit, a zero as "oh": "nine oh two one oh".
_ZIP = re.compile(
    r"\b(?P<label>ZIP(?:\s[Cc]odes?)?|[Zz]ip\scodes?|[Pp]ostal\scodes?)\s"
    r"(?P<zip>\d{5})(?:-(?P<plus4>\d{4}))?(?![\w-]|[.,]\d)"
)
# ... and one before the words that name it: "the 30301 ZIP code".
_ZIP_BEFORE = re.compile(
    r"(?<![\w.,$])(?P<label>)(?P<zip>\d{5})(?:-(?P<plus4>\d{4}))?(?=\s(?:ZIP|[Zz]ip|[Pp]ostal)\b)"
)
_AREA_CODE = re.compile(r"\b(?P<label>[Aa]rea\scodes?)\s(?P<zip>\d{3})(?P<plus4>)(?![\w-]|[.,]\d)")


# A local number without its area code, "555-0142": three digits and four, which could also be
# a range ("300-1200 calories"). A phone number when the four begin with a zero (no range ends
# on "0142") or when the words just before it are about calling.
_LOCAL = re.compile(
    r"(?<![\w.+\-/$#,])(?P<a>[2-9]\d\d)[-.\u2010\u2011](?P<b>\d{4})(?![\w\-]|[.,]\d)"
)
_CALLING = re.compile(
    r"\b(?:call(?:s|ed|ing)?|phone|telephone|tel|dial(?:s|ed|ing)?|fax|text(?:s|ed|ing)?|"
    r"hotline|helpline|reach(?:ed)?|contact(?:ed)?|number\s(?:is|was)|ph|mobile|cell)\b"
    r"[\s\w.:,()-]{0,24}$",
    re.I,
)


def _local(m: re.Match[str]) -> str:
    before = m.string[max(0, m.start() - 60) : m.start()]
    if m["b"][0] != "0" and not _CALLING.search(before):
        return m.group(0)
    return _spoken([m["a"], m["b"]])


# A toll-free number spelled as a word, "1-800-FLOWERS": "one eight hundred FLOWERS".
_VANITY = re.compile(
    r"(?<![\w-])1-(?P<prefix>8(?:00|88|77|66|55|44|33))-(?=[A-Z]{2,}(?:-?[A-Z])+\b)"
)


def _vanity(m: re.Match[str]) -> str:
    prefix = "eight hundred" if m["prefix"] == "800" else _each_digit(m["prefix"])
    return f"one {prefix} "


# Three-digit service lines, after a call or before the line they name: "calling 311", "the 988
# hotline" ("nine eight eight"; espeak: "nine hundred eighty-eight"), and other countries'
# emergency and health lines ("dial 999", "112", "000", "NHS 111", "101"). A text's short code:
# "Text HELP to 73748".
_CALL = r"(?:[Cc]all|[Dd]ial|[Tt]ext|[Pp]hon)(?:s|ed|ing|e)?"
_LINES = r"[1-8]11|988|999|112|000|101"
_SERVICE = re.compile(
    rf"(?:(?P<before>\b{_CALL}\s)(?P<n>{_LINES})"
    rf"|(?P<n2>{_LINES})(?=\s(?:hotline|line|number|calls?|service|system|operator|center)\b))"
    r"(?![\w,.-]\d|[\w-])"
)
_SHORT_CODE = re.compile(
    r"\b(?P<before>[Tt]ext(?:s|ed|ing)?\s(?:[\w'\"]+\s){0,3}to\s)(?P<n>\d{5,6})\b(?![,.]\d)"
)
# An extension written "x15" after a number's last four digits; "Tel:" and "Ph:" before one.
_X_EXTENSION = re.compile(r"(?<=\d[-.\s]\d\d\d\d)\s?x\s?(?P<n>\d{1,5})\b")  # not "1920x1080"
_TEL = re.compile(r"\b(?P<w>Tel|TEL|Ph|PH)\.?(?=:?\s*[+(\d])")


def _extension(number: str) -> str:
    """ "extension forty-two" for a short one, "extension two oh four" digit by digit."""
    return f"extension {cardinal(int(number)) if len(number) <= 2 else digits(number)}"


def _service(m: re.Match[str]) -> str:
    return f"{m['before'] or ''}{_each_digit(m['n'] or m['n2'])}"


# A number read out digit by digit just before: "555-1234, ext. 2" (the phone rules ran first).
_AFTER_DIGITS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|oh),?\s$")


def _extension_after(m: re.Match[str]) -> str:
    if len(m["n"]) == 1 and not _AFTER_DIGITS.search(m.string, max(0, m.start() - 8), m.start()):
        return m.group(0)  # one digit alone: "Ext. 3" is an exit, not an extension
    return _extension(m["n"])


# A phone extension: "ext. 204" is "extension two oh four", "ext. 42" "extension forty-two".
_EXTENSION = re.compile(r"\b(?:[Ee]xt\.|[Ee]xtension)\s?(?P<n>\d{1,6})(?![\w-]|[.,]\d)")


def _zip(m: re.Match[str]) -> str:
    spoken = f"{m['label']} {digits(m['zip'])}"
    return f"{spoken}, {digits(m['plus4'])}" if m["plus4"] else spoken


def _each_digit(group: str) -> str:
    """ "555" -> "five five five", "0147" -> "oh one four seven", as Americans read a number
    (five independent writers of six said "oh")."""
    return digits(group)


def _groups(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _spoken(groups: list[str]) -> str:
    def said(i: int, group: str) -> str:
        if group == "800" and i <= 1 and len(groups) >= 3:  # the toll-free prefix
            return "eight hundred"
        return _each_digit(group)

    return ", ".join(said(i, g) for i, g in enumerate(groups))


def _north_american(m: re.Match[str]) -> str:
    return _spoken(_groups(m.group(0)))


def _international(m: re.Match[str]) -> str:
    groups = _groups(m.group(0))
    if not 8 <= sum(len(g) for g in groups) <= 15:
        return m.group(0)
    return "plus " + _spoken(groups)


# British and Canadian postcodes, letters and digits one by one, the two halves apart:
# "SW1A 2AA" is "S-W-one-A two-A-A", "M4E 2K9" "M-four-E two-K-nine" (espeak reads "SW1A" as
# a word and a number).
# They close an address: after a town or a province ("London SW1A 2AA", "ON M4E 2K9"), at
# the end of the sentence or before its punctuation.
_POSTCODE = re.compile(
    r"(?:(?<=[A-Za-z],\s)|(?<=[a-z]\s)|(?<=[A-Z]{2}\s))"
    r"(?P<a>[A-Z]{1,2}\d[A-Z\d]?|[A-Z]\d[A-Z])\s(?P<b>\d[A-Z]{2}|\d[A-Z]\d)(?=[.,;)]|\s*$)"
)


def _postcode(m: re.Match[str]) -> str:
    canadian = m["a"][1:2].isdigit() and m["a"][2:3].isalpha() and m["b"][2:3].isdigit()
    british = m["b"][1:].isalpha()
    if not (canadian or british):
        return m.group(0)
    return " ".join(
        "-".join(cardinal(int(c)) if c.isdigit() else c for c in half) for half in (m["a"], m["b"])
    )


# A lottery's drawn digits, "Pick 3: 4-0-7", "9-1-1-6": one digit each, three or more, said one
# by one (espeak says "four minus zero minus seven")
_DRAWN_DIGITS = re.compile(r"(?<![\w.,-])\d(?:-\d){2,}(?![\w-]|[.,]\d)")


def _drawn(m: re.Match[str]) -> str:
    return ", ".join(cardinal(int(d)) for d in m.group(0).split("-"))


RULES: list[Rule] = [
    (_DRAWN_DIGITS, _drawn),
    (_POSTCODE, _postcode),
    (_TEL, lambda m: "Telephone" if m["w"].lower() == "tel" else "Phone"),
    (_X_EXTENSION, lambda m: f" {_extension(m['n'])}"),
    (_INTERNATIONAL, _international),
    (_NORTH_AMERICAN, _north_american),
    (_TRUNK, _trunk),
    (_LOCAL, _local),
    (_EMERGENCY, lambda m: "nine one one"),
    (_VANITY, _vanity),
    (_SERVICE, _service),
    (_SHORT_CODE, _service),
    (_ZIP, _zip),
    (_ZIP_BEFORE, _zip),
    (_AREA_CODE, _zip),
    (_EXTENSION, _extension_after),
]
