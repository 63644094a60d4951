"""Sports records and tennis sets, which are not ranges: "The Wildcats are 10-2" is "ten and
two", "went 72-10" is "seventy-two and ten", "won the final 6-4, 6-2" is "six four, six two".
A game's score ("won 3-1", "a 24-17 victory") stays with the ranges' "to"; "in OT" is "in
overtime".
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, cardinal

# A team's record: wins and losses after the verbs that give it.
_RECORD = re.compile(
    r"(?<![Oo]dds )(?<![Cc]hances )(?<![Rr]atios )"
    r"\b(?P<verb>are|went|finished(?: the (?:year|season|regular season))?|improved to"
    r"|fell to|dropped to|moved to|record (?:of|to|at))\s(?P<a>\d{1,3})-(?P<b>\d{1,3})"
    r"(?![\w-]|[.,]\d)"
)
# ... and before what names it: "a 12-4 record", "18-3 overall", "9-1 in conference play".
_RECORD_BEFORE = re.compile(
    r"(?<![\w.,-])(?P<a>\d{1,3})-(?P<b>\d{1,3})(?=\s(?:record|overall|mark"
    r"|in\s(?:the\s)?(?:conference|league|division|(?:[A-Z][\w-]*\s){1,3})\s?(?:play|games))\b)"
)
# Betting odds written as a fraction: "10/1 odds", "a 5/2 favourite", "at odds of 7/2" are
# "ten to one", "five to two" (a share of a hundred, "50/50 odds", stays "fifty-fifty").
_ODDS = re.compile(
    r"(?<![\w/.,])(?P<a>\d{1,3})/(?P<b>\d{1,3})"
    r"(?![\w/]|[.,]\d)"
)
_ODDS_AFTER = re.compile(
    r"\s+(?:odds|shots?|(?:joint[- ])?favou?rites?|outsiders?|bet|against)\b", re.I
)
_ODDS_BEFORE = re.compile(r"\b(?:odds of|priced at|at odds of|price of)\s$", re.I)


def _odds(m: re.Match[str]) -> str:
    a, b = int(m["a"]), int(m["b"])
    named = _ODDS_AFTER.match(m.string, m.end()) or _ODDS_BEFORE.search(
        m.string, max(0, m.start() - 14), m.start()
    )
    if not named or a == b or a + b == 100 or b == 0:
        return m.group(0)
    return f"{a} to {b}"


# Cricket: a bowler's figures, wickets then runs ("finished with 5/32": "five for thirty-two"),
# and a side's total, runs then wickets ("Australia were 245/6": "two hundred forty-five for
# six"). Read before the dates, which would take "3/12" for March.
_BOWLING = re.compile(
    r"\b(?P<lead>figures of|finished with|took|returned|claimed|taking|bowled)\s"
    r"(?P<w>10|\d)/(?P<r>\d{2,3})(?![\w/]|[.,]\d)"
)
_TOTAL = re.compile(
    r"\b(?P<lead>were|was|at|reached|made|posted|declared on|to|for)\s"
    r"(?P<r>\d{2,3})/(?P<w>10|\d)(?![\w/]|[.,]\d)"
)


_CRICKET_WORDS = re.compile(
    r"\b(?:runs?|wickets?|overs?|stumps|innings|bowled|batting|bowling|declared|Test|ODI|T20)\b"
)


def _total(m: re.Match[str]) -> str:
    if int(m["r"]) < 32 or not _CRICKET_WORDS.search(m.string):
        return m.group(0)  # "at 12/3": a date, or a fraction; "rates were 100/3"
    return f"{m['lead']} {m['r']} for {m['w']}"


CRICKET: list[Rule] = [
    (_BOWLING, lambda m: f"{m['lead']} {m['w']} for {m['r']}"),
    (_TOTAL, _total),
]


# A results line's "W 3-1", "L 2-4" (won, lost; "T" tied), at its start or after a colon
_RESULT = re.compile(r"(?:(?<=^)|(?<=:\s)|(?<=;\s))(?P<r>[WLT])\s(?=\d{1,3}-\d{1,3}\b)")
_RESULTS = {"W": "won ", "L": "lost ", "T": "tied "}


# A ball-strike count: "a 2-1 count" is "two-one", balls then strikes.
_COUNT = re.compile(r"(?<![\w.,-])(?P<b>[0-3])-(?P<s>[0-2])(?=\s+count\b)")
# A team's record in parentheses after its name: "The Warriors (45-30) hold ...".
_RECORD_AFTER_NAME = re.compile(
    r"(?<=[a-z]s\s)\((?P<a>\d{1,3})-(?P<b>\d{1,3})(?:-(?P<c>\d{1,2}))?\)(?=[\s,.;])"
)
_TEAM = re.compile(r"\b[A-Z][a-z]+s\s$")  # "Warriors", "Yankees", "Red Sox" is not caught


def _record_after_name(m: re.Match[str]) -> str:
    if not _TEAM.search(m.string, max(0, m.start() - 20), m.start()):
        return m.group(0)
    said = f"{cardinal(int(m['a']))} and {_games(m['b'])}"
    if m["c"]:
        said += f" and {_games(m['c'])}"  # wins, losses and ties (or overtime losses)
    return f", {said},"


# Tennis: two to five sets in a row, each won by a side reaching six or seven games.
_SET = r"[0-7][-\u2013][0-7]"  # hyphen or en dash
_SETS = re.compile(rf"(?<![\w.-]){_SET}(?:,\s?{_SET}){{1,4}}(?![\w-]|[.,]\d)")


def _games(n: str) -> str:
    return "oh" if n == "0" else cardinal(int(n))


# What follows a span of hours, not a record: "hours are 12-3 & 6-10 pm", "are 9-5 daily".
_HOURS_AFTER = re.compile(
    r"\s?(?:&|and|,)?\s?(?:\d{1,2}(?::\d\d)?\s?(?:-\s?\d{1,2}(?::\d\d)?)?\s?)?[ap]\.?m\b", re.I
)


def _record(m: re.Match[str]) -> str:
    if _HOURS_AFTER.match(m.string, m.end()) or re.search(
        r"\bhours\s+are\s$", m.string[: m.start("a")]
    ):
        return m.group(0)  # a span of hours
    return f"{m['verb']} {cardinal(int(m['a']))} and {_games(m['b'])}"


_WON = re.compile(r"\b(?:won|win|wins|beat|beats|lost|lose|loses|drew|defeated|trail(?:ed|s)?)\s$")


def _record_before(m: re.Match[str]) -> str:
    if _WON.search(m.string, max(0, m.start() - 12), m.start()):
        return m.group(0)  # "won 3-1 overall": a score over two legs, read as scores are
    return f"{cardinal(int(m['a']))} and {_games(m['b'])}"


def _sets(m: re.Match[str]) -> str:
    sets = [tuple(re.split("[-\u2013]", x.strip())) for x in m.group(0).split(",")]
    if not all(max(int(a), int(b)) >= 6 for a, b in sets):
        return m.group(0)
    return ", ".join(f"{cardinal(int(a))} {cardinal(int(b))}" for a, b in sets)


# Overtime after a score: "won 4-3 in OT", "in 2OT" (espeak says "ot"): "in double overtime".
_OVERTIME = re.compile(r"\b(?P<in>in|an?)\s(?P<n>[23])?OT\b(?!-)")
_TIMES = {None: "", "2": "double ", "3": "triple "}

# A team's place in the standings, "3.5 games back": "three and a half games back".
_GAMES_BACK = re.compile(
    r"(?<![\w.])(?P<n>[1-9]\d?)\.5(?=\sgames\s(?:back|behind|ahead|out|clear|up)\b)"
)

RULES: list[Rule] = [
    (_RESULT, lambda m: _RESULTS[m["r"]]),
    (_GAMES_BACK, lambda m: f"{cardinal(int(m['n']))} and a half"),
    (_RECORD, _record),
    (_RECORD_BEFORE, _record_before),
    (_COUNT, lambda m: f"{cardinal(int(m['b']))}-{cardinal(int(m['s']))}"),
    (_RECORD_AFTER_NAME, _record_after_name),
    (_SETS, _sets),
    (_ODDS, _odds),
    (_OVERTIME, lambda m: f"{m['in']} {_TIMES[m['n']]}overtime"),
]
