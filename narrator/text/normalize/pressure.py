"""Blood pressure: "120/80" is "one twenty over eighty" where the sentence is about blood
pressure ("blood pressure", "BP", "mmHg"); elsewhere a slash between numbers is a fraction, a
date or a score, which other rules read.
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, cardinal, year

_CONTEXT = re.compile(r"\bblood[\s-]pressures?\b|\bBP\b|mm\s?Hg\b|\bsystolic\b|\bdiastolic\b", re.I)
_READING = re.compile(
    r"(?<![\w./])(?P<sys>[5-9]\d|[12]\d\d)/(?P<dia>[3-9]\d|1[0-4]\d)(?P<unit>\s?mm\s?Hg\b)?"
    r"(?![\w/]|[.,]\d)"
)


def _reading(m: re.Match[str]) -> str:
    if not _CONTEXT.search(m.string):
        return m.group(0)
    high = int(m["sys"])
    # Newsreaders and clinicians say a three-digit reading in pairs: "one twenty", "one forty".
    spoken = year(high) if high >= 100 else cardinal(high)
    unit = " millimeters of mercury" if m["unit"] else ""
    return f"{spoken} over {cardinal(int(m['dia']))}{unit}"


RULES: list[Rule] = [(_READING, _reading)]
