"""Money: currency symbols and codes, scales ("$1.5bn", "Rs 300 crore"), cents, ranges.

"m" after a currency is millions ("$100m"); without one it is metres (see units).
"""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.spoken import AMOUNT, Rule, is_one

# (symbol as written, spoken singular, spoken plural, minor unit singular/plural or None)
_CURRENCIES: list[tuple[str, str, str, tuple[str, str] | None]] = [
    ("US$", "US dollar", "US dollars", ("cent", "cents")),
    ("USD", "US dollar", "US dollars", ("cent", "cents")),
    ("AU$", "Australian dollar", "Australian dollars", ("cent", "cents")),
    ("A$", "Australian dollar", "Australian dollars", ("cent", "cents")),
    ("CA$", "Canadian dollar", "Canadian dollars", ("cent", "cents")),
    ("C$", "Canadian dollar", "Canadian dollars", ("cent", "cents")),
    ("NZ$", "New Zealand dollar", "New Zealand dollars", ("cent", "cents")),
    ("HK$", "Hong Kong dollar", "Hong Kong dollars", ("cent", "cents")),
    ("S$", "Singapore dollar", "Singapore dollars", ("cent", "cents")),
    ("R$", "real", "reais", None),
    ("$", "dollar", "dollars", ("cent", "cents")),
    ("£", "pound", "pounds", ("penny", "pence")),
    ("GBP", "pound", "pounds", ("penny", "pence")),
    ("€", "euro", "euros", ("cent", "cents")),
    ("EUR", "euro", "euros", ("cent", "cents")),
    ("¥", "yen", "yen", None),
    ("₹", "rupee", "rupees", None),
    ("Rs.", "rupee", "rupees", None),
    ("Rs", "rupee", "rupees", None),
    ("INR", "rupee", "rupees", None),
    ("₩", "won", "won", None),
    ("₽", "ruble", "rubles", None),
]
_BY_SYMBOL = {c[0]: c for c in _CURRENCIES}
_SYMBOL = "|".join(re.escape(c[0]) for c in _CURRENCIES)
_SCALES = {
    "thousand": "thousand", "k": "thousand", "K": "thousand",
    "million": "million", "m": "million", "M": "million", "mn": "million", "mln": "million",
    "billion": "billion", "b": "billion", "B": "billion", "bn": "billion", "bln": "billion",
    "trillion": "trillion", "tn": "trillion", "T": "trillion",
    # Indian numbering: "Rs 300 crore" is "300 crore rupees" (the scale before the currency).
    "lakh": "lakh", "lakhs": "lakh", "crore": "crore", "crores": "crore",
}
_SCALE = (
    r"(?:\s?(?:thousand|million|billion|trillion|lakhs?|crores?)"
    r"|(?:k|K|m|M|mn|mln|b|B|bn|bln|tn|T))\b"
)
_MONEY = re.compile(
    rf"(?<![\w$£€¥₹₩₽])(?P<cur>{_SYMBOL})\s?(?P<a>{AMOUNT})(?P<sa>{_SCALE})?"
    rf"(?:\s?(?:-|–|—|\bto\b)\s?(?:{_SYMBOL})?\s?(?P<b>{AMOUNT})(?P<sb>{_SCALE})?)?"

)
_CENTS = re.compile(rf"(?<![\w.])(?P<n>{AMOUNT})\s?¢")


def _scale(raw: str | None) -> str:
    return _SCALES[raw.strip()] if raw else ""


def _amount(number: str, currency: tuple[str, str, str, tuple[str, str] | None]) -> str:
    """A single amount without a scale word: "$20.50" -> "20 dollars and 50 cents"."""
    _, one, many, minor = currency
    whole, _, decimals = number.partition(".")
    if decimals and (minor is None or len(decimals) > 2):
        return f"{number} {many}"
    cents = int(decimals.ljust(2, "0")) if decimals else 0
    major = f"{whole} {one if is_one(whole) else many}"
    if not cents:
        return major
    minor_words = f"{cents} {minor[0] if cents == 1 else minor[1]}" if minor else ""
    return minor_words if int(whole.replace(",", "")) == 0 else f"{major} and {minor_words}"


_ARTICLE_BEFORE = re.compile(r"\b[Aa]n?\s+$")


def _money(m: re.Match[str]) -> str:
    currency = _BY_SYMBOL[m.group("cur")]
    a, b = m.group("a"), m.group("b")
    scale_a, scale_b = _scale(m.group("sa")), _scale(m.group("sb"))
    many = currency[2]
    if b is None:
        # After "a"/"an" the amount is an adjective: "a $48 million plan" is read
        # "a 48 million dollar plan", as a newsreader says it.
        attributive = _ARTICLE_BEFORE.search(m.string, 0, m.start()) is not None
        if scale_a:
            return f"{a} {scale_a} {currency[1] if attributive else many}"
        if attributive and "." not in a:
            return f"{a} {currency[1]}"
        return _amount(a, currency)
    if scale_a or scale_b:
        first = f"{a} {scale_a}" if scale_a and scale_a != scale_b else a
        return f"{first} to {b} {scale_b or scale_a} {many}"
    if "." in a or "." in b:
        return f"{_amount(a, currency)} to {_amount(b, currency)}"
    return f"{a} to {b} {many}"


def _cents(m: re.Match[str]) -> str:
    return f"{m.group('n')} {'cent' if is_one(m.group('n')) else 'cents'}"


RULES: list[Rule] = [(_MONEY, _money), (_CENTS, _cents)]
