"""Clock times: "3:30 pm", "10am", "15:00", race times "2:03:45".

"AM"/"PM" are written in capitals: espeak reads "a m" with the article "a".
"""

from __future__ import annotations

import re

from num2words import num2words

from narrator.text.normalize.spoken import Rule, final

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
    return final(m, spoken + suffix)


def _hour(m: re.Match[str]) -> str:
    return final(m, f"{int(m.group('h'))}{_meridiem(m)}")


RULES: list[Rule] = [(_CLOCK, _clock), (_HOUR, _hour)]
