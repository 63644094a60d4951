"""Bylines glued to the first paragraph by a paste.

A page prints the byline and the dateline in separate inline elements with no space
between them, so a browser's copy joins them: "By Jane DoeLONDON (Reuters) — The bank
said ...". Read as it is, the name runs into the story. The glue shows as a lower-case
letter followed at once by a capital, where the name ends and either an upper-case
dateline ("LONDON", "NEW YORK,") or, after "By", the story's first sentence begins.
Names such as "McDonald" or "DeSantis" have that shape too, so the split needs what comes
after it to be a dateline, or a long sentence after a "By" line.
"""

from __future__ import annotations

import re

from narrator.text.clean.lines import is_sentence

_NAME_WORD = r"[A-Z][\w'\u2019.-]*"
# "By Jane Doe" or "Jane Doe" (two to four words), ending in a lower-case letter.
_GLUED = re.compile(
    rf"^(?P<by>(?i:by\s+))?(?P<name>(?:{_NAME_WORD}\s+){{1,3}}[A-Z][\w'\u2019.-]*?[a-z])"
    r"(?P<rest>[A-Z].*)$"
)
# An upper-case place, then a comma, a dash or a bracketed agency: "LONDON (Reuters) —".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\u2019-]{2,}(?:\s+[A-Z][A-Z.'\u2019-]+){0,3}\s*[,(\u2014\u2013-]"
)
_SENTENCE_WORDS = 10


def unglue(line: str) -> list[str]:
    """`line`, or the byline and the story it was glued to, as separate paragraphs."""
    m = _GLUED.match(line.strip())
    if not m:
        return [line]
    rest = m.group("rest")
    dateline = bool(_DATELINE.match(rest))
    story = bool(m.group("by")) and len(rest.split()) >= _SENTENCE_WORDS and is_sentence(rest)
    if not (dateline or story):
        return [line]
    return [f"By {m.group('name')}", "", rest]
