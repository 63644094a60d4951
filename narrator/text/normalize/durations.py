"""Durations written with unit letters: "2h 30m", "1h 45min", "3m 20s", "11h".

After hours, "m" is minutes ("2h 30m"); alone it stays metres (see units). A bare "h" counts
only attached to its number ("11h"), and an "s" only after minutes ("in his 30s" is a decade).
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, final, is_one

_HOURS = r"(?P<h>\d+(?:\.\d+)?)\s?(?:h|hrs?|hours?)\.?"
_MINUTES = r"(?P<m>\d+)\s?(?:m|mins?|minutes?)\.?"
_SECONDS = r"(?P<s>\d{1,2})\s?(?:s|secs?|seconds?)\.?"
_HOURS_MINUTES = re.compile(rf"(?<![\w.,]){_HOURS}\s?(?=\d{{1,2}}\s?m){_MINUTES}(?!\w)")
_MINUTES_SECONDS = re.compile(rf"(?<![\w.,]){_MINUTES}\s?(?=\d{{1,2}}\s?s){_SECONDS}(?!\w)")
_HOURS_ATTACHED = re.compile(r"(?<![\w.,])(?P<h>\d+(?:\.\d+)?)h\b")


def _count(number: str, unit: str) -> str:
    return f"{number} {unit}" if is_one(number) else f"{number} {unit}s"


def _duration(m: re.Match[str]) -> str:
    parts = m.groupdict()
    spoken = " ".join(
        _count(parts[key], unit)
        for key, unit in (("h", "hour"), ("m", "minute"), ("s", "second"))
        if parts.get(key)
    )
    return final(m, spoken)


RULES: list[Rule] = [
    (_HOURS_MINUTES, _duration),
    (_MINUTES_SECONDS, _duration),
    (_HOURS_ATTACHED, _duration),
]
