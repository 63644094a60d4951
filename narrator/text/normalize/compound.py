"""Measures a trade writes in its own way: two units at once ("9 lb. 6 oz.", "9 st 4 lb", a
race's "2m 4f"), gold's karats ("18K gold") and a storm's millibars ("940 mb")."""

from __future__ import annotations

import re

from narrator.text.normalize.attributive import noun_after
from narrator.text.normalize.spoken import Rule, counted, final

# Gold's fineness: "18K gold", "a 14k white gold band", "9ct gold" is karats, not thousands.
_KARAT = re.compile(
    r"(?<![\w.,])(?P<n>[1-9]|1\d|2[0-4])\s?(?:[kK][tT]?|[cC][tT])\b"
    r"(?=\s+(?:(?:solid|white|yellow|rose|pink|red|green)\s+)?gold\b)"
)


# Horse racing's distances and weights: "over 2m 4f" is "two miles four furlongs", "carried 9
# st 4 lb" "nine stone four pounds".
_MILES_FURLONGS = re.compile(r"(?<![\w.])(?P<m>[1-4])m\s?(?P<f>[1-7])f\b")
_FURLONGS = re.compile(r"(?<=\bover\s)(?P<f>[5-9]|1[0-6])f\b")
# A weight in pounds and ounces, "9 lb. 6 oz.": before what it weighs, an adjective ("a
# nine-pound six-ounce bass"), elsewhere "nine pounds six ounces"
_POUNDS_OUNCES = re.compile(
    r"(?<![\w.])(?P<lb>\d{1,3})\s?lbs?\.?,?\s(?P<oz>\d{1,2}(?:\.\d)?)\s?oz\b\.?"
)


def _pounds_ounces(m: re.Match[str]) -> str:
    lb, oz = m["lb"], m["oz"]
    if noun_after(m.string, m.end(), names=False):
        return f"{lb}-pound {oz}-ounce"
    return final(m, f"{counted(lb, 'pound')} {counted(oz, 'ounce')}")


# A weight in stone alone, attached: "lost 3st" (not an ordinal: "1st", "21st" are; "3st" and
# "11st" cannot be)
_STONE_ALONE = re.compile(r"(?<![\w.])(?P<st>1[1-9]|[2-9]|[2-9][02-9])st\b\.?(?!\s?\d)")
# A listing's rooms, "3BR/2BA", "4 BR / 2.5 BA": "three bedroom, two bath"
_ROOMS = re.compile(
    r"(?<![\w.])(?P<br>\d)\s?(?:BR|BD|bd|bdrm?)\.?\s?[/,]\s?(?P<ba>\d(?:\.5)?)\s?(?:BA|ba)\b\.?"
)
_STONE = re.compile(r"(?<![\w.])(?P<st>\d{1,2})\s?st\.?\s?(?P<lb>\d{1,2})\s?lbs?\b")


# A storm's pressure in "mb" is millibars ("dropped to 940 mb"); elsewhere "mb" is left (a file's
# megabytes or a line's megabits are written so too).
_MILLIBARS = re.compile(r"(?<![\w.,])(?P<n>\d{3,4}(?:\.\d+)?)\s?mb\b")
_WEATHER = re.compile(
    r"\b(?:pressure|hurricane|storm|typhoon|cyclone|barometer|barometric)\b", re.I
)


def _millibars(m: re.Match[str]) -> str:
    return f"{m['n']} millibars" if _WEATHER.search(m.string) else m.group(0)


def _miles_furlongs(m: re.Match[str]) -> str:
    miles = "mile" if m["m"] == "1" else "miles"
    furlongs = "furlong" if m["f"] == "1" else "furlongs"
    return f"{m['m']} {miles} {m['f']} {furlongs}"


RULES: list[Rule] = [
    (_MILLIBARS, _millibars),
    (_MILES_FURLONGS, _miles_furlongs),
    (_FURLONGS, lambda m: f"{m['f']} furlongs"),
    (_POUNDS_OUNCES, _pounds_ounces),
    (_STONE, lambda m: f"{m['st']} stone {m['lb']} {'pound' if m['lb'] == '1' else 'pounds'}"),
    (_KARAT, lambda m: f"{m['n']}-karat"),
    (_ROOMS, lambda m: final(m, f"{m['br']} bedroom, {m['ba']} bath")),
    (_STONE_ALONE, lambda m: final(m, f"{m['st']} stone")),
]
