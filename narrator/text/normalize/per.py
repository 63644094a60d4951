"""What a rate is per: the "/mo" of "$20/mo", the "/day" of "5 mg/day".

Money rates are read "a month", "an hour" ("twenty dollars a month"), as people say prices;
rates of measure are read "per" ("five milligrams per day"), as a newsreader reads figures.
"""

from __future__ import annotations

import re

# as written after the slash -> singular, spoken
_PER = {
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "s": "second",
    "sec": "second",
    "min": "minute",
    "d": "day",
    "day": "day",
    "wk": "week",
    "week": "week",
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "night": "night",
    "person": "person",
    "head": "head",
    "doz": "dozen",
    "dz": "dozen",
    "kg": "kilogram",
    "g": "gram",
    "lb": "pound",
    "oz": "ounce",
    "km": "kilometer",
    "mi": "mile",
    "m": "meter",
    "ft": "foot",
    "l": "liter",
    "L": "liter",
    "litre": "liter",
    "liter": "liter",
    "gal": "gallon",
    "dL": "deciliter",
    "dl": "deciliter",
    "mL": "milliliter",
    "ml": "milliliter",
    "m²": "square meter",
    "km²": "square kilometer",
    "km2": "square kilometer",
    "mi²": "square mile",
    "sq mi": "square mile",
    "sq. mi": "square mile",
    "sq.mi": "square mile",
    "100 km": "100 kilometers",  # fuel use, "6.5 L/100 km"
    "100km": "100 kilometers",
    "m2": "square meter",
    "sq ft": "square foot",
    "sq. ft": "square foot",
    "sq.ft": "square foot",
    "sqft": "square foot",
    "ft²": "square foot",
    "m³": "cubic meter",
    "cm³": "cubic centimeter",
    "cm3": "cubic centimeter",
    "s²": "second squared",
    "s2": "second squared",
    "m3": "cubic meter",
    "t": "tonne",
    "tonne": "tonne",
    "ton": "ton",
    "bbl": "barrel",
    "barrel": "barrel",
    "share": "share",
    "kWh": "kilowatt hour",
    "MWh": "megawatt hour",
    "GB": "gigabyte",
    "MB": "megabyte",
    "TB": "terabyte",
    "acre": "acre",
    # farm and energy markets: "$265/cwt", "$10.05/bu.", "$3/MMBtu"
    "cwt": "hundredweight",
    "bu": "bushel",
    "MMBtu": "million British thermal units",
    "mmBtu": "million British thermal units",
}
# After a slash: an abbreviation above (longest first, so "/mo" is not "/m" and "o"), or any
# word written out ("/gallon", "/ticket"), which is read as it is.
_KNOWN = "|".join(re.escape(k) for k in sorted(_PER, key=len, reverse=True))
PER = rf"(?P<per>(?:{_KNOWN})(?![a-z])|[a-z]{{3,}})"
# Only the abbreviations above: where a free word after the slash would be a choice ("cats/dogs").
KNOWN_PER = rf"(?P<per>(?:{_KNOWN})(?![A-Za-z]))"
# "$3.49/gal. nationwide", "$1,850/mo., with": the abbreviation's period inside a sentence goes
# with it (left, it would end the sentence there); before the end or a capital it may be the
# sentence's own.
PER_DOT = r"(?:\.(?=\s+[a-z]|[,;]))?"


def per(written: str) -> str:
    """ "month" for "mo"; a word written out is itself."""
    return _PER.get(written) or _PER.get(written.lower(), written)


# What a price is shared by, said "per": "five dollars per person", "a dollar twelve per share";
# and technical units, "16 cents per kilowatt hour", "$10 per gigabyte" (two writers of two).
_PER_HEAD_TEXT = """person family head share household guest couple adult child student player seat
    visitor member vehicle car passenger container gigabyte megabyte terabyte
    kilowatt megawatt million"""
_PER_HEAD = frozenset(_PER_HEAD_TEXT.split())


def a_per(written: str) -> str:
    """ "a month", "an hour", "an ounce", "a unit"; "per person", "per share"."""
    unit = per(written)
    if unit.split()[0] in _PER_HEAD:  # "per kilowatt hour", as energy and data prices are said
        return f"per {unit}"
    return f"an {unit}" if unit[0] in "aeio" or unit.startswith("hour") else f"a {unit}"
