"""Dates in every common order, abbreviation, separator and case.

Written months: "July 25, 2012", "july 25 2012", "Jan. 15", "SEPT. 15", "JAN 15 2020",
"Jan.-Mar. 2024", "Jan-15-2020", "25 July 2012", "12-Mar-2024", "the 22nd of May", "Feb. 2021",
"Dec 2019".
Numeric: "11/17/05", "10/19/1987", "31/12/2025", "8.11.2018", "2016/07/03", "2021-12-25", and
"on 9/15" (without a year only after a word such as "on", "since" or "until": "3/4 of voters"
is a fraction, "rated 8/10" a score).

Every date is parsed and checked (a month 1-12, a day that month can have: "June 31" and
"13/13/2022" are left as written) before it is read. A date with a written month is read as
it is written: "July 25, 2012" is "July 25th, twenty twelve", "25 July 2012" "the 25th of July,
twenty twelve", "12-14 May" "the 12th to the 14th of May" (independent writers split six to six
on reordering a day-first date, and 26 of their 42 such dates keep the written order); only a
date before its noun is said month first ("the 20 November encounter"). A numeric date written
day first (a part over 12, or dots: "31/12/2025", "8.11.2018") is read so too; an ambiguous one
by the article's language: "4/5/2020" is April 5th in American English, the 4th of May in
every other.

Which number is the month in a numeric date:
- year first (2016/07/03, 2021-12-25): year, month, day, always (the ISO order);
- a part over 12 is the day (31/12/2025, 11/17/05), whatever the language;
- both parts 12 or under: dots (8.11.2018) are the European day.month.year; slashes and dashes
  follow the article's language (`day_first`): month first for "en" and "en-US", day first for
  every other English ("en-GB", "en-AU", "en-IN", ...).
Two-digit years are 1969-2068 ("05" is 2005, "99" is 1999: the POSIX rule), and only with
slashes ("1.2.10" is more often a version number than a date).

A lower-case month counts ("july 25 2012", "sept 30"), but "may", "march" and "mar" only
with a year or an ordinal day, so "may 5" and "march 3 miles" stay words.
"""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from narrator.text.normalize import places
from narrator.text.normalize.attributive import noun_after
from narrator.text.normalize.spoken import Rule, final, ordinal, year

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"Sept": 9}
_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_NUMBER |= {a.lower(): i for a, i in _ABBREVIATIONS.items()}
_TITLED = [*MONTHS, *_ABBREVIATIONS]
# Lower-case month names that are also words: a date only with a year or an ordinal day.
_VERBS = frozenset({"may", "march", "mar"})
# Title case, capitals and lower case: "Jan", "JAN", "jan"; "July", "JULY", "july".
_NAME = "|".join([*_TITLED, *(n.upper() for n in _TITLED), *(n.lower() for n in _TITLED)])
MONTH_NAME = rf"(?:{_NAME})(?![A-Za-z])"
_MONTH = rf"\b(?P<month>{_NAME})(?![A-Za-z])"
_DAY = r"(?P<day>\d{1,2})(?P<ord>st|nd|rd|th|ST|ND|RD|TH)?"
_YEAR = r"(?P<year>\d{4})\b(?![.,:]\d)"
_NOT_A_DAY = r"(?!\w|[.,:]\d)"  # "May 5,000", "Feb 10.5", "Jan 6:30" (not "Aug 31: open")

_MONTH_DAY = re.compile(rf"{_MONTH}(?:\.\s*|\s+){_DAY}{_NOT_A_DAY}(?:(?:,\s*|\s+){_YEAR})?")
_MONTH_DAY_DASHED = re.compile(
    rf"{_MONTH}\.?(?P<sep>[-/]){_DAY}(?P=sep)(?P<year>\d{{4}}|\d{{2}})(?![\w/-]|\.\d)"
)
_DAY_MONTH = re.compile(rf"(?<![\w.,]){_DAY}(?P<of>\s+of)?\s+{_MONTH}\.?(?:,?\s+{_YEAR})?")
_DAY_MONTH_DASHED = re.compile(
    rf"(?<![\w.,-]){_DAY}-{_MONTH}-(?P<year>\d{{4}}|\d{{2}})(?![\w-]|\.\d)"
)
_ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"
_DASH = r"\s?[-–—]\s?"
_TO = rf"(?:{_DASH}|\s+(?P<to>to|through|thru|until|till|and)\s+)"
# After "June 5 to 7" (worded, not dashed) a sentence goes on as after a date, not with what
# the second number counts ("June 5 and 7 people").
_GOES_ON = r"in|at|on|and|or|for|from|with|this|next|last|of|to|the|when|while|as"
_AFTER_WORDED = rf"(?(to)(?=\s*(?:[.,;:)!?]|$)|\s+(?:[A-Z\d]|(?:{_GOES_ON})\b)))"
# "June 5-7", "Dec. 25-26, 2024", "June 30-July 2", "June 5 to 7"; "5-7 June", "1 to 15 March"
_MONTH_DAY_RANGE = re.compile(
    rf"{_MONTH}(?:\.\s*|\s+)(?P<day>\d{{1,2}}){_ORD}{_TO}(?:\b(?P<month2>{MONTH_NAME})\.?\s+)?"
    rf"(?P<day2>\d{{1,2}}){_ORD}{_NOT_A_DAY}(?:(?:,\s*|\s+){_YEAR}|{_AFTER_WORDED})"
)
_DAY_MONTH_RANGE = re.compile(
    rf"(?<![\w.,])(?P<day>\d{{1,2}}){_ORD}{_TO}(?P<day2>\d{{1,2}}){_ORD}\s+{_MONTH}\.?"
    rf"(?:,?\s+{_YEAR})?"
)
_MONTH_YEAR = re.compile(rf"{_MONTH}\.?\s+{_YEAR}")
# "Jan.-Mar. 2024", "April-June" (any dash): a span of months (capitalised: "may-june" stays words).
_CAPITALISED = "|".join([*_TITLED, *(n.upper() for n in _TITLED)])
_MONTH_SPAN = re.compile(
    rf"\b(?P<first>{_CAPITALISED})\.?{_DASH}(?P<month>{_CAPITALISED})(?![A-Za-z])\.?"
    rf"(?:\s+{_YEAR})?"
)
# "Feb. 2022", "in Sept." (not "Jan.", a first name, without a number after it)
_MONTH_ALONE = re.compile(r"\b(Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jan(?=\.\s*\d))\.")

# The words that introduce a date ("on", "since", ...): what follows them is read as one.
_DATE_WORDS = (
    r"(?i:on|since|until|till|from|by|before|after|through|effective|due|dated|between|week of"
    r"|deadline(?: is| of)?|thru|(?:posted|updated|published)(?: on)?:?|date:)"
)
DATE_BEFORE = re.compile(rf"\b{_DATE_WORDS}\s$")
# Verbs of a schedule: what opens, closes or starts on a day ("opens 4/1 and closes 4/30"), a
# listing's ("listed 2/29, reduced 3/12"), and "around 7/1".
_SCHEDULE_VERBS = (
    r"(?i:(?:open|close|start|begin|end|expire|resume|launch|reopen|air|premiere|ship|deliver"
    r"|arrive|reduce|list|renew)"
    r"(?:e?s|e?d)?|began|shipped|ships|sold|around"
    # what is put on a day: "set for 3/15", "moved to 3/22", "postponed until 5/2"
    r"|(?:set|scheduled|slated|planned|rescheduled|moved|pushed(?:\sback)?|postponed|delayed"
    r"|bumped)\s(?:for|to|until|till))"
)
# After a verb of a schedule, a share is followed by what it is a share of ("3/4 of the
# lanes", "1/2 mile"); a date by punctuation or a little word ("4/1 and", "4/30 at noon").
_NOT_A_SHARE = (
    r"(?![\w/-])(?!\s+(?!(?:and|or|to|through|thru|until|till|at|from|with|for|in|on|but|when"
    r"|after|before)\b)[a-z])"
)
# Month and day alone ("on 9/15") could be a fraction or a score: a date only after a word
# that introduces one, a verb of a schedule (not a share: "closes 3/4 of the lanes"), or after
# a weekday ("Sat. 8/23").
_NUMERIC_NO_YEAR = re.compile(
    rf"\b(?P<word>{_DATE_WORDS}|{_SCHEDULE_VERBS}(?=\s(?!24/7\b)\d+/\d+{_NOT_A_SHARE})"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.,?)"
    r"\s(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.,]\d)"
)
_NUMERIC = re.compile(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?![\w/-]|\.\d)"
)
# The second of two, after the first was read: "between 3/1 and 4/15", "from 6/1 to 6/30".
_SECOND_NUMERIC = re.compile(
    r"(?:(?<=(?:st|nd|rd|th) and )|(?<=(?:st|nd|rd|th) to ))(?P<a>\d{1,2})/(?P<b>\d{1,2})"
    r"(?![\w/]|[.,]\d)"
)
# Month and day with a leading zero, "(06/08)", "05/14": a fraction never has one.
_ZERO_LED = re.compile(
    r"(?<![\w/.,-])(?P<a>0[1-9]|1[0-2])/(?P<b>0[1-9]|[12]\d|3[01])(?![\w/]|[.,]\d)(?<=0\d/\d\d|\d\d/0\d)"
)
_YEAR_FIRST = re.compile(
    r"(?<![\w/.-])(?P<year>\d{4})(?P<sep>[/.-])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})"
    r"(?![\w/-]|\.\d)"
)


def full_year(digits: str) -> int:
    number = int(digits)
    if len(digits) == 2:
        return number + (1900 if number >= 69 else 2000)
    return number


def spoken_date(month: int, day: int, year_digits: str | None) -> str | None:
    """ "July 25th, twenty twelve", or None when no month has such a day."""
    # February 29th of any year is read as written: a wrong date is still a date.
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]):
        return None
    date = f"{MONTHS[month - 1]} {ordinal(day)}"
    return f"{date}, {year(full_year(year_digits))}" if year_digits else date


def said_day_first(month: int, day: int, year_digits: str | None, the: str = "the ") -> str | None:
    """ "the 14th of February, nineteen eighty-seven": a date read in its written, day-first
    order; None when no month has such a day."""
    spoken = spoken_date(month, day, year_digits)
    if spoken is None:
        return None
    _, _, rest = spoken.partition(",")
    return f"{the}{ordinal(day)} of {MONTHS[month - 1]}{',' if rest else ''}{rest}"


def _said_written(m: re.Match[str]) -> str:
    name = m.group("month")
    if name in _VERBS and not (m.group("year") or m.group("ord")):
        return m.group(0)  # "may 5", "march 3": verbs more often than dates
    month, day = _NUMBER[name.lower()], int(m.group("day"))
    spoken = spoken_date(month, day, m.group("year"))
    of = m.groupdict().get("of")
    if m.re in (_DAY_MONTH, _DAY_MONTH_DASHED):
        # A date written day first is read in its order: "the fourteenth of February".
        article = re.search(r"\b(the|an?)\s$", m.string[: m.start()], re.I)
        after_the = article is not None and article[1] == "the"
        if article and not of and noun_after(m.string, m.end(), names=False):
            pass  # "the 20 November encounter", "a 26 December 2019 ruling": an adjective
        else:
            the = "" if of or after_the else "the "
            spoken = said_day_first(month, day, m.group("year"), the)
    return m.group(0) if spoken is None else final(m, spoken)


def _said_range(m: re.Match[str]) -> str:
    """ "June 5th to 7th, twenty twenty-four", "June 30th to July 2nd"."""
    name, year_digits = m.group("month"), m.group("year")
    if name in _VERBS and not year_digits:
        return m.group(0)
    month = _NUMBER[name.lower()]
    month2 = _NUMBER[m.group("month2").lower()] if m.groupdict().get("month2") else month
    first = spoken_date(month, int(m.group("day")), None)
    last = spoken_date(month2, int(m.group("day2")), year_digits)
    if first is None or last is None:
        return m.group(0)
    if not m.groupdict().get("month2"):
        last = last.removeprefix(f"{MONTHS[month - 1]} ")
    # A dash between two days is "to" (independent writers split six to six against
    # "through"); a word between them is said as written.
    to = {None: "to", "thru": "through", "till": "until"}.get(m["to"], m["to"])
    if m.re is _DAY_MONTH_RANGE:  # "12-14 May": "the 12th to the 14th of May"
        end = said_day_first(month, int(m.group("day2")), year_digits)
        assert end is not None  # spoken_date accepted the same day above
        return final(m, f"the {ordinal(int(m.group('day')))} {to} {end}")
    return final(m, f"{first} {to} {last}")


# A month and its year in figures, "09/2025" (a card's expiry, a best-before): with the month's
# two digits, or one after a word of dates ("since 3/2019"; "1/2000 s" is a shutter speed).
_NUMERIC_MONTH_YEAR = re.compile(
    r"(?<![\w/.-])(?P<month>0[1-9]|1[0-2]|(?P<one>[1-9]))/(?P<year>(?:19|20)\d\d)(?![\w/-]|[.,]\d)"
)


# ... or a span's other words ("between 10/2021 and 3/2022"): the rest are DATE_BEFORE's.
_SPAN_WORD_BEFORE = re.compile(r"\b(?:and|to|in)\s$")


def _numeric_month_year(m: re.Match[str]) -> str:
    if (
        m["one"]
        and not DATE_BEFORE.search(m.string, 0, m.start())
        and not _SPAN_WORD_BEFORE.search(m.string, max(0, m.start() - 10), m.start())
    ):
        return m.group(0)  # "3/2022" alone; "between 10/2021 and 3/2022" is a month
    return f"{MONTHS[int(m['month']) - 1]} {year(int(m['year']))}"


def _month_year(m: re.Match[str]) -> str:
    return f"{MONTHS[_NUMBER[m.group('month').lower()] - 1]} {year(int(m.group('year')))}"


def _written_order(sentence: str) -> bool | None:
    """Day first (True) or month first (False) when a numeric date of the sentence can only be
    read one way ("01/04/2024 to 31/03/2025": the second is day first, so the first is too);
    None when none shows it, or they disagree."""
    days = months = False
    for d in _NUMERIC.finditer(sentence):
        a, b = int(d["a"]), int(d["b"])
        days = days or (12 < a <= 31 and 1 <= b <= 12)
        months = months or (12 < b <= 31 and 1 <= a <= 12)
    return days if days != months else None


def day_first_here(sentence: str, day_first: bool) -> bool:
    """The sentence's own dates decide, then its places, then the article's language."""
    order = _written_order(sentence)
    if order is None and not day_first:
        order = places.day_first(sentence)
    return day_first if order is None else order


def _numeric(day_first: bool, year_first: bool = False) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        a, b, sep, digits = int(m.group("a")), int(m.group("b")), m.group("sep"), m.group("year")
        here = day_first_here(m.string, day_first)
        if len(digits) == 2 and sep != "/" and not DATE_BEFORE.search(m.string, 0, m.start()):
            return m.group(0)  # "1.2.10" is a version; "on 7.15.24", "on 10-8-24" are dates
        if year_first:
            month, day = a, b
        elif a > 12 or (b <= 12 and (here or sep == ".")):
            spoken = said_day_first(b, a, digits)  # written day first: "the 20th of December"
            return m.group(0) if spoken is None else spoken
        else:
            month, day = a, b
        spoken = spoken_date(month, day, digits)
        return m.group(0) if spoken is None else spoken

    return replace


# A change by a share: "cut the workforce by 1/5", "rose by 1/3" (not a deadline, "due by 1/5").
_CHANGED_BY = re.compile(
    r"\b(?:cut|cuts|reduce[sd]?|lower(?:s|ed)?|raise[sd]?|increase[sd]?|rose|rise[sn]?|fell|fall"
    r"|falls|grew|grow|grows|shrank|shrink|drop(?:s|ped)?|climb(?:s|ed)?|slash(?:es|ed)?"
    r"|trim(?:s|med)?|boost(?:s|ed)?|expand(?:s|ed)?)\b(?:\s+\S+){0,5}\s+by\s$",
    re.IGNORECASE,
)


def _numeric_no_year(day_first: bool) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("word").lower() == "by" and _CHANGED_BY.search(m.string, 0, m.start("a")):
            return m.group(0)  # a fraction, which the numbers read
        if a > 12 or (b <= 12 and day_first_here(m.string, day_first)):
            spoken = said_day_first(b, a, None)
        else:
            spoken = spoken_date(a, b, None)
        return m.group(0) if spoken is None else f"{m.group('word')} {spoken}"

    return replace


def _zero_led(day_first: bool) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        a, b = int(m.group("a")), int(m.group("b"))
        day_month = b <= 12 and day_first_here(m.string, day_first)
        spoken = said_day_first(b, a, None) if day_month else spoken_date(a, b, None)
        return m.group(0) if spoken is None else spoken

    return replace


def _month_span(m: re.Match[str]) -> str:
    first, last = (MONTHS[_NUMBER[m.group(g).lower()] - 1] for g in ("first", "month"))
    spoken = f"{first} to {last}"
    return f"{spoken} {year(int(m.group('year')))}" if m.group("year") else final(m, spoken)


# A year clipped to two digits ("'21") whose century is plain, as full_year gives it: 2000-2029
# and 1969-1999. "'45" may be 1945 or 2045, and stays as written.
PLAIN_CLIPPED_YEAR = r"['\u2019](?P<yy>[0-2]\d|69|[7-9]\d)(?![\w'\u2019]|[.,]\d)"

# Such a year after a month or a season ("Aug 3rd '21", "August '21", "summer '26") is the
# date's year, said whole as a numeric date's is ("the class of '98" stays "ninety-eight").
_SEASON = r"\b(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)"
_CLIPPED_YEAR = re.compile(
    rf"(?P<lead>(?:{_MONTH}\.?(?:\s+\d{{1,2}}{_ORD})?,?|{_SEASON})\s+){PLAIN_CLIPPED_YEAR}"
)

# The attacks of September 11, 2001 are named by their date, said as digits: "nine eleven".
_NINE_ELEVEN = re.compile(r"(?<![\w/.-])9/11(?![\w/]|[.,]\d)")


# A span between two dates each with its year, "Dec 20, 2024 - Jan 5, 2025": the dash is "to"
# (the dates' own commas would otherwise make it a pause).
_DATED_SPAN = re.compile(
    rf"(?P<a>\b{MONTH_NAME}\.?\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}})\s?[–—-]\s?"
    rf"(?={MONTH_NAME}\.?\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}}\b)"
)


def rules(day_first: bool) -> list[Rule]:
    return [
        (_DATED_SPAN, lambda m: f"{m['a']} to "),
        (_NINE_ELEVEN, lambda m: "nine eleven"),
        (_CLIPPED_YEAR, lambda m: f"{m['lead']}{full_year(m['yy'])}"),
        (_YEAR_FIRST, _numeric(day_first, year_first=True)),
        (_NUMERIC, _numeric(day_first)),
        (_NUMERIC_NO_YEAR, _numeric_no_year(day_first)),
        (_NUMERIC_MONTH_YEAR, _numeric_month_year),
        (_ZERO_LED, _zero_led(day_first)),
        (_SECOND_NUMERIC, _zero_led(day_first)),
        (_MONTH_DAY_RANGE, _said_range),
        (_DAY_MONTH_RANGE, _said_range),
        (_MONTH_DAY_DASHED, _said_written),
        (_MONTH_DAY, _said_written),
        (_DAY_MONTH_DASHED, _said_written),
        (_DAY_MONTH, _said_written),
        (_MONTH_SPAN, _month_span),
        (_MONTH_YEAR, _month_year),
        (_MONTH_ALONE, lambda m: final(m, MONTHS[_NUMBER[m.group(1).lower()] - 1])),
    ]
