"""Number ranges: "2019-2021", "pages 10-12", "voted 7-2", "the 2019-20 season", "2019/20"."""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.spoken import AMOUNT, Rule, cardinal, span_word, year

# An em dash with a space beside it sets words apart ("Mile 4 — 8:32 pace"): no range.
_RANGE = re.compile(
    rf"(?<![\w.,/:$£€¥-])(?P<a>{AMOUNT})(?:\s?[-–]\s?|—)(?P<b>{AMOUNT})(?!\d|-\w|[.,/:]\d)"
)
# British seasons and fiscal years are written with a slash: "the 2019/20 season".
_SEASON = re.compile(r"(?<![\w.,/:-])(?P<a>1[1-9]\d\d|20\d\d)/(?P<b>\d\d)(?![\w/]|[.,]\d)")


# A unit on both ends, "5%-10%", "20°C-25°C", "4\"-6\"": said once, at the end, as "5-10%" is.
_UNIT_ON_BOTH = re.compile(
    r"(?<![\w.,/:$£€¥-])(?P<a>\d+(?:\.\d+)?)"
    r"(?P<u>%|°\s?[CF]|km|kg|mg|cm|mm|mi|ft|lbs?|mph|[KMGT]B|[kMG]W|m|g|\"|″)"
    r"\s?[-–—]\s?(?P<b>\d+(?:\.\d+)?)(?P=u)(?!\w)"
)


_DREW = re.compile(r"\b(?:drew|draws?|tied|ties|level at|locked at)\s$")
# A day's hours, "Saturday 9-9": from nine to nine, not two equal parts
_DAY_BEFORE = re.compile(r"(?:[a-z]day|\b(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun))\.?:?,?\s$")


def _range(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    if a == b:  # "a 50-50 split", "1-1": two equal parts, not a range ...
        if _DREW.search(m.string, max(0, m.start() - 12), m.start()) or _DAY_BEFORE.search(
            m.string, max(0, m.start() - 12), m.start()
        ):
            return f"{a} to {b}"  # ... but a drawn game's score: "drew 2-2", "two to two"
        return f"{a} {b}"
    if len(a) == 3 and len(b) == 4 and "-" in m.group(0):  # a phone number: 555-1234
        return m.group(0)
    if m.group(0)[len(a)] == "/" or (
        len(a) == 4 and a.isdigit() and len(b) == 2 and b.isdigit() and 1100 <= int(a) <= 2099
    ):
        # "2019-20 season", "FY2024/25", "1999-00": the second year is the one after the
        # first; two years in a row are said with the second short, "twenty nineteen to
        # twenty", "two thousand eight to oh nine" (no writer of ours says the second whole;
        # eleven readings say "to", eight leave it out)
        if int(b) == int(a[2:]) + 1:
            return f"{year(int(a))} to {'oh ' if b[0] == '0' else ''}{cardinal(int(b))}"
        if int(b) > int(a[2:]):
            b = a[:2] + b
        elif a[2:] == "99" and b == "00":
            b = f"{int(a[:2]) + 1}00"
        else:
            return m.group(0)
    if span_word(m) == "and":
        return f"{a} and {b}"  # "between exits 12-14": "between 12 and 14"
    if b == "0" and a.isdigit() and len(a) <= 3:
        return f"{a} to nothing"  # a shutout or a unanimous vote, "4-0", as Americans say it
    return f"{a} to {b}"


# A span of ordinals, "the 14th-15th centuries", "3rd-5th grade" ("the 14th, 15th" otherwise)
_ORDINALS = re.compile(
    r"(?<![\w.,/:-])(?P<a>\d{1,4}(?:st|nd|rd|th))\s?[-–—]\s?(?P<b>\d{1,4}(?:st|nd|rd|th))(?![\w-])"
)


# School grades from kindergarten: "K-12", "pre-K-8"
_GRADES = re.compile(r"(?<![\w-])(?P<k>(?:[Pp]re-)?K)-(?P<n>1[0-2]|[1-9])(?![\w-])")
# ... and grades by their numbers, "grades 1-12", "grades 6-8", as "K-12" is said: "through"
_GRADE_SPAN = re.compile(
    r"\b(?P<w>[Gg]rades)\s(?P<a>1[0-2]|[1-9])\s?[-–]\s?(?P<b>1[0-2]|[1-9])(?![\w-])"
)

# Odds, "a 1-in-5 chance", "a 1-in-100-year flood" (not "1 inch-5")
_ONE_IN = re.compile(r"(?<![\w.,-])(?P<a>\d+)-in-(?P<b>\d[\d,]*)(?!\w)")

# Odds, ratios and a hitter's line written with hyphens, "7-to-1", "a 3-to-2 vote", "3-for-4",
# "5-of-9" (espeak pauses at each hyphen)
_TO = re.compile(r"(?<![\w.,-])(?P<a>\d+)-(?P<w>to|for|of)-(?P<b>\d[\d,]*)(?![\w-])")

# A span with a vulgar fraction at an end, "rise 1-1½ hours", "2½-3 cups": the fractions are
# read by the numbers' rule after
_VULGAR = "½¼¾⅓⅔⅛⅜⅝⅞"
_FRACTION_SPAN = re.compile(
    rf"(?<![\w.,/-])(?P<a>\d+[{_VULGAR}]?)\s?[-–]\s?(?P<b>\d+[{_VULGAR}]?)(?![\w/]|[.,]\d)"
)


def _fraction_span(m: re.Match[str]) -> str:
    if not (m["a"][-1] in _VULGAR or m["b"][-1] in _VULGAR):
        return m.group(0)  # plain numbers: _RANGE's
    return f"{m['a']} to {m['b']}"


RULES: list[Rule] = [
    (_FRACTION_SPAN, _fraction_span),
    (_ONE_IN, lambda m: f"{m['a']} in {m['b']}"),
    (_TO, lambda m: f"{m['a']} {m['w']} {m['b']}"),
    (_GRADES, lambda m: f"{m['k']} through {m['n']}"),
    (_GRADE_SPAN, lambda m: f"{m['w']} {m['a']} through {m['b']}"),
    (_ORDINALS, lambda m: f"{m['a']} {span_word(m)} {m['b']}"),
    (_UNIT_ON_BOTH, lambda m: f"{m['a']}-{m['b']}{m['u']}"),
    (_RANGE, _range),
    (_SEASON, _range),
]
