"""Say it as a person would: rewrite what espeak-ng 1.51 would misread in news copy.

Only what the engine gets wrong is rewritten; what it already reads well is left alone (plain
numbers, decimals, "1,234,567", ordinals "21st", "+5", "-5", "S&P", "AT&T", most acronyms).
Numbers stay digits wherever espeak reads them right, so the output stays close to the source.
"%" is spelled "percent" although espeak reads it right: units share one rule. Every rule was
checked by comparing `espeak-ng -v en-us -q -x` phonemes of the source and of the rewrite; the
cases live in tests/text/test_normalize.py.

Order matters and is fixed in `_english`: things whose dots and slashes other rules would
mangle go first (URLs, party tags, dateline states, dates, times, money), then ranges and
units, then numbers read as years, then abbreviations, acronyms and symbols, then punctuation
cleanup.

Decisions a reader may want to know:
- Numeric dates: a part over 12 is the day; when both parts could be the month the date is read
  US style (month first) for "en"/"en-us", day first for other English variants ("en-gb").
- Years: 1100-1999 and 2010-2099 standing alone are read as years ("twenty nineteen", "nineteen
  oh six"), as a newsreader does; 2000-2009 are left ("two thousand five" is what people say).
  A bare "1500" becomes "fifteen hundred", which is also how people say a count.
- "100m" is metres; it is millions only after a currency ("$100m").
- Times get "AM"/"PM" in capitals: espeak reads "a m" with the article "a".
- News words the engines mispronounce ("crore") are respelled last, from
  `lexicon.NEWS_WORDS`, so the rules still see the written word.
- Abbreviation periods are removed inside a sentence (a splitter would cut there); at the very
  end of the text one period is kept, because it is the sentence's own.
"""

# ruff: noqa: RUF001, RUF003 - look-alike characters (’ – × ⁃) are what this module rewrites

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from num2words import num2words

from narrator.text.lexicon import NEWS_WORDS, Lexicon
from narrator.text.segment import split_sentences

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

# Lexicon output and [[phonemes]] are swapped for these private-use characters while the rules
# run, so no rule can touch them; input characters in this range are dropped first.
_SLOT_BASE = 0xF0000
_SLOTS = re.compile("[\U000f0000-\U000ffffd]")
_PHONEMES = re.compile(r"\[\[.*?\]\]", re.S)


def normalize(text: str, *, language: str = "en", lexicon: Lexicon | None = None) -> str:
    """`text` rewritten as one line of words the engine reads as a person would."""
    saved: list[str] = []

    def protect(spoken: str) -> str:
        saved.append(spoken)
        return chr(_SLOT_BASE + len(saved) - 1)

    text = _SLOTS.sub("", text)
    if lexicon is not None:
        text = lexicon.apply(text, mark=protect)
    text = _PHONEMES.sub(lambda m: protect(m.group(0)), text)
    if _is_english(language):
        day_first = language.lower().replace("_", "-") not in ("en", "en-us")
        # Addresses first: their dots and "?" would otherwise split the sentence.
        text = _URL.sub(_url, _EMAIL.sub(_email, _characters(text)))
        text = " ".join(_english(s, day_first) for s in split_sentences(text, "en"))
        text = NEWS_WORDS.apply(text)
    text = " ".join(text.split())
    return _SLOTS.sub(lambda m: saved[ord(m.group(0)) - _SLOT_BASE], text)


def _is_english(language: str) -> bool:
    return language.lower().replace("_", "-").split("-")[0] == "en"


def _english(sentence: str, day_first: bool) -> str:
    for pattern, replace in _rules(day_first):
        sentence = pattern.sub(replace, sentence)
    return _punctuation(sentence)


# ---------------------------------------------------------------- characters

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\u20e3]")
_TRANSLATE = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "−": "-", "―": "—", "º": "°", "℃": "°C", "℉": "°F", "№": "No. ",
    }
)
# Characters espeak reads aloud but a narrator would not: a pause (comma) where they separate.
_SEPARATORS = re.compile(r"\s*[|¦•◦▪▫●○■□►▶‣⁃∙·]+\s*")
_KEEP_SYMBOLS = {"°", "©"}  # So-category characters the rules below handle or espeak reads well


def _characters(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _INVISIBLE.sub("", text)
    # Emoji and pictographs (espeak says "grinning face"), ™ and ®, control characters.
    text = "".join(
        c
        for c in text
        if c in _KEEP_SYMBOLS
        or unicodedata.category(c) not in ("So", "Sk", "Cc", "Cf", "Cs", "Co", "Cn")
        or c.isspace()
        or ord(c) >= _SLOT_BASE
    )
    text = _SEPARATORS.sub(", ", text)
    return _SPACES.sub(" ", text).strip()


# ---------------------------------------------------------------- helpers

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"  # an integer, maybe with thousands separators
_END = r"(?=[\"')\]]*\s*$)"  # nothing but closing marks until the end of the sentence


def _final(m: re.Match[str], spoken: str) -> str:
    """`spoken`, plus a period when the match ended the sentence with an abbreviation period."""
    at_end = m.group(0).endswith(".") and not m.string[m.end() :].strip(" \"')]")
    return spoken + "." if at_end else spoken


def _year(year: int) -> str:
    return str(num2words(year, to="year")).replace("oh-", "oh ")


def _plural_words(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties" """
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return f"{head} {last}".strip()


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _is_one(number: str) -> bool:
    return number.replace(",", "") == "1"


# ---------------------------------------------------------------- URLs and e-mail

_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|uk|us|ca|au|de|fr|in|info|biz|news|tv|me|ai|app|dev|"
    "ly|eu|jp|cn|ru|nz|ie|es|it|nl|ch|se|no|fi|dk|be|at|br|mx|za|ng|ke|gh|sg|hk|tw|kr"
)
_URL = re.compile(
    rf"\b(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:{_TLDS}))\b(/[^\s\"')\]]*[^\s\"')\].,;:!?])?",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}\b", re.I)
_URL_SYMBOLS = {".": " dot ", "/": " slash ", "@": " at ", "-": " dash ", "_": " underscore "}


def _spell_address(address: str) -> str:
    spoken = re.sub(r"[./@_-]", lambda m: _URL_SYMBOLS[m.group(0)], address)
    return " ".join(spoken.split())


def _url(m: re.Match[str]) -> str:
    path = (m.group(2) or "").split("?")[0].split("#")[0].rstrip("/")
    return _spell_address(m.group(1) + path)


def _email(m: re.Match[str]) -> str:
    return _spell_address(m.group(0))


# ---------------------------------------------------------------- party tags: (R), (D-Calif.)

_PARTIES = {"R": "Republican", "D": "Democrat", "I": "independent", "L": "Libertarian"}
_STATE_NAMES = [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
]
# AP abbreviations then postal codes, in the order of _STATE_NAMES.
_AP = [
    "Ala", "Alaska", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Hawaii",
    "Idaho", "Ill", "Ind", "Iowa", "Kan", "Ky", "La", "Maine", "Md", "Mass", "Mich", "Minn",
    "Miss", "Mo", "Mont", "Neb", "Nev", "NH", "NJ", "NM", "NY", "NC", "ND", "Ohio", "Okla",
    "Ore", "Pa", "RI", "SC", "SD", "Tenn", "Texas", "Utah", "Vt", "Va", "Wash", "WVa", "Wis",
    "Wyo"
]
_POSTAL = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY"
]
_STATES = {
    **{k.lower(): v for k, v in zip(_AP, _STATE_NAMES, strict=True)},
    **{k.lower(): v for k, v in zip(_POSTAL, _STATE_NAMES, strict=True)},
    **{n.lower().replace(" ", ""): n for n in _STATE_NAMES},
    "dc": "the District of Columbia", "pr": "Puerto Rico", "tenn": "Tennessee",
}
_STATE_TEXT = r"[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?"
_PARTY_PAREN = re.compile(rf"\s*\(\s*([RDIL])(?:\s*[-–]\s*({_STATE_TEXT}))?\s*\)")
_PARTY_BARE = re.compile(rf"(?<=, )([RDIL])-({_STATE_TEXT})(?=,|\s*$)")


def _state(text: str) -> str | None:
    return _STATES.get(re.sub(r"[.\s]", "", text).lower())


def _party(m: re.Match[str]) -> str:
    party, state_text = _PARTIES[m.group(1)], m.group(2)
    if not state_text:
        return f", {party},"
    state = _state(state_text)
    if state is None:
        return m.group(0)
    in_parentheses = m.group(0).lstrip().startswith("(")
    return f", {party} of {state}," if in_parentheses else f"{party} of {state}"


# ---------------------------------------------------------------- datelines: "ALBANY, N.Y."

# An AP state abbreviation after a place and a comma is a state: "Albany, New York", as a
# newsreader says it (espeak would spell "N Y" and say "Cal-if"). Only forms with their period:
# bare postal codes are also degrees and words ("Jane Doe, MD", "Yes, OK.").
_AP_WRITTEN = [
    re.sub(r"^([A-Z])([A-Z])$", r"\1\\.\\s?\2", a).replace("WVa", r"W\.\s?Va") + r"\."
    for a, name in zip(_AP, _STATE_NAMES, strict=True)
    if a != name
]
_DATELINE_STATE = re.compile(
    rf"(?<=[A-Za-z]),\s+(?P<st>{'|'.join(_AP_WRITTEN)})(?=[\s,;:)\]—–-]|$)"
)


def _dateline_state(m: re.Match[str]) -> str:
    place = m.string[: m.start()].split()
    state = _state(m.group("st"))
    if state is None or not place or not place[-1][0].isupper():
        return m.group(0)  # "in the morning, Pa." is not a place
    return _final(m, f", {state}")


# ---------------------------------------------------------------- dates

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
_MONTH_ABBR = {m[:3]: m for m in _MONTHS} | {"Sept": "September"}
_MONTH = r"(?P<month>" + "|".join([*_MONTHS, *_MONTH_ABBR]) + r")\.?"
_DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR_OPT = r"(?:,?\s+(?P<year>\d{4})\b)?"
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!:|\.\d|,\d){_YEAR_OPT}")
_DATE_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z]){_YEAR_OPT}")
_DATE_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")
_DATE_ISO = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# "Feb. 2022", "in Sept." (not "Jan.", a first name, without a number after it)
_MONTH_ALONE = re.compile(r"\b(Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jan(?=\.\s*\d))\.")


def _month(name: str) -> str:
    return _MONTH_ABBR.get(name, name)


def _spoken_date(month: int, day: int, year: str | None) -> str:
    date = f"{_MONTHS[month - 1]} {_ordinal(day)}"
    return f"{date}, {year}" if year else date


def _date_words(m: re.Match[str]) -> str:
    if int(m.group("day")) == 0:
        return m.group(0)
    month = _MONTHS.index(_month(m.group("month"))) + 1
    return _spoken_date(month, int(m.group("day")), m.group("year"))


def _numeric_date(day_first: bool) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if a > 12 or (day_first and b <= 12):
            day, month = a, b
        else:
            month, day = a, b
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m.group(0)
        return _spoken_date(month, day, year)

    return replace


def _iso_date(m: re.Match[str]) -> str:
    month, day = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    return _spoken_date(month, day, m.group(1))


# ---------------------------------------------------------------- times

_MERIDIEM = r"(?:\s?(?P<ampm>[ap]\.m\.|[ap]\.m\b|[ap]m\b|[AP]\.M\.|[AP]M\b))"
_CLOCK = re.compile(
    rf"(?<![\w:.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:]){_MERIDIEM}?"
)
_HOUR = re.compile(rf"(?<![\w:.,])(?P<h>1[0-2]|0?[1-9]){_MERIDIEM}")


def _meridiem(m: re.Match[str]) -> str:
    ampm = m.group("ampm")
    return " AM" if ampm and ampm[0] in "aA" else " PM" if ampm else ""


def _minutes(minutes: int) -> str:
    return f"oh {num2words(minutes)}" if minutes < 10 else str(num2words(minutes))


def _clock(m: re.Match[str]) -> str:
    hours, minutes = int(m.group("h")), int(m.group("m"))
    suffix = _meridiem(m)
    if m.group("s"):  # race times: "two oh three forty-five"
        spoken = f"{num2words(hours)} {_minutes(minutes)} {_minutes(int(m.group('s')))}"
    elif minutes:
        spoken = f"{num2words(hours)} {_minutes(minutes)}"
    elif suffix:
        spoken = str(num2words(hours))
    else:
        spoken = f"{num2words(hours)} o'clock" if hours <= 12 else f"{num2words(hours)} hundred"
    return _final(m, spoken + suffix)


def _hour(m: re.Match[str]) -> str:
    return _final(m, f"{int(m.group('h'))}{_meridiem(m)}")


# ---------------------------------------------------------------- money

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
_AMOUNT = rf"(?:{_NUM})(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?<![\w$£€¥₹₩₽])(?P<cur>{_SYMBOL})\s?(?P<a>{_AMOUNT})(?P<sa>{_SCALE})?"
    rf"(?:\s?(?:-|–|—|\bto\b)\s?(?:{_SYMBOL})?\s?(?P<b>{_AMOUNT})(?P<sb>{_SCALE})?)?"

)
_CENTS = re.compile(rf"(?<![\w.])(?P<n>{_AMOUNT})\s?¢")


def _scale(raw: str | None) -> str:
    return _SCALES[raw.strip()] if raw else ""


def _amount(number: str, currency: tuple[str, str, str, tuple[str, str] | None]) -> str:
    """A single amount without a scale word: "$20.50" -> "20 dollars and 50 cents"."""
    _, one, many, minor = currency
    whole, _, decimals = number.partition(".")
    if decimals and (minor is None or len(decimals) > 2):
        return f"{number} {many}"
    cents = int(decimals.ljust(2, "0")) if decimals else 0
    major = f"{whole} {one if _is_one(whole) else many}"
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
    return f"{m.group('n')} {'cent' if _is_one(m.group('n')) else 'cents'}"


# ---------------------------------------------------------------- ranges: 2019-2021, 10–12

_RANGE = re.compile(
    rf"(?<![\w.,/:$£€¥-])(?P<a>{_AMOUNT})\s?[-–—]\s?(?P<b>{_AMOUNT})(?!\d|-\d|[.,/:]\d)"
)


def _range(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    if len(a) == 3 and len(b) == 4 and "-" in m.group(0):  # a phone number: 555-1234
        return m.group(0)
    if len(a) == 4 and a.isdigit() and len(b) == 2 and b.isdigit() and 1100 <= int(a) <= 2099:
        # "2019-20 season", "1999-00": the second year is the one after the first
        if int(b) > int(a[2:]):
            b = a[:2] + b
        elif a[2:] == "99" and b == "00":
            b = f"{int(a[:2]) + 1}00"
        else:
            return m.group(0)
    return f"{a} to {b}"


# ---------------------------------------------------------------- units and measures

# unit as written (regex) -> (singular, plural). Single letters only count when attached
# to the number ("5m", "5 m" are metres; "5 g" is grams, "5 in" is ignored: it is a word).
_UNITS: list[tuple[str, str, str]] = [
    (r"°\s?C\b", "degree Celsius", "degrees Celsius"),
    (r"°\s?F\b", "degree Fahrenheit", "degrees Fahrenheit"),
    (r"°\s?N\b", "degree north", "degrees north"),
    (r"°\s?S\b", "degree south", "degrees south"),
    (r"°\s?E\b", "degree east", "degrees east"),
    (r"°\s?W\b", "degree west", "degrees west"),
    (r"°", "degree", "degrees"),
    (r"%", "percent", "percent"),
    (r"pct\b", "percent", "percent"),
    (r"mph\b", "mile per hour", "miles per hour"),
    (r"(?:km/h|km/hr|kmh|kph)\b", "kilometer per hour", "kilometers per hour"),
    (r"m/s\b", "meter per second", "meters per second"),
    (r"(?:sq\.?\s?ft|ft2|ft²)", "square foot", "square feet"),
    (r"(?:sq\.?\s?km|km2|km²)", "square kilometer", "square kilometers"),
    (r"(?:sq\.?\s?mi|mi2|mi²)", "square mile", "square miles"),
    (r"(?:sq\.?\s?m|m2|m²)(?![a-z])", "square meter", "square meters"),
    (r"(?:m3|m³)", "cubic meter", "cubic meters"),
    (r"km\b", "kilometer", "kilometers"),
    (r"cm\b", "centimeter", "centimeters"),
    (r"mm\b", "millimeter", "millimeters"),
    (r"mi\b\.?", "mile", "miles"),
    (r"ft\b\.?", "foot", "feet"),
    (r"yds?\b\.?", "yard", "yards"),
    (r"kg\b", "kilogram", "kilograms"),
    (r"mg\b", "milligram", "milligrams"),
    (r"lbs?\b\.?", "pound", "pounds"),
    (r"oz\b\.?", "ounce", "ounces"),
    (r"ml\b|mL\b", "milliliter", "milliliters"),
    (r"gal\b\.?", "gallon", "gallons"),
    (r"[kK]B\b", "kilobyte", "kilobytes"),
    (r"MB\b", "megabyte", "megabytes"),
    (r"GB\b", "gigabyte", "gigabytes"),
    (r"TB\b", "terabyte", "terabytes"),
    (r"kbps\b", "kilobit per second", "kilobits per second"),
    (r"Mbps\b", "megabit per second", "megabits per second"),
    (r"Gbps\b", "gigabit per second", "gigabits per second"),
    (r"kWh\b", "kilowatt hour", "kilowatt hours"),
    (r"MWh\b", "megawatt hour", "megawatt hours"),
    (r"GWh\b", "gigawatt hour", "gigawatt hours"),
    (r"TWh\b", "terawatt hour", "terawatt hours"),
    (r"kW\b", "kilowatt", "kilowatts"),
    (r"MW\b", "megawatt", "megawatts"),
    (r"GW\b", "gigawatt", "gigawatts"),
    (r"mAh\b", "milliamp hour", "milliamp hours"),
    (r"ppm\b", "part per million", "parts per million"),
    (r"hrs?\b\.?", "hour", "hours"),
    (r"mins?\b\.?", "minute", "minutes"),
    (r"secs?\b\.?", "second", "seconds"),
    (r"ms\b", "millisecond", "milliseconds"),
]
_ATTACHED_UNITS: list[tuple[str, str, str]] = [
    (r"m\b", "meter", "meters"),
    (r"g\b", "gram", "grams"),
    (r"[lL]\b", "liter", "liters"),
    (r"in\b\.?", "inch", "inches"),
    (r"W\b", "watt", "watts"),
    (r"t\b", "tonne", "tonnes"),
]
_UNIT_NUMBER = rf"(?<![\w.,])(?P<n>(?:{_NUM})(?:\.\d+)?)"


def _unit_rule(unit: str, one: str, many: str, gap: str) -> Rule:
    pattern = re.compile(rf"{_UNIT_NUMBER}(?P<gap>{gap})(?:{unit})(?![\w/])")

    def replace(m: re.Match[str]) -> str:
        # "a 5-km race" is adjectival: singular, as in "a five-kilometer race"
        singular = m.group("gap") == "-" or _is_one(m.group("n"))
        return _final(m, f"{m.group('n')} {one if singular else many}")

    return pattern, replace


_FEET_INCHES = re.compile(r"(?<![\w.])(\d)'\s?(\d{1,2})\"")


def _feet_inches(m: re.Match[str]) -> str:
    feet = "foot" if m.group(1) == "1" else "feet"
    return f"{m.group(1)} {feet} {m.group(2)} {'inch' if m.group(2) == '1' else 'inches'}"


# ---------------------------------------------------------------- multipliers, fractions

_TIMES = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[xX×](?![\w])")
_BY = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[xX×]\s?(\d+(?:\.\d+)?)(?![\w.])")
_FRACTION = re.compile(r"(?<![\w/.])([1-9])/([2-9]|10)(?![\w/])")
_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}
_VULGAR = {
    "½": "a half", "¼": "a quarter", "¾": "three quarters", "⅓": "a third", "⅔": "two thirds"
}
_MIXED = re.compile(r"(\d)\s?([½¼¾⅓⅔])")


def _fraction(m: re.Match[str]) -> str:
    top, bottom = int(m.group(1)), int(m.group(2))
    if top >= bottom:
        return m.group(0)
    one, many = _DENOMINATORS.get(bottom, (str(num2words(bottom, to="ordinal")),) * 2)
    if many == one:
        many = one + "s"
    return f"{num2words(top)} {one if top == 1 else many}"


# ---------------------------------------------------------------- decades and years

_DECADE = re.compile(r"(?<![\w'.,])(1[1-9]|20)(\d)0s\b")
_SHORT_DECADE = re.compile(r"(?<![\w.,])'?([2-9]0)s\b")
_YEAR = re.compile(r"(?<![\w.,$£€¥:/'#])(?<!\d-)(1[1-9]\d\d|20[1-9]\d)(?![\w%°]|[.,:-]\d)")


def _decade(m: re.Match[str]) -> str:
    return _plural_words(_year(int(m.group(1) + m.group(2) + "0")))


def _short_decade(m: re.Match[str]) -> str:
    return _plural_words(str(num2words(int(m.group(1)))))


def _year_words(m: re.Match[str]) -> str:
    return _year(int(m.group(1)))


# ---------------------------------------------------------------- abbreviations

_NAME = r"(?=\s+(?:[A-Z]|[\U000f0000-\U000ffffd]))"  # followed by a name (or lexicon entry)
# Titles: only before a name, so "the gen." or "Rep." at the end of a sentence are left.
_TITLES = {
    "Gov": "Governor", "Govs": "Governors", "Sen": "Senator", "Sens": "Senators",
    "Rep": "Representative", "Reps": "Representatives", "Prof": "Professor", "Gen": "General",
    "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain", "Sgt": "Sergeant", "Maj": "Major",
    "Adm": "Admiral", "Cmdr": "Commander", "Cpl": "Corporal", "Pvt": "Private",
    "Rev": "Reverend", "Hon": "Honorable", "Pres": "President", "Supt": "Superintendent",
    "Atty": "Attorney", "Insp": "Inspector", "Det": "Detective", "Mt": "Mount", "Ft": "Fort",
    "Ms": "Miz", "Mr": "Mr", "Mrs": "Mrs", "Messrs": "Messrs",
}
# Anywhere: (pattern, spoken). Patterns include the period(s).
_ABBREVIATIONS: list[tuple[str, str]] = [
    (r"\be\.g\.", "for example"),
    (r"\bi\.e\.", "that is"),
    (r"\ba\.k\.a\.", "also known as"),
    (r"\betc\.", "et cetera"),
    (r"\bvs\.?(?=\s)", "versus"),
    (r"(?<=[A-Za-z])\s+v\.(?=\s+[A-Z])", " versus"),
    (r"\bapprox\.", "approximately"),
    (r"\bca\.(?=\s*\d)", "circa"),
    (r"\bInc\.", "Incorporated"),
    (r"\bLtd\.", "Limited"),
    (r"\bCorp\.", "Corporation"),
    (r"\bCo\.(?=,|\s+(?:[a-z]|$)|\s*$)", "Company"),
    (r"\bBros\.", "Brothers"),
    (r"\bAssn\.", "Association"),
    (r"\bDept\.", "Department"),
    (r"\bUniv\.", "University"),
    (r"\bGov't\b|\bgovt\.", "government"),
    (r"\bInt'l\b", "International"),
    (r"\bNat'l\b|\bNatl\.", "National"),
    (r"\bAve\.", "Avenue"),
    (r"\bBlvd\.", "Boulevard"),
    (r"\bRd\.", "Road"),
    (r"\bHwy\.", "Highway"),
    (r"\bFig\.(?=\s*\d)", "Figure"),
    (r"\bfig\.(?=\s*\d)", "figure"),
    (r"\bVol\.(?=\s*\d)", "Volume"),
    (r"\bpp\.(?=\s*\d)", "pages"),
    (r"\bNos\.(?=\s*\d)", "numbers"),
    (r"\b[Nn]o\.(?=\s*\d)", "number"),
    (r"\bJr\.?(?=[\s,]|$)", "Junior"),
    (r"\bSr\.(?=[\s,]|$)", "Senior"),
    (r"\bPh\.D\.", "PhD"),
]
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?!\w)")
_INITIAL = re.compile(r"(?<![\w.])([B-HJ-Z])\.(?=\s+[A-Z\U000f0000-\U000ffffd])")
_ST = re.compile(r"(?<![\w.])St\.?(?=\s|$|,)")
_DR = re.compile(r"(?<![\w.])Dr\.(?=\s|$|,)")


def _const(spoken: str) -> Callable[[re.Match[str]], str]:
    return lambda m: spoken


def _abbreviation(spoken: str) -> Callable[[re.Match[str]], str]:
    return lambda m: _final(m, spoken)


def _saint_or_street(m: re.Match[str]) -> str:
    before = m.string[: m.start()].rstrip()
    words = before.split()
    prev = words[-1] if words else ""
    next_is_name = bool(re.match(r"\s+[A-Z\U000f0000-\U000ffffd]", m.string[m.end() :]))
    numbered = bool(re.search(r"\d", prev))  # "42nd St."
    named = len(words) > 1 and bool(re.fullmatch(r"[A-Z][a-z]+", prev))  # "on Main St."
    if numbered or (named and not next_is_name):
        return _final(m, "Street")
    if next_is_name:
        return "Saint"  # "St. Louis", "on St. Patrick's Day"
    return _final(m, "Street") if m.group(0).endswith(".") else m.group(0)


def _doctor_or_drive(m: re.Match[str]) -> str:
    after = m.string[m.end() :]
    before = m.string[: m.start()].rstrip()
    if re.match(r"\s+[A-Z\U000f0000-\U000ffffd]", after) or not before:
        return "Doctor"
    if re.search(r"[A-Z][a-z]+$", before):
        return _final(m, "Drive")
    return _final(m, "Doctor")


def _dotted(m: re.Match[str]) -> str:
    letters = m.group(1).replace(".", "")
    # "U.S." -> "US": espeak spells an all-capitals word it does not know, inside a sentence
    return _final(m, letters.upper() if len(letters) > 1 else letters)


# ---------------------------------------------------------------- acronyms

# Checked with espeak 1.51 inside a mixed-case sentence (alone, all-capitals text is read as
# words). Left out because espeak already spells them right: FBI, CEO, GDP, EU, UN, EPA, TSA,
# IPO, ETF, UAE, NHS, ... and reads these right as words: NASA, NATO, FIFA, OPEC, AIDS, COVID.
_ACRONYMS = {
    # read as a word, should be spelled (pairs like "IA EA" keep a lone "A" from being "a")
    "NCAA": "N C double A", "FOMC": "F O M C", "ICBM": "I C B M", "ICBMs": "I C B Ms",
    "IAEA": "IA EA", "PBOC": "P B O C", "ACLU": "AC LU", "WHO": "W H O", "QAnon": "Q Anon",
    "IDs": "I Ds",
    # spelled, should be read as a word
    "ICE": "Ice", "HUD": "Hud", "PIN": "pin", "PINs": "pins", "PAC": "pack", "PACs": "packs",
    "DAX": "Dax", "FEMA": "Feema", "FTSE": "Footsie", "SIM": "sim", "TED": "Ted", "WOW": "wow",
}
_ACRONYM = re.compile(r"(?<![\w'-])(" + "|".join(_ACRONYMS) + r")(?![\w'-])")


def _acronym(m: re.Match[str]) -> str:
    letters = [c for c in m.string if c.isalpha()]
    if len(letters) > 8 and all(c.isupper() for c in letters):
        return m.group(0)  # a shouted headline: espeak reads it as words, and so should we
    return _ACRONYMS[m.group(1)]


# ---------------------------------------------------------------- symbols

_SYMBOL_RULES: list[tuple[str, str]] = [
    (r"#(?=\d)", "number "),
    (r"#(?=[A-Za-z])", "hashtag "),
    (r"\s&\s", " and "),
    (r"(?<!\w)[~≈]\s?(?=[\d$£€¥])", "about "),
    (r"±", " plus or minus "),
    (r"\b24/7\b", "24 7"),
    (r"\band/or\b", "and or"),
    (r"\bw/o\b", "without"),
    (r"(?<![\w/])w/(?=\s)", "with"),
    (r"(?<=[a-z])/(?=[a-z])", " or "),
    (r"(?<=[A-Za-z])/(?=[A-Za-z])", " "),
    (r"[*_^~]", " "),
]


# ---------------------------------------------------------------- the rules, in order


def _compile(rules: list[tuple[str, str]]) -> list[Rule]:
    return [(re.compile(p), _abbreviation(s)) for p, s in rules]


def _build_rules(day_first: bool) -> list[Rule]:
    rules: list[Rule] = [
        (_PARTY_PAREN, _party),
        (_PARTY_BARE, _party),
        (_DATELINE_STATE, _dateline_state),
        (_DATE_ISO, _iso_date),
        (_DATE_NUMERIC, _numeric_date(day_first)),
        (_DATE_MDY, _date_words),
        (_DATE_DMY, _date_words),
        (_MONTH_ALONE, lambda m: _final(m, _month(m.group(1)))),
        (_CLOCK, _clock),
        (_HOUR, _hour),
        (_MONEY, _money),
        (_CENTS, _cents),
        (_RANGE, _range),
        (_FEET_INCHES, _feet_inches),
        (_MIXED, lambda m: f"{m.group(1)} and {_VULGAR[m.group(2)]}"),
    ]
    rules += [_unit_rule(u, one, many, r"\s?|-") for u, one, many in _UNITS]
    rules += [_unit_rule(u, one, many, r"-?") for u, one, many in _ATTACHED_UNITS]
    rules += [
        (_BY, lambda m: f"{m.group(1)} by {m.group(2)}"),
        (_TIMES, lambda m: f"{m.group(1)} times"),
        (_FRACTION, _fraction),
        (_DECADE, _decade),
        (_SHORT_DECADE, _short_decade),
        (_YEAR, _year_words),
        *_compile(_ABBREVIATIONS),
        *[(re.compile(rf"(?<![\w.]){k}\.{_NAME}"), _const(v)) for k, v in _TITLES.items()],
        (_DR, _doctor_or_drive),
        (_ST, _saint_or_street),
        (_DOTTED, _dotted),
        (_INITIAL, lambda m: m.group(1)),
        (_ACRONYM, _acronym),
        *[(re.compile(p), _const(s)) for p, s in _SYMBOL_RULES],
    ]
    return rules


_RULES = {day_first: _build_rules(day_first) for day_first in (False, True)}


def _rules(day_first: bool) -> list[Rule]:
    return _RULES[day_first]


# ---------------------------------------------------------------- punctuation

_PUNCT_RULES: list[tuple[re.Pattern[str], str]] = [
    # dashes between words are pauses; a hyphen inside a word stays
    (re.compile(r"\s*(?:—|–|--+)\s*|\s+-\s+"), ", "),
    (re.compile(r"\s+([,.;:!?)\]])"), r"\1"),
    (re.compile(r"([(\[])\s+"), r"\1"),
    (re.compile(r"([(\[])\s*,\s*"), r"\1"),
    (re.compile(r",(\s*,)+"), ","),
    (re.compile(r",\s*([.;:!?)\]])"), r"\1"),
    (re.compile(r"^[\s,;:]+"), ""),
    (re.compile(r"\s*,\s*$"), ""),
    (re.compile(r",(?=[^\s\d\"')\]])"), ", "),
    (re.compile(r"\s{2,}"), " "),
]


def _punctuation(text: str) -> str:
    for pattern, replacement in _PUNCT_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()
