"""A publisher's pronunciation lexicon: names the engine would otherwise get wrong.

File format (UTF-8, a BOM is tolerated), one entry per line::

    # comments start a line with '#'; blank lines are ignored
    Xiaomi = Shau-mee              respelling: plain text the engine reads as written
    Xiaomi = [[S'aUmi:]]           phonemes: espeak-ng phoneme mnemonics inside [[ ]]
    Nguyen Van = Win Van           keys may be several words

- The key is everything before the first ``=``, the value everything after; both are stripped.
- ``#`` starts a comment only at the beginning of a line: espeak phoneme mnemonics use ``#``
  (``I#``, ``a#``), so an inline ``#`` is part of the value.
- Matching is case-insensitive, on whole words; the possessive ``'s`` (or ``’s``) is kept:
  ``Xiaomi's`` becomes ``Shau-mee's``, and for phonemes ``[[S'aUmi:z]]``.
- A key listed twice: the later line wins (so a file can be extended by appending).
- A malformed line raises `LexiconError` naming the file and the line number.

The engine contract for phonemes: the text reaching an engine carries them as ``[[...]]``
exactly as written in the lexicon. The espeak engine passes espeak's PHONEMES flag so they are
spoken as phonemes; an engine that cannot read espeak mnemonics must convert or drop them.
`narrator.text.normalize` applies the lexicon first (publisher entries win) and never rewrites
what the lexicon produced.
"""

# ruff: noqa: RUF001, RUF002 - the typographic apostrophe is matched on purpose

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from narrator.errors import LexiconError

_POSSESSIVE = r"(?P<poss>['’]s)?"
# Phonemes ending in a voiceless non-sibilant take /s/, sibilants /Iz/, the rest /z/.
_VOICELESS = ("p", "t", "k", "f", "T")
_SIBILANT = ("s", "z", "S", "Z", "tS", "dZ")


@dataclass(frozen=True)
class Lexicon:
    """Word (lower-cased key) -> respelling or ``[[phonemes]]``."""

    entries: Mapping[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.entries:
            return
        # Longest keys first so "Nguyen Van" wins over "Nguyen"; spaces in keys match any run.
        keys = sorted(self.entries, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
        pattern = re.compile(rf"(?<!\w)(?P<key>{alternatives})(?!\w){_POSSESSIVE}(?!\w)", re.I)
        object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def parse(cls, text: str, *, name: str = "<lexicon>") -> Lexicon:
        entries: dict[str, str] = {}
        text = text.removeprefix("\ufeff")
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            key, value = " ".join(key.split()), value.strip()
            where = f"{name} line {number}"
            if not sep:
                raise LexiconError(f"{where}: expected 'word = respelling', got {raw.strip()!r}")
            if not key or not re.search(r"\w", key):
                raise LexiconError(f"{where}: missing the word before '='")
            if not value:
                raise LexiconError(f"{where}: missing the pronunciation after '=' for {key!r}")
            if "[[" in key or "]]" in key:
                raise LexiconError(f"{where}: phonemes go after '=', not in the word {key!r}")
            _check_value(value, where)
            entries[key.lower()] = value
        return cls(entries)

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        path = Path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise LexiconError(f"{path}: not UTF-8 text (byte {e.start})") from None
        except OSError as e:
            raise LexiconError(f"cannot read lexicon {path}: {e.strerror or e}") from None
        return cls.parse(text, name=str(path))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def apply(self, text: str, *, mark: Callable[[str], str] | None = None) -> str:
        """Replace every entry in `text`; `mark` may wrap each replacement (normalize protects
        them from its own rules this way)."""
        if self._pattern is None:
            return text

        def replace(m: re.Match[str]) -> str:
            value = self.entries[" ".join(m.group("key").split()).lower()]
            spoken = _with_possessive(value, m.group("poss"))
            return mark(spoken) if mark else spoken

        return self._pattern.sub(replace, text)


# Built in: news words that espeak-ng's English rules (which piper uses too) say so that a
# listener hears another word. Each was checked by ear: piper's Joe voice at 1x, transcribed
# by Whisper. `normalize` applies these after its own rules (so "Rs 300 crore" is first read
# "300 crore rupees") and after a publisher's lexicon, whose entries win.
NEWS_WORDS = Lexicon(
    {
        # Indian numbering: espeak's /krOr/ is heard as "core". The hyphen makes espeak say
        # the final r (/kroU-A@/, close to Indian English /kro:r/); "krohr" was still heard as
        # "core" half the time, and "kroh-rs" would spell "R S", hence "kroh-ars".
        "crore": "kroh-r",
        "crores": "kroh-ars",
    }
)


def _check_value(value: str, where: str) -> None:
    if value.startswith("[["):
        inner = value[2:-2] if value.endswith("]]") else None
        if inner is None or not inner.strip() or "[[" in inner or "]]" in inner:
            raise LexiconError(f"{where}: phonemes must be one [[...]] block, got {value!r}")
    elif "[[" in value or "]]" in value:
        raise LexiconError(f"{where}: a value is either a respelling or one [[...]] block")


def _with_possessive(value: str, poss: str | None) -> str:
    if not poss:
        return value
    if not value.startswith("[["):
        return value + poss
    phonemes = value[2:-2].rstrip()
    if phonemes.endswith(_SIBILANT):
        suffix = "I#z"
    elif phonemes.endswith(_VOICELESS):
        suffix = "s"
    else:
        suffix = "z"
    return f"[[{phonemes}{suffix}]]"
