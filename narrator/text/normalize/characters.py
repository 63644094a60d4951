"""Characters: look-alikes made plain, and what espeak reads aloud but a narrator would not.

Typographic quotes and dashes become ASCII; a rating in stars is said ("4 out of 5 stars");
emoji, ™, ®, invisible and control characters go;
bullets, bars and arrows between words become a pause.
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
# A product of units after a number, "400 N\u00b7m", "3 kW\u22c5h": one unit ("Nm", "kWh"), not two
# words with a pause between.
_UNIT_PRODUCT = re.compile(r"(\d\s?[kMG]?[A-Z][a-z]?)[\u00b7\u22c5]([a-z]{1,2})\b")
# Characters espeak reads aloud but a narrator would not: a pause (comma) where they separate.
_SEPARATORS = re.compile(r"\s*[|¦•◦▪▫●○■□►▶‣⁃∙·\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f➔➜➝➞]+\s*")
# A rating in stars, "★★★★☆" or "★★★½": what it says, not nothing (the stars are symbols).
_STARS = re.compile(r"(?P<full>[★⭐]+)(?P<half>½)?(?P<empty>[☆✩]*)")
_KEEP_SYMBOLS = {"°", "©", "^"}  # symbols the rules below handle ("10^6") or espeak reads well


def _stars(m: re.Match[str]) -> str:
    full, half, empty = len(m["full"]), bool(m["half"]), len(m["empty"])
    if full + half + empty < 2:
        return m.group(0)  # one star is a decoration, or a footnote mark
    rating = f"{full} and a half" if half else str(full)
    if not (half or empty):
        # "a ★★★★★ hotel" is a five-star hotel
        adjective = re.search(r"\b(?:a|an|the)\s*$", m.string[: m.start()], re.IGNORECASE)
        return f" {rating}-star " if adjective else f" {rating} stars "
    return f" {rating} out of {full + half + empty} stars "


# A number's superscript is its power: "10⁸" is "10^8", for the powers to read ("m²" stays).
_SUPERSCRIPT = re.compile(r"(?<=\d)[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+(?![\w⁰¹²³⁴⁵⁶⁷⁸⁹])")
_SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _SUPERSCRIPT.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPT_DIGITS), text)
    text = _INVISIBLE.sub("", text)
    text = _STARS.sub(_stars, text)
    text = _UNIT_PRODUCT.sub(r"\1\2", text)
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
