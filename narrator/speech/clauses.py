"""The pauses an engine makes inside a sentence, at its punctuation, and what they cost in time.

Engines pause at commas, semicolons, colons, brackets and quotation marks; their letters-per-
second rate (the calibration curve) does not see it. News prose carries these marks at two to
three times the calibration text's density, so a pace solved from letters alone read real
articles 2-15% long (median 4.9% on 20 pages at 1x, espeak en-us) and left the difference to a
tempo filter on the final file. Each mark class's pause is measured per voice and pace
(`measure`, run by bench/calibrate.py into calibration.json) and added to the solve.

A mark's pause: how much longer a sentence speaks with the marks than with them taken out,
per mark, on sentences that carry only that class (MARK_SENTENCES).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from narrator.audio import pcm
from narrator.speech.engine import Engine

Curve = list[tuple[float, float]]  # (pace, seconds per mark), pace ascending

# A class's marks where an engine pauses: commas and colons after a word (or its closing quote
# or bracket) and before a space or the sentence's end, so "3,000", "1.5" and "10:30" have none.
_AFTER_WORD = '(?<=[\\w"\u201d\u2019)\\]])'
MARKS: dict[str, re.Pattern[str]] = {
    "comma": re.compile(_AFTER_WORD + r"[,،](?=\s|$)"),
    "colon": re.compile(_AFTER_WORD + r"[;:](?=\s|$)"),
    "bracket": re.compile(r"[()\[\]]"),
    "quote": re.compile(r"[\"“”«»]"),
}

# Sentences in the calibration's register, each carrying marks of one class only.
MARK_SENTENCES: dict[str, tuple[str, ...]] = {
    "comma": (
        "The mayor, who took office in March, said the plan would be ready by the autumn.",
        "Rents rose again last year, the report found, and wages did not keep up.",
        "In the north, where rain fell for days, several roads were closed on Monday.",
        "Residents, shop owners and teachers filled the hall, and many had to stand outside.",
    ),
    "colon": (
        "The agency gave one reason for the delay: the new buses had not yet arrived.",
        "Sales fell in the spring; by the summer they had recovered most of the loss.",
        "Two districts will gain routes: the harbor and the old market.",
        "The vote was close; three members abstained and one left the room early.",
    ),
    "bracket": (
        "The regional grant (approved last spring) will pay for most of the work.",
        "Officials said the fleet (some of it twenty years old) needs urgent repairs.",
        "The survey (which covered nine hundred firms) was published on Thursday.",
        "Ridership fell sharply (by almost a third) during the winter months.",
    ),
    "quote": (
        'She called the vote "a turning point" for the families who rely on the buses.',
        'The chamber said the plan was "long overdue" and welcomed the decision.',
        'Critics described the budget as "wishful thinking" at the public hearing.',
        'The report warned of "serious gaps" in the training of new drivers.',
    ),
}


def count(text: str) -> dict[str, int]:
    """How many marks of each class `text` carries."""
    return {name: len(pattern.findall(text)) for name, pattern in MARKS.items()}


def add(*counts: Mapping[str, int]) -> dict[str, int]:
    return {name: sum(c.get(name, 0) for c in counts) for name in MARKS}


def _unmarked(text: str, name: str) -> str:
    return re.sub(r"\s{2,}", " ", MARKS[name].sub("", text))


def measure(engine: Engine, voice_id: str, paces: Sequence[float]) -> dict[str, Curve]:
    """Seconds of pause per mark of each class at each pace (trimmed like the pipeline)."""

    def seconds(text: str, p: float) -> float:
        return pcm.trim(engine.synthesize(text, voice_id, p)).duration_s

    curves: dict[str, Curve] = {}
    for name, sentences in MARK_SENTENCES.items():
        marks = sum(count(s)[name] for s in sentences)
        curves[name] = [
            (
                p,
                round(
                    sum(seconds(s, p) - seconds(_unmarked(s, name), p) for s in sentences) / marks,
                    4,
                ),
            )
            for p in sorted(paces)
        ]
    return curves


def seconds_at(curves: Mapping[str, Curve], counts: Mapping[str, int], pace: float) -> float:
    """The time the marks `counts` take at `pace` (0 for a class the voice has no curve for)."""
    total = 0.0
    for name, n in counts.items():
        curve = curves.get(name)
        if n and curve:
            total += n * max(0.0, _at(curve, pace))
    return total


def _at(curve: Curve, x: float) -> float:
    """The curve at `x`, linear between points and held flat past either end (a pause does not
    keep shrinking, or growing, beyond what was measured)."""
    if x <= curve[0][0]:
        return curve[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return curve[-1][1]
