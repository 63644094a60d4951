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
- Malformed lines raise one `LexiconError` naming the file and every bad line's number.

The engine contract for phonemes: the text reaching an engine carries them as ``[[...]]``
exactly as written in the lexicon. The espeak engine passes espeak's PHONEMES flag so they are
spoken as phonemes; an engine that cannot read espeak mnemonics must convert or drop them.
`narrator.text.normalize` applies the lexicon first (publisher entries win) and never rewrites
what the lexicon produced.
"""

# ruff: noqa: RUF001, RUF002 - the typographic apostrophe is matched on purpose

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from narrator.errors import LexiconError

# Longer is a mistake (a pasted paragraph), and would slow every narration's matching.
MAX_WORD_CHARS = 100
MAX_VALUE_CHARS = 200
# Where str.splitlines() ends a line: an entry never holds one.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Control characters other than tab and line breaks: invisible in an editor, and PostgreSQL
# refuses NUL in text.
_CONTROL = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
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
        """The lexicon in `text`; LexiconError lists every bad line (`problems`), not the first."""
        entries: dict[str, str] = {}
        problems: list[tuple[int, str]] = []
        text = text.removeprefix("\ufeff")
        for number, raw in enumerate(text.splitlines(), start=1):
            if control := _CONTROL_RE.search(raw):
                code, column = ord(control.group()), control.start() + 1
                problems.append((number, f"control character U+{code:04X} at column {column}"))
                continue
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            problem = _check_entry(key.strip(), value.strip(), bool(sep), line)
            if problem:
                problems.append((number, problem))
            else:
                entries[" ".join(key.split()).lower()] = value.strip()
        if problems:
            raise LexiconError.of(name, problems)
        return cls(entries)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], *, name: str = "entry") -> Lexicon:
        """Entries given one by one (the JSON form); problems are numbered from 1 as `name`s."""
        entries: dict[str, str] = {}
        problems: list[tuple[int, str]] = []
        for number, (key, value) in enumerate(pairs, start=1):
            key, value = " ".join(key.split()), value.strip()
            problem = check_entry(key, value)
            if problem:
                problems.append((number, problem))
            else:
                entries[key.lower()] = value
        if problems:
            raise LexiconError.of(f"<{name}s>", problems, unit=name)
        return cls(entries)

    def to_text(self) -> str:
        """The lexicon in the file format, one `word = pronunciation` a line (parse reads it)."""
        return "".join(f"{key} = {value}\n" for key, value in self.entries.items())

    def digest(self) -> str:
        """A fingerprint of the entries (order and case of keys as stored); "" when empty."""
        if not self.entries:
            return ""
        payload = json.dumps(sorted(self.entries.items()), ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def used_in(self, texts: Iterable[str]) -> Lexicon:
        """The entries `apply` would use on each of `texts`: applying only these gives the same
        result (a longer key that matched would have won there too), so their digest is what
        the narration of those texts depends on."""
        if self._pattern is None:
            return self
        used: dict[str, str] = {}
        for text in texts:
            for m in self._pattern.finditer(text):
                key = " ".join(m.group("key").split()).lower()
                used[key] = self.entries[key]
        return Lexicon({k: v for k, v in self.entries.items() if k in used})

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


def overlay(*texts: str) -> str:
    """Lexicons in the file form, each over the ones before it: one file, the later file's line
    winning for a word both list (the file form's own rule: a later line wins)."""
    return "".join(t if not t or t.endswith("\n") else t + "\n" for t in texts)


def check_entry(word: str, value: str) -> str | None:
    """What is wrong with `word = value` given apart from a file (JSON), or None: what the file
    form would refuse, and what it could not hold (a line break, '=' in the word)."""
    for text in (word, value):
        if any(c in LINE_BREAKS for c in text):
            return f"a word and its pronunciation are one line each, got {text[:80]!r}"
        if control := _CONTROL_RE.search(text):
            return f"control character U+{ord(control.group()):04X} in {text[:80]!r}"
    if "=" in word or word.strip().startswith("#"):
        return f"the word {word[:80]!r} contains '=' or starts with '#': the file form cannot"
    return _check_entry(word.strip(), value.strip(), True, f"{word} = {value}")


def _check_entry(key: str, value: str, has_sep: bool, line: str) -> str | None:
    """What is wrong with one entry (`key` and `value` stripped), said so a person can fix
    it; None when it is fine. FILE_PATTERN says the same as a regular expression."""
    if not has_sep:
        return f"expected 'word = respelling' or 'word = [[phonemes]]', got {line[:80]!r}"
    if not key or not re.search(r"\w", key):
        return "missing the word before '='"
    if "[" in key or "]" in key:
        return f"phonemes go after '=', not in the word {key[:80]!r} (a word has no [ or ])"
    if len(key) > MAX_WORD_CHARS:
        return f"the word is {len(key)} characters; the limit is {MAX_WORD_CHARS}"
    if not value:
        return f"missing the pronunciation after '=' for {key!r}"
    if len(value) > MAX_VALUE_CHARS:
        return f"the pronunciation is {len(value)} characters; the limit is {MAX_VALUE_CHARS}"
    if value.startswith("[["):
        inner = value[2:-2] if len(value) >= 4 and value.endswith("]]") else None
        if inner is None or not inner.strip() or "[" in inner or "]" in inner:
            return f"phonemes must be one [[...]] block, got {value[:80]!r}"
    elif "[" in value or "]" in value:
        return (
            f"a value is either a respelling (no [ or ]) or one [[...]] block, got {value[:80]!r}"
        )
    return None


def _patterns() -> tuple[str, str, str]:
    """The rules above as regular expressions (OpenAPI `pattern`s): the file form, a word and
    a pronunciation given alone (JSON, as sent: surrounding spaces allowed)."""
    lb = "".join(f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in LINE_BREAKS)
    x = _CONTROL.encode("unicode_escape").decode()
    ws = f"[^\\S{lb}{x}]"  # spaces within a line
    c = f"[^=\\[\\]\\s{lb}{x}]"  # a word's first and last character
    a = f"[^=\\[\\]{lb}{x}]"
    d = f"[^\\[\\]\\s{lb}{x}]"  # a pronunciation's first and last character
    b = f"[^\\[\\]{lb}{x}]"
    end = "(?![\\s\\S])"  # the very end ($ would allow a final line break)
    has_word = f"(?=[^={lb}{x}]*\\w)"
    key = f"{has_word}{c}(?:{a}{{0,{MAX_WORD_CHARS - 2}}}{c})?"
    respelling = f"{d}(?:{b}{{0,{MAX_VALUE_CHARS - 2}}}{d})?"
    phonemes = f"\\[\\[(?={b}{{0,{MAX_VALUE_CHARS - 4}}}\\]\\]){b}*{d}{b}*\\]\\]"
    entry = f"{ws}*{key}{ws}*={ws}*(?:{respelling}|{phonemes}){ws}*"
    line = f"(?:{entry}|{ws}*#[^{lb}{x}]*|{ws}*)"
    file = f"^\\ufeff{{0,2}}(?:{line}(?:\\r\\n|[{lb}]))*{line}{end}"
    first = f"[^=\\[\\]#\\s{lb}{x}]"
    word = f"^{has_word}{ws}*{first}(?:{a}*{c})?{ws}*{end}"
    spoken = f"^{ws}*{d}(?:{b}*{d})?{ws}*{end}"
    return file, word, spoken


FILE_PATTERN, WORD_PATTERN, SPOKEN_PATTERN = _patterns()


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
