"""What every furniture rule sees of a line: spaces made plain, its words, a sentence end."""

from __future__ import annotations

import re
import unicodedata

# Characters that render as nothing or as a plain space but break word matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """NFC, no invisible characters, single spaces, no leading or trailing space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


def full(*alternatives: str) -> re.Pattern[str]:
    """A case-insensitive pattern that must match the whole line (trailing punctuation allowed)."""
    body = "|".join(alternatives)
    # No trailing full stop: "More." or "Play." may be a sentence; a label has none.
    return re.compile(rf"^(?:{body})[\s:|\u203a\u00bb>]*$", re.IGNORECASE)


# Words that make a line a sentence: a verb-ish ending or sentence punctuation.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_WORD = re.compile(r"[\w'\u2019]+", re.UNICODE)


def is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def words(line: str) -> list[str]:
    return _WORD.findall(line.lower())


def word_key(line: str) -> str:
    return " ".join(words(line))
