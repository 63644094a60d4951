"""Which words of the source sentence each spoken word came from.

Normalization rewrites words ("2012" is read "twenty twelve", "$5" "five dollars", "Dr."
"Doctor") but never reorders them, so the two word sequences align monotonically: words that
read the same pair one to one, and a rewritten run of the script pairs with the source run it
replaced. The follow-along transcript shows the source, so a time found for a spoken word is
shown on the source word it maps to.

    source_words("It cost $5.")            [(0, 2), (3, 7), (8, 11)]
    align(["it", "cost", "five", "dollars"], ...)  ->  [0, 1, 2, 2]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\S+")


def key(word: str) -> str:
    """What two spellings of one word share: letters and digits, lower case."""
    return "".join(c for c in word.casefold() if c.isalnum())


def source_words(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of `text` (runs without letters or digits are no words)."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text) if key(m.group())]


def spoken_words(text: str) -> list[str]:
    """The words an engine reads in a script sentence."""
    return [w for w in text.split() if key(w)]


def align(spoken: list[str], source: list[str]) -> list[int]:
    """For each spoken word, the index of the source word it reads (every spoken word gets one).

    A run of spoken words replacing a run of source words is shared out in order and in
    proportion; a spoken word with no source of its own belongs to the source word before it.
    """
    if not source:
        return []
    a = [key(w) for w in spoken]
    b = [key(w) for w in source]
    out: list[int] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(range(j1, j2))
        elif op == "replace":
            n, m = i2 - i1, j2 - j1
            out.extend(j1 + (k * m) // n for k in range(n))
        elif op == "delete":
            out.extend([max(j1 - 1, 0)] * (i2 - i1))
        # "insert": source words nobody reads aloud (a symbol the script drops) get no time.
    return out
