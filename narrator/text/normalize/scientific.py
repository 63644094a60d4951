# ruff: noqa: RUF001, RUF002, RUF003 - the multiplication sign and superscripts are on purpose
"""Powers and scientific notation: "10^6" is "ten to the sixth", "3 × 10^8" "three times ten
to the eighth", "10⁻³" "ten to the minus third", "1.5e-3" "one point five times ten to the
minus third", "x^2" "x squared".

espeak drops the caret and reads "10^6" as "one hundred six". Read after the units, so that
"10^8 m/s" has its unit read after its number ("8 meters per second") and a unit's own power
("5 m^2") is the units' ("5 square meters").
"""

from __future__ import annotations

import re

from num2words import num2words

from narrator.text.normalize.spoken import Rule, cardinal, year


def _power(exponent: str) -> str:
    """ "squared", "cubed", "to the sixth", "to the minus third"."""
    negative, digits = exponent.startswith("-"), exponent.lstrip("-+")
    if not negative and digits in ("2", "3"):
        return "squared" if digits == "2" else "cubed"
    nth = str(num2words(int(digits), to="ordinal")).replace(" and ", " ").replace(",", "")
    return f"to the {'minus ' if negative else ''}{nth}"


def _number(written: str) -> str:
    whole, _, decimals = written.partition(".")
    spoken = cardinal(int(whole))
    return f"{spoken} point {' '.join(cardinal(int(d)) for d in decimals)}" if decimals else spoken


# "3 × 10^8", "6.02 x 10²³": the sign before a power of ten is "times", not "by".
_TIMES_TEN = re.compile(r"(?<=\d)\s?[×xX]\s?(?=10\^)")
# A number or a lone letter raised by a caret (a number's superscript digits are a caret by now,
# characters.plain: "10⁶" is "10^6"; a letter's, "m²", is a unit's power, the units').
_CARET = re.compile(r"(?<![\w.^])(?P<base>\d+(?:\.\d+)?|[a-zA-Z])\s?\^\s?(?P<exp>[-+−]?\d{1,3})\b")
# E notation: "1.5e-3", "6.022E23" (a digit on both sides of the "e").
_E_NOTATION = re.compile(r"(?<![\w.])(?P<m>\d+(?:\.\d+)?)[eE](?P<exp>[-+]?\d{1,3})\b")


def _caret(m: re.Match[str]) -> str:
    base = m["base"]
    return f"{_number(base) if base[0].isdigit() else base} {_power(m['exp'].replace('−', '-'))}"


# An isotope, its mass number said like a year: "uranium-235" is "uranium two thirty-five",
# "cobalt-60" "cobalt sixty" (espeak: "two hundred thirty-five").
_ELEMENTS = (
    "hydrogen|helium|carbon|nitrogen|oxygen|sodium|potassium|calcium|iron|cobalt|strontium"
    "|iodine|cesium|caesium|xenon|krypton|radon|radium|thorium|uranium|plutonium|americium"
    "|polonium|technetium|tritium|lead|argon|phosphorus|fluorine|gallium|lutetium|actinium"
)
_ISOTOPE = re.compile(rf"\b(?P<e>(?i:{_ELEMENTS}))-(?P<n>[1-9]\d{{0,2}})\b(?![.,]\d|-)")


def _isotope(m: re.Match[str]) -> str:
    n = int(m["n"])
    return f"{m['e']} {year(n) if n >= 100 else cardinal(n)}"


RULES: list[Rule] = [
    (_ISOTOPE, _isotope),
    (_TIMES_TEN, lambda m: " times "),
    (_CARET, _caret),
    (_E_NOTATION, lambda m: f"{_number(m['m'])} times ten {_power(m['exp'])}"),
]
