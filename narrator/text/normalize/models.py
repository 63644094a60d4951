"""Model numbers said in pairs, as their makers and the news say them: "Boeing 737" is "Boeing
seven thirty-seven", "an Airbus A320" is "an Airbus A three twenty", "a Porsche 911" is "a
Porsche nine eleven". espeak reads the digits as one amount ("seven hundred thirty-seven").
Numbers that name a road, a flight, a form or a room are said the same way, like a year:
"Highway 101" ("one oh one"), "Flight 370" ("three seventy"), "Form 1040" ("ten forty").
"""

from __future__ import annotations

import re

from narrator.text.normalize.abbreviations import POINTS, STREET_KINDS
from narrator.text.normalize.spoken import Rule, cardinal, final, plural, year

# The number, its suffix kept ("737s", "A321neo", "747-8"): Boeing's 7x7 airliners, Airbus's
# A2xx and A3xx, Porsche's 3-digit cars.
_MODEL = re.compile(
    r"\b(?P<make>Boeing\s|Airbus\s(?=A)|Porsche\s)?(?P<a>A)?(?P<n>[1-9]\d\d)(?P<tail>s|neo|MAX|X)?(?P<variant>-\d{1,3}\b)?\b"
    r"(?![.,]\d|\s?%)"
)


def _pair(digits: str) -> str:
    """ "737" -> "seven thirty-seven", "707" -> "seven oh seven", "300" -> "three hundred"."""
    head, tail = cardinal(int(digits[0])), int(digits[1:])
    if tail == 0:
        return f"{head} hundred"
    return f"{head} {'oh ' if tail < 10 else ''}{cardinal(tail)}"


# A 7x7 without "Boeing" before it is the airliner when its model's name or one aircraft
# follows ("the 737 MAX", "a 787 Dreamliner", "the 747 jet"); before a plural it may be a count
# ("Boeing sold 737 jets").
_AIRLINER = re.compile(r"\s(?:MAX|Max|Dreamliner|jumbo|jet|jetliner|plane|airliner)\b")


def _model(m: re.Match[str]) -> str:
    make, letter, number = m["make"] or "", m["a"], m["n"]
    flown = make.startswith("Boeing") or m["tail"] == "MAX" or _AIRLINER.match(m.string, m.end())
    boeing = bool(flown) and not letter and number[0] == number[2] == "7"
    # "A" and a number of the 200s or 300s: Airbus's airliners ("the older A320 jets") and
    # Britain's A roads ("the A303"), both said in pairs.
    airbus = letter and number[0] in "23"
    if not (boeing or airbus or (make.startswith("Porsche") and not letter)):
        return m.group(0)
    tail = m["tail"] or ""
    spoken = plural(_pair(number)) if tail == "s" else _pair(number) + (f" {tail}" if tail else "")
    if m["variant"]:
        spoken += f" {cardinal(int(m['variant'][1:]))}"  # "787-9": "seven eighty-seven nine"
    return f"{make}{'A ' if letter else ''}{spoken}"


# A 3- or 4-digit number that names something rather than counts it.
_NAMED = re.compile(
    r"\b(?P<label>Highway|Route|Interstate|Flight|Section|Sec\.|Form|Room|Gate|Suite"
    r"|Apartment|Channel|Pier|Platform|Exit|Terminal|Precinct|District|Local|Bill|Box|Code"
    r"|Nikkei|Resolution)\s"
    r"(?P<n>[1-9]\d{2,3})\b(?![\d,.]\d|\s?%|-)"
    # a road's direction after its number: "Hwy. 290 E." is "Highway two ninety East"
    r"(?:(?<=\d)\s(?P<d>[NSEW])\b\.?(?=\s+[a-z]|\s*[,;)]|\s*$))?"
)


def _named(m: re.Match[str]) -> str:
    label = "Section" if m["label"] == "Sec." else m["label"]
    spoken = f"{label} {year(int(m['n']))}"
    if m["d"]:
        road = m["label"] in ("Highway", "Route", "Interstate")
        return final(m, f"{spoken} {POINTS[m['d']]}") if road else f"{spoken} {m['d']}"
    return spoken


# A house number before its street is said in pairs too: "123 Main St." is "one twenty-three",
# "2200 Wilson Blvd" "twenty-two hundred", "221B Baker Street" "two twenty-one B".
_HOUSE = re.compile(
    r"(?<![\w.,$#-])(?P<n>[1-9]\d{2,3})(?P<letter>[A-Z])?"
    r"(?=\s(?:(?:[NSEW]\.?|North|South|East|West|(?:North|South)(?:east|west))\s)?"
    rf"(?:\d+(?:st|nd|rd|th)\s|(?:[A-Z][a-z]+\.?\s){{1,3}})(?:{STREET_KINDS})\b"
    r"|\s(?:[NSEW]\.?\s|(?:North|South|East|West)\s)?Broadway\b"
    r"|\s(?:Highway|Hwy\.?|Route|Rte\.?|State\sRoute|U\.?S\.?)\s\d)"  # "4501 Hwy. 290"
)


_YEAR_BEFORE = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter|[Dd]uring)\s$"
)


def _house(m: re.Match[str]) -> str:
    digits = m["n"]
    if len(digits) == 4 and _YEAR_BEFORE.search(m.string[: m.start()]):
        return m.group(0)  # "In 2005 Main Street was paved": a year
    if len(digits) == 3:
        spoken = _pair(digits)
    else:
        head, tail = cardinal(int(digits[:2])), int(digits[2:])
        rest = "hundred" if tail == 0 else f"oh {cardinal(tail)}" if tail < 10 else cardinal(tail)
        spoken = f"{head} {rest}"
    return f"{spoken} {m['letter']}" if m["letter"] else spoken


# The section sign and a statute's sections, said like a year: "§ 1030" is "Section ten thirty",
# "§§ 501-505" "Sections five oh one through five oh five" (a span of a code is inclusive).
_SECTION_SIGN = re.compile(r"(?P<two>§§|§)\s?(?=\d)")
_SECTIONS = re.compile(
    r"\bSections\s(?P<a>[1-9]\d{2,3})\s?[-\u2013]\s?(?P<b>[1-9]\d{2,3})\b(?![\d,.]\d)"
)
# A statute's subdivisions after its section's number: "Section 47(2)" is "Section forty-seven
# subsection two", "Section 230(c)(1)" "Section two thirty C one" (a lone letter said as one);
# a British statute's "s. 47(2)" is its section too.
_SUBSECTIONS = re.compile(
    r"(?<![\w.])(?P<s>[Ss]ections?\s|s\.\s?)(?P<n>\d{1,4}[A-Z]?)(?P<subs>(?:\((?:\d{1,3}|[a-zA-Z])\)){1,4})(?![\w(])"
)


def _subsections(m: re.Match[str]) -> str:
    parts = re.findall(r"\((\w+)\)", m["subs"])
    said = [
        (f"subsection {p}" if i == 0 else p) if p.isdigit() else p.upper()
        for i, p in enumerate(parts)
    ]
    label = "section " if m["s"].startswith("s.") else m["s"]
    # a statute's section in pairs, as lawyers say it: "§ 1001(a)(2)", "ten oh one A two"
    number = m["n"]
    if number.isdigit() and len(number) in (3, 4):
        number = _in_pairs(number)
    return f"{label}{number} {' '.join(said)}"


def _in_pairs(number: str) -> str:
    """ "1001" -> "ten oh one", "1983" -> "nineteen eighty-three", "230" -> "two thirty"."""
    head, tail = number[:-2], number[-2:]
    if tail == "00":
        return f"{cardinal(int(head))} hundred"
    last = f"oh {cardinal(int(tail))}" if tail[0] == "0" else cardinal(int(tail))
    return f"{cardinal(int(head))} {last}"


# A case in the United States Reports, "410 U.S. 113": volume and page said in pairs.
_US_REPORTS = re.compile(
    r"(?<![\w.,])(?P<v>[1-9]\d{0,2})\sU\.\s?S\.\s(?P<p>[1-9]\d{0,3})\b(?![\d,.]\d)"
)


def _reported(number: str) -> str:
    return year(int(number)) if len(number) >= 3 else cardinal(int(number))


# An aircraft's flight level, "FL350": its digits one by one, "flight level three five zero"
_FLIGHT_LEVEL = re.compile(r"\bFL\s?(?P<n>\d{2,3})\b")


RULES: list[Rule] = [
    (_FLIGHT_LEVEL, lambda m: "flight level " + " ".join(cardinal(int(d)) for d in m["n"])),
    (_SECTION_SIGN, lambda m: "Sections " if m["two"] == "§§" else "Section "),
    (_SECTIONS, lambda m: f"Sections {year(int(m['a']))} through {year(int(m['b']))}"),
    (_SUBSECTIONS, _subsections),
    (_US_REPORTS, lambda m: f"{_reported(m['v'])} U-S {_reported(m['p'])}"),
    (_MODEL, _model),
    (_HOUSE, _house),  # before the road's own number is read: "4501 Hwy. 290"
    (_NAMED, _named),
]
