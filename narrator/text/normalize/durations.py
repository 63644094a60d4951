"""Durations written with unit letters: "2h 30m", "1h 45min", "3m 20s", "11h".

After hours, "m" is minutes ("2h 30m"); alone it stays metres (see units). A bare "h" counts
only attached to its number ("11h"), and an "s" only after minutes ("in his 30s" is a decade).
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, counted, final

_HOURS = r"(?P<h>\d+(?:\.\d+)?)\s?(?:h|hrs?|hours?)\.?"
_MINUTES = r"(?P<m>\d+)\s?(?:m|mins?|minutes?)\.?"
_SECONDS = r"(?P<s>\d{1,2}(?:\.\d{1,3})?)\s?(?:s|secs?|seconds?)\.?"
_HOURS_MINUTES = re.compile(rf"(?<![\w.,]){_HOURS}\s?(?=\d{{1,2}}\s?m){_MINUTES}(?!\w)")
_MINUTES_SECONDS = re.compile(
    rf"(?<![\w.,]){_MINUTES}\s?(?=\d{{1,2}}(?:\.\d+)?\s?s){_SECONDS}(?!\w)"
)
_HOURS_ATTACHED = re.compile(r"(?<![\w.,])(?P<h>\d+(?:\.\d+)?)h\b")
# ... or apart from its number where nothing follows in the clause: "rated at up to 18 h."
_HOURS_SPACED = re.compile(r"(?<![\w.,])(?P<h>\d+(?:\.\d+)?)\sh\b(?=[.,;)]|\s*$)")
# Hours and their minutes with no "m", "2h30", "1h05" (a French and sports-page habit)
_HOURS_THEN_MINUTES = re.compile(r"(?<![\w.,])(?P<h>\d{1,2})h(?P<m>[0-5]\d)\b")
# A race time with hundredths, "2:30.5", "3:58.21": no clock has them, so minutes and seconds,
# "three minutes fifty-eight point two one seconds" (no "and": seven of nine writers who read
# one, bench/data/fresh_pairs).
_RACE_TIME = re.compile(r"(?<![\w:.,])(?P<m>\d{1,2}):(?P<s>[0-5]\d)\.(?P<f>\d{1,3})(?![\w:]|\.\d)")
# Seconds after a verb of waiting or lasting: "wait 30s", "every 10s" (the 30s of "in their 30s"
# and "the 1930s" are decades).
_WAITED_SECONDS = re.compile(
    r"\b(?P<v>[Ww]ait(?:s|ed|ing)?|[Ee]very|[Aa]fter|[Ww]ithin|[Tt]akes?|[Tt]ook|[Ll]asts?|"
    r"[Ll]asted|[Ff]or)\s(?P<s>\d{1,3})s\b"
)
# A runner's or a rower's pace, "4:05/km", "7:30 per mile", "1:52/500m": minutes and seconds
# per distance (a clock time is never "per" anything).
_PACE = re.compile(
    r"(?<![\w:.,])(?P<m>\d{1,2}):(?P<s>[0-5]\d)\s?(?:/|\bper\s)\s?"
    r"(?P<d>\d{3}\s?m|km|k|mi|mile|100m|500m)\b"
)
_PACE_DISTANCES = {"km": "kilometer", "k": "kilometer", "mi": "mile", "mile": "mile"}


def _minutes_seconds(m: re.Match[str]) -> str:
    """ "4 minutes 5 seconds" for groups m and s, a zero part left out ("" for both zero)."""
    parts = ((int(m["m"]), "minute"), (int(m["s"]), "second"))
    return " ".join(counted(str(n), unit) for n, unit in parts if n)


def _pace(m: re.Match[str]) -> str:
    distance = m["d"].replace(" ", "")
    per = _PACE_DISTANCES.get(distance) or f"{distance[:-1]} meters"
    return final(m, f"{_minutes_seconds(m)} per {per}")


# A dosing interval, "q8h", "q4-6h" (Latin quaque, every): no other word is spelt so.
_DOSING = re.compile(r"(?<![\w.])q(?P<a>\d{1,2})(?:-(?P<b>\d{1,2}))?h(?!\w)")


def _dosing(m: re.Match[str]) -> str:
    hours = f"{m['a']} to {m['b']}" if m["b"] else m["a"]
    return f"every {hours} {'hour' if hours == '1' else 'hours'}"


def _race_time(m: re.Match[str]) -> str:
    minutes = int(m["m"])
    seconds = f"{int(m['s'])}.{m['f']}"
    return (
        f"{counted(str(minutes), 'minute')} {seconds} seconds" if minutes else f"{seconds} seconds"
    )


def _duration(m: re.Match[str]) -> str:
    parts = m.groupdict()
    spoken = " ".join(
        counted(_unpadded(parts[key]), unit)
        for key, unit in (("h", "hour"), ("m", "minute"), ("s", "second"))
        if parts.get(key)
    )
    return final(m, spoken)


def _unpadded(number: str) -> str:
    """ "02" of "10h 02m 17s" is "2" (espeak says "zero two"); "0.5" stays."""
    return number.lstrip("0") if number[:1] == "0" and number[1:2].isdigit() else number


# A launch's mission clock, "T+8:32", "T-0:10": minutes and seconds from lift-off
_MISSION_CLOCK = re.compile(r"\bT\s?(?P<sign>[+-])\s?(?P<m>\d{1,2}):(?P<s>[0-5]\d)\b(?!:)")


def _mission_clock(m: re.Match[str]) -> str:
    return f"T-{'plus' if m['sign'] == '+' else 'minus'} {_minutes_seconds(m) or 'zero'}"


# Before the clock times, which would read "4:05" as one.
PACE: list[Rule] = [(_PACE, _pace), (_MISSION_CLOCK, _mission_clock)]

RULES: list[Rule] = [
    (_DOSING, _dosing),
    (_HOURS_MINUTES, _duration),
    (_MINUTES_SECONDS, _duration),
    (
        _HOURS_THEN_MINUTES,
        lambda m: final(m, f"{counted(m['h'], 'hour')} {counted(str(int(m['m'])), 'minute')}"),
    ),
    (_HOURS_ATTACHED, _duration),
    (_HOURS_SPACED, _duration),
    (_RACE_TIME, _race_time),
    (_WAITED_SECONDS, lambda m: f"{m['v']} {counted(m['s'], 'second')}"),
]
