"""Numbers: multipliers, fractions and scales ("2x faster", "a 4x4 truck", "3/4 of voters", "2½
years", "1 1/2 cups", "8bn people", ".5"), and the numbers espeak misreads.

espeak-ng reads the digits 40-49 with the vowel of "four" (/foːɹɾi/) but the word "forty" with
/ɔː/ ("45" and "forty-five" sound different), and an ordinal of whole hundreds or thousands as
the number and a "th" ("100th": "one hundred th"). Those are written as words at the very end
(`FORTIES`), after every other rule has read its digits, so all forties sound alike. Digits
joined to other digits by a hyphen ("555-0147", "747-400") are left: they are codes, not
amounts.
"""

# ruff: noqa: RUF001, RUF002 - the multiplication sign is matched; IPA is quoted

from __future__ import annotations

import re

from num2words import num2words

from narrator.text.normalize.attributive import attributive, noun_after, plural_after
from narrator.text.normalize.spoken import INDIAN, NUM, SCALES, Rule, cardinal, indian, plural, year

_TIMES = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[xX×](?![\w])")
# ... and before it, as promotions write it: "points x2", "earn x3"
# ... but not the processors' "x86" and "x64", which are names
_TIMES_BEFORE = re.compile(r"(?<![\w.])(?!x(?:86|64|32)\b)[x×](\d+(?:\.\d+)?)(?![\w.]|,\d)")
# "12x14", "22 x 14 x 9": dimensions, "by"
_BY = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:\s?[xX×]\s?\d+(?:\.\d+)?)+(?![\w.^⁰¹²³⁴⁵⁶⁷⁸⁹⁻])")
_BY_SIGN = re.compile(r"\s?[xX×]\s?")
# Lumber by its nominal size, in the plural: "six 2x4s" are "two by fours".
_LUMBER = re.compile(r"(?<![\w.])(?P<a>[1-9])\s?[xX×]\s?(?P<b>[1-9]|1[0-2])s\b")
_FRACTION = re.compile(r"(?<![\w/.])([1-9])/([2-9]|10)(?![\w/])")
_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}
_VULGAR = {
    "½": "a half",
    "¼": "a quarter",
    "¾": "three quarters",
    "⅓": "a third",
    "⅔": "two thirds",
}
# "a 60/40 split", "50/50 odds": two shares of a hundred, "sixty-forty"; "24/7" likewise
_SHARES = re.compile(r"(?<![\w/.,])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.,]\d)")
_MIXED = re.compile(r"(\d)\s?([½¼¾⅓⅔])")
_MIXED_SLASH = re.compile(r"(?<![\w/.])(\d+)\s([1-9])/([2-9]|10)(?![\w/])")
# "150k people", "60K troops" are thousands: a "k" before the noun it counts (a capital K only
# after two digits: "a 4K television" is a resolution); a race ("a 5k run", "won the
# 10k") is kilometers, as espeak says it.
_NOT_A_RACE = (
    r"(?!\s(?:run|race|walk|runners?|swim|ride|course|event|time|times|record|personal best"
    r"|finish|splits?|pace|title|win|victory)\b)"
)
_SCALED = re.compile(
    rf"(?<![\w.,])(?<!\w-)(?P<n>(?:{NUM})(?:\.\d+)?)(?:\s?(?P<scale>bn|bln|tn|mn|mln)\b"
    rf"|(?P<k>k|(?<=\d\d)K)(?=\s+[a-z]){_NOT_A_RACE}|(?P<big>[MB])(?=\s+(?P<noun>[a-z]+)))"
)
# Words ending in "s" that are not plural nouns: "4B is", "12B was", "7M has".
_NOT_PLURAL = frozenset(
    [
        "is",
        "was",
        "has",
        "does",
        "as",
        "its",
        "his",
        "hers",
        "this",
        "thus",
        "us",
        "yes",
        "plus",
        "less",
        "across",
        "unless",
        "always",
        "perhaps",
        "whereas",
        "towards",
        "besides",
        "sometimes",
    ]
)
# A letter after a number that names a place or an item, not a scale: "Apt. 4B", "gate 12B".
_LABEL = re.compile(
    r"\b(?:apt|apartment|suite|unit|flat|room|rm|floor|level|seat|row|gate|terminal|platform|"
    r"section|sec|block|lot|bay|pier|building|bldg|box|ward|bed|page|figure|fig|table|exhibit|"
    r"form|grade|chapter|part|route|channel|track|no|number)\.?\s*#?\s*$",
    re.IGNORECASE,
)
# A batting average or a caliber, ".300 hitter", "batted .315", ".22 caliber": said like a
# year, "three hundred", "three fifteen", "twenty-two"
_AVERAGE = re.compile(
    r"(?:(?P<verb>\b(?:batt(?:ed|ing)|hit(?:ting)?|averag(?:e|ed|ing)|slugg(?:ed|ing))\s+"
    r"(?:an?\s+|of\s+)?)\.(?P<a>\d{3})|(?<![\w.,])\.(?P<b>\d{2,3})(?=\s?-?\s?(?:caliber|cal\b|"
    r"Magnum|magnum|average|avg\b|hitter|batting|slugging|save\s(?:pct|percentage)"
    r"|on-base|fielding)))\b(?![.,]\d|\s?%)"
)
# A hitter's slash line, ".342/.370/.567": average, on-base and slugging, each in pairs.
_SLASH_LINE = re.compile(r"(?<![\w.])\.(?P<a>\d{3})/\.(?P<b>\d{3})/\.(?P<c>\d{3})(?![\d/])")


def _thousandths(digits: str) -> str:
    """ "342" -> "three forty-two", "067" -> "oh sixty-seven", as a batting average is said."""
    return f"oh {cardinal(int(digits))}" if digits[0] == "0" else year(int(digits))


# ".5": espeak says "dot five"
_LEADING_POINT = re.compile(r"(?<![\w.,])\.(?P<digits>\d+)\b(?![.,]\d)")
_NUMBER = re.compile(
    r"(?<![\w.,/:])(?<!\d-)(?P<minus>-(?=\d))?(?P<n>[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"
    r"(?:\.(?P<decimals>\d+))?(?P<ord>st|nd|rd|th)?(?![\w/:]|-\d|[.,]\d)"
)


def _fraction_words(top: int, bottom: int, article: bool = False) -> str:
    """ "three quarters", "one half"; with `article` "a half", "an eighth"."""
    nth = str(num2words(bottom, to="ordinal")).replace(" and ", " ").replace(",", "")
    one, many = _DENOMINATORS.get(bottom, (nth, nth))
    if many == one:
        many = one + "s"
    if top == 1 and article:
        return f"{'an' if one[0] in 'aeiou' else 'a'} {one}"
    return f"{num2words(top)} {one if top == 1 else many}"


def _fraction(m: re.Match[str]) -> str:
    top, bottom = int(m.group(1)), int(m.group(2))
    return m.group(0) if top >= bottom else _fraction_words(top, bottom)


def _mixed(m: re.Match[str]) -> str:
    top, bottom = int(m.group(2)), int(m.group(3))
    if top >= bottom:
        return m.group(0)
    fraction = _fraction_words(top, bottom, article=True)
    if bottom == 4 and top > 1 and plural_after(m.string, m.end()):
        # before the things it counts: "two and three-quarter cups" (thirds stay "two-thirds")
        fraction = fraction.replace(" ", "-").removesuffix("s")
    return f"{m.group(1)} and {fraction}"


def _forty(m: re.Match[str]) -> str:
    number = int(m.group("n").replace(",", ""))
    words = cardinal(number)
    round_ordinal = m.group("ord") == "th" and number >= 100 and number % 100 == 0
    if "forty" not in words and not round_ordinal:
        return m.group(0)
    if m.group("ord"):
        words = str(num2words(number, to="ordinal")).replace(" and ", " ").replace(",", "")
    if m.group("decimals"):
        words += " point " + " ".join(str(num2words(int(d))) for d in m.group("decimals"))
    return f"minus {words}" if m.group("minus") else words


def _shares(m: re.Match[str]) -> str:
    a, b = int(m["a"]), int(m["b"])
    if (a, b) != (24, 7) and (a + b != 100 or a % 5 or b % 5):
        return m.group(0)
    return f"{cardinal(a)} {cardinal(b)}"


def _average(m: re.Match[str]) -> str:
    return f"{m['verb'] or ''}{year(int(m['a'] or m['b']))}"


def _scaled(m: re.Match[str]) -> str:
    scale = next(m.group(g) for g in ("scale", "k", "big") if m.group(g))
    if m.group("big") and "." not in m.group("n"):
        # "1.2M customers", "12M viewers"; but "3M said", "a 3M respirator" name a company,
        # and "Apt. 4B is", "seat 12B was" an apartment or a seat: only a plural noun counts.
        noun = m.group("noun")
        if not noun.endswith("s") or noun in _NOT_PLURAL or _LABEL.search(m.string[: m.start()]):
            return m.group(0)
    if m.group("k") == "K" and (
        _VERB_AFTER.match(m.string, m.end())
        or _RACE_AFTER.match(m.string, m.end())
        or (_ARTICLE_BEFORE.search(m.string, 0, m.start()) and not noun_after(m.string, m.end()))
    ):
        # "the 10K is on Sunday", "ran a 10K this morning": a race, not ten thousand of
        # something ("a 10K bonus" is)
        return m.group(0)
    return f"{m.group('n')} {SCALES[scale]}"


_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Yy]our)\s$")
# What a race's distance names: "the 10K route", "a 5K run", "her 10K time"
_RACE_AFTER = re.compile(
    r"\s+(?:race|races|run|runs|runner|runners|route|course|time|times|finish|event|loop|walk"
    r"|record|split|splits|PR|PB)\b"
)
_VERB_AFTER = re.compile(r"\s+(?:is|was|are|were|has|had|will|starts?|begins?|takes?|in|on|at)\b")


# Teams named by a number: "the 49ers" are the "Forty-Niners", the "76ers" the "Seventy-Sixers".
_NUMBER_TEAM = re.compile(r"(?<![\w.])(?P<n>\d{2})ers\b")


def _number_team(m: re.Match[str]) -> str:
    words = cardinal(int(m["n"])).title()
    return words + ("rs" if words.endswith("e") else "ers")


# A round number in the plural counts by its order: "1,000s of fans" are "thousands", "the
# 100s" "hundreds", "10,000s" "tens of thousands" (espeak says "one thousand s").
_ROUNDS = {
    "100": "hundreds",
    "1000": "thousands",
    "10000": "tens of thousands",
    "100000": "hundreds of thousands",
    "1000000": "millions",
}
_ROUND_PLURAL = re.compile(
    r"(?<![\w'.,$£€¥#-])(?P<n>10{2}|1,?000(?:,?000)?|10,?000|100,?000)['’]?s\b"
)


def _round_plural(m: re.Match[str]) -> str:
    return _ROUNDS.get(m["n"].replace(",", ""), m.group(0))


# A route or a line named by a number and a letter: "bus route 42X" is "forty-two X".
_ROUTE_BEFORE = re.compile(r"\b(?i:route|bus|line|train|express|flight)\s$")


def _times(m: re.Match[str]) -> str:
    if m.group(0)[-1] == "X" and _ROUTE_BEFORE.search(m.string, max(0, m.start() - 10), m.start()):
        return f"{m.group(1)} X"
    return f"{m.group(1)} times"


# An age or a size and more: "visitors 12+", "ages 18+" are "twelve and up".
_AND_UP = re.compile(
    r"(?P<who>\b(?i:ages|aged|visitors|children|kids|adults|guests|players|readers|rated|for)\s)"
    r"(?P<n>\d{1,2})\+(?![\w+])"
)


_INDIAN = re.compile(rf"(?<![\w.,]){INDIAN}(?!\w|[.,]\d)")

RULES: list[Rule] = [
    (_INDIAN, lambda m: indian(m.group(0))),
    (_NUMBER_TEAM, _number_team),
    (_ROUND_PLURAL, _round_plural),
    (_SLASH_LINE, lambda m: ", ".join(_thousandths(m[g]) for g in "abc")),
    (_AVERAGE, _average),
    (_LEADING_POINT, lambda m: "point " + " ".join(m.group("digits"))),
    (_SCALED, _scaled),
    (_MIXED, lambda m: f"{m.group(1)} and {_VULGAR[m.group(2)]}"),
    (_MIXED_SLASH, _mixed),
    (_TIMES, _times),
    (_AND_UP, lambda m: f"{m['who']}{m['n']} and up"),
    (_TIMES_BEFORE, lambda m: f"times {m.group(1)}"),
    (_SHARES, _shares),
    (_FRACTION, _fraction),
]

FORTIES: list[Rule] = [(_NUMBER, _forty)]
# A fraction of a unit is "of" it: "3/4 cup" is "three-quarters of a cup", "1/8 in." "one-eighth
# of an inch", "1/250 sec." "one two hundred fiftieth of a second", "½ tsp" "half a teaspoon"
# (three of our five independent writers); a mile and a point are said without it, "a quarter
# mile", "a half point". Joined to its unit by a hyphen, or an inch mark before a
# noun, it is an adjective: "a 5/16-inch wrench", "1/2\" pipe" ("five-sixteenths-inch",
# "half-inch"). Read before the dates, which would take "by 1/4 point" for the fourth of January.
_MEASURED = {
    "cup": r"cups?",
    "teaspoon": r"tsps?\.?|teaspoons?",
    "tablespoon": r"tbsps?\.?|tablespoons?",
    "inch": r"in\.|inch(?:es)?|\"",
    "foot": r"ft\.?|foot|feet",
    "yard": r"yds?\.?|yards?",
    "mile": r"mi\b\.?|miles?",
    "pound": r"lbs?\.?|pounds?",
    "ounce": r"oz\.?|ounces?",
    "gallon": r"gal\.?|gallons?",
    "pint": r"pints?",
    "quart": r"qts?\.?|quarts?",
    "hour": r"hrs?\.?|hours?",
    "minute": r"mins?\.?|minutes?",
    "second": r"secs?\.?|seconds?|s\b",  # a shutter speed, "1/4000 s"
    "acre": r"acres?",
    "stick": r"sticks?",
    "point": r"points?",
}
_WITHOUT_OF = frozenset({"mile", "point"})
_MEASURE_UNIT = "|".join(f"(?P<{k}>{w})" for k, w in _MEASURED.items())
_VULGAR_PARTS = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅛": (1, 8)}
_FRACTION_OF = re.compile(
    r"(?<![\w/.,])(?<!\d\s)(?:(?P<top>[1-9]|1[0-5])/(?P<bottom>[2-9]|[1-9]\d{1,3})"
    r"|(?P<vulgar>[½¼¾⅓⅔⅛]))"
    rf"(?P<gap>\s?-\s?|\s?)(?:{_MEASURE_UNIT})(?!\w)"
)
_ADJECTIVES = {(1, 2): "half", (1, 4): "quarter", (3, 4): "three-quarter"}
_KITCHEN = frozenset(
    {"cup", "teaspoon", "tablespoon", "ounce", "pound", "stick", "pint", "quart", "gallon"}
)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z'-]*)")


def _ingredient_after(text: str, end: int) -> bool:
    """Whether what follows a kitchen measure is what it measures ("cup flour", "cup melted
    butter"), not "of", a verb or the end of the phrase."""
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return False
    return noun_after(text, end, names=False) or (
        after.group(1).endswith("ed") and noun_after(text, after.end(), names=False)
    )


def _part(top: int, bottom: int) -> str:
    """ "a quarter", "a third", "one-eighth", "two-thirds", "one two hundred fiftieth"."""
    if (top, bottom) in ((1, 4), (1, 3)):
        return _fraction_words(top, bottom, article=True)
    words = _fraction_words(top, bottom)
    return words.replace(" ", "-", 1) if bottom <= 16 else words


def _fraction_of(m: re.Match[str]) -> str:
    top, bottom = _VULGAR_PARTS[m["vulgar"]] if m["vulgar"] else (int(m["top"]), int(m["bottom"]))
    unit = next(k for k in _MEASURED if m.group(k))
    inch_mark = m.group(unit) == '"'
    if top >= bottom or (inch_mark and m.string.count('"', 0, m.start()) % 2):
        return m.group(0)
    if (
        "-" in m["gap"]
        or (inch_mark and noun_after(m.string, m.end(), names=False))
        or attributive(m.string, m.start(), m.end())  # "a 5/8 inch wrench"
    ):
        return f"{_ADJECTIVES.get((top, bottom), _part(top, bottom))}-{unit}"
    if unit in _KITCHEN and _ingredient_after(m.string, m.end()):
        # A recipe's list: "3/4 cup flour" is "three-quarters cup flour" ("of a cup flour" is
        # not English), "1/2 tsp salt" "one-half teaspoon salt".
        words = _fraction_words(top, bottom)
        return f"{words.replace(' ', '-', 1) if bottom <= 16 else words} {unit}"
    article = "an" if unit[0] in "aeiou" or unit == "hour" else "a"
    if (top, bottom) == (1, 2):
        return "a half point" if unit == "point" else f"half {article} {unit}"
    if unit in _WITHOUT_OF:
        return f"{_part(top, bottom)} {unit}"
    return f"{_part(top, bottom)} of {article} {unit}"


def _by(m: re.Match[str]) -> str:
    sides = _BY_SIGN.split(m.group(0))
    if all(s.isdigit() and len(s) in (3, 4) for s in sides):
        return " by ".join(
            year(int(s)) for s in sides
        )  # "1920x1080": "nineteen twenty by ten eighty"
    return " by ".join(sides)


# A rating out of a round scale: "rated 8/10", "4.5/5 stars", "scored 92/100" are "out of".
_RATING = re.compile(r"(?<![\w./])(?P<a>\d{1,3}(?:\.\d)?)/(?P<b>5|10|20|100)(?![\w/]|[.,]\d)")
# The verb may stand a few words before: "rated the film 7/10", "I'd give it 8/10".
_RATED_BEFORE = re.compile(
    r"\b(?:(?:[Rr]at(?:ed|es|ing)|[Ss]cor(?:ed|es|ing))"
    r"(?:\s(?!(?:on|in|at|of|by|since|until|from|for|was|is)\b)[\w'’-]+){0,3}"
    r"|[Ss]core|[Gg](?:ive|ives|ave|iving)\s(?:it|them|this|that|him|her)|[Gg]ets|[Ee]arned):?\s$"
)
_RATED_AFTER = re.compile(r"\s(?:stars?|points|on\s)")


def _rating(m: re.Match[str]) -> str:
    # "4.5/5" whatever stands around it: no date or fraction has a decimal point on top.
    rated = bool(_RATED_BEFORE.search(m.string, max(0, m.start() - 40), m.start()))
    rated = rated or "." in m["a"]
    if not (rated or _RATED_AFTER.match(m.string, m.end())) or float(m["a"]) > int(m["b"]):
        return m.group(0)
    return f"{m['a']} out of {m['b']}"


# The first of two fractions of one unit: "from 1/16 to 1/2 inch" ("one sixteenth to ...").
_FRACTION_BEFORE = re.compile(
    r"(?<![\w/.,])(?P<top>[1-9])/(?P<bottom>[2-9]|1[0-6]|32|64)"
    rf"(?=\s(?:to|and|or|-)\s[1-9]/\d{{1,2}}\s?(?:{_MEASURE_UNIT})(?!\w))"
)
# Eyesight in feet, "20/40 vision": "twenty forty".
_VISION = re.compile(r"(?<![\w/.])20/(?P<n>\d{2,3})(?=\s(?:vision|eyesight)\b)")
FRACTIONS_OF: list[Rule] = [
    (_RATING, _rating),
    (_VISION, lambda m: f"twenty {cardinal(int(m['n']))}"),
    (_FRACTION_BEFORE, lambda m: _fraction_words(int(m["top"]), int(m["bottom"]))),
    (_FRACTION_OF, _fraction_of),
]
# Dimensions, before the units read the unit after them: "12x14 ft" is "12 by 14 feet".
DIMENSIONS: list[Rule] = [
    (_LUMBER, lambda m: f"{cardinal(int(m['a']))} by {plural(cardinal(int(m['b'])))}"),
    (_BY, _by),
]
