"""Characters: look-alikes made plain, and what espeak reads aloud but a narrator would not.

Typographic quotes and dashes become ASCII; emoji, ™, ®, invisible and control characters go;
bullets and bars between words become a pause.
"""

# ruff: noqa: RUF001, RUF003 - look-alike characters (’ – ⁃) are what this module rewrites

from __future__ import annotations

import re
import unicodedata

# Protected text (lexicon output, [[phonemes]]) is swapped for these private-use characters
# while the rules run, so no rule can touch it; they must survive the cleanup below.
SLOT_BASE = 0xF0000
SLOTS = re.compile("[\U000f0000-\U000ffffd]")

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\u20e3]")
_TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "−": "-",
        "―": "—",
        "º": "°",
        "℃": "°C",
        "℉": "°F",
        "№": "No. ",
    }
)
# Characters espeak reads aloud but a narrator would not: a pause (comma) where they separate.
_SEPARATORS = re.compile(r"\s*[|¦•◦▪▫●○■□►▶‣⁃∙·]+\s*")
_KEEP_SYMBOLS = {"°", "©"}  # So-category characters the rules below handle or espeak reads well


def plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _INVISIBLE.sub("", text)
    # Emoji and pictographs (espeak says "grinning face"), ™ and ®, control characters.
    text = "".join(
        c
        for c in text
        if c in _KEEP_SYMBOLS
        or unicodedata.category(c) not in ("So", "Sk", "Cc", "Cf", "Cs", "Co", "Cn")
        or c.isspace()
        or ord(c) >= SLOT_BASE
    )
    text = _SEPARATORS.sub(", ", text)
    return _SPACES.sub(" ", text).strip()
