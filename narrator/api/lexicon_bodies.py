"""The body of a PUT of a lexicon (/v1/lexicon, /v1/sources/{id}/lexicon): the CLI's
--lexicon file form as text/plain, or JSON entries; its OpenAPI description (BODY).

    lexicon, text = await read(request, settings)   # text: the file form to keep

Every bad line (or JSON entry) is reported with its number in one LexiconError (422).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from narrator import errors, lexicons
from narrator.api.submission import read_limited
from narrator.config import Settings
from narrator.text.lexicon import (
    FILE_PATTERN,
    MAX_VALUE_CHARS,
    MAX_WORD_CHARS,
    SPOKEN_PATTERN,
    WORD_PATTERN,
    Lexicon,
    check_entry,
)

TEXT_TYPES = ("text/plain",)
JSON_TYPES = ("application/json",)
_TYPES = "text/plain (one `word = respelling` or `word = [[phonemes]]` a line) or application/json"

_FILE_FORM = (
    "One entry a line: `word = respelling` or `word = [[espeak phonemes]]`; lines starting "
    "with `#` and blank lines are ignored; a word listed twice: the later line wins. A word "
    f"holds no `=`, `[` or `]` and is at most {MAX_WORD_CHARS} characters; a respelling holds "
    f"no `[` or `]`; a pronunciation is at most {MAX_VALUE_CHARS} characters with its [[ ]]; "
    "no control characters but tab."
)
_PHONEMES_CHARS = MAX_VALUE_CHARS - 4  # without the [[ ]] the file form adds
_ENTRY: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["word"],
    "properties": {
        "word": {
            "type": "string",
            "maxLength": MAX_WORD_CHARS,
            "pattern": WORD_PATTERN,
            "description": "The word (or words) as written; matched whole, case-insensitively",
            "examples": ["Xiaomi"],
        },
        "say": {
            "type": "string",
            "maxLength": MAX_VALUE_CHARS,
            "pattern": SPOKEN_PATTERN,
            "description": "A respelling the voice reads as written",
            "examples": ["Shau-mee"],
        },
        "phonemes": {
            "type": "string",
            "maxLength": _PHONEMES_CHARS,
            "pattern": SPOKEN_PATTERN,
            "description": "espeak-ng phoneme mnemonics, without the [[ ]] of the file form",
            "examples": ["S'aUmi:"],
        },
    },
    "oneOf": [{"required": ["say"]}, {"required": ["phonemes"]}],
}
BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/plain": {
            "schema": {"type": "string", "pattern": FILE_PATTERN, "description": _FILE_FORM},
            "example": "# names our voices get wrong\nXiaomi = [[S'aUmi:]]\nNguyen = Win\n",
        },
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": False,
                "required": ["entries"],
                "properties": {
                    "entries": {
                        "type": "array",
                        "items": _ENTRY,
                        "description": "The whole lexicon; an empty list clears it",
                    }
                },
            },
            "example": {
                "entries": [
                    {"word": "Xiaomi", "phonemes": "S'aUmi:"},
                    {"word": "Nguyen", "say": "Win"},
                ]
            },
        },
    },
}


async def read(request: Request, settings: Settings) -> tuple[Lexicon, str]:
    """The lexicon sent, and its file form to keep; 415 for another type, 422, 413."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in (*TEXT_TYPES, *JSON_TYPES):
        raise errors.BinaryInput(f"unsupported Content-Type {ctype or '(none)'!r}: send {_TYPES}")
    body = await read_limited(request, settings.lexicon_max_bytes)
    lexicon, text = _from_json(body) if ctype in JSON_TYPES else _from_text(body)
    return lexicons.check_size(lexicon, settings), text


def _from_text(body: bytes) -> tuple[Lexicon, str]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise errors.LexiconError(f"the lexicon is not UTF-8 text (byte {e.start})") from None
    # Kept as sent (comments too), so GET gives the publisher their file back.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Lexicon.parse(text, name="lexicon"), text


def _from_json(body: bytes) -> tuple[Lexicon, str]:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise errors.LexiconError('the body is not valid JSON: send {"entries": [...]}') from None
    values = payload.get("entries") if isinstance(payload, dict) else None
    if not isinstance(values, list) or set(payload) - {"entries"}:
        raise errors.LexiconError(
            'send a JSON object with one field, "entries": a list of {"word", "say"} or '
            '{"word", "phonemes"}'
        )
    pairs, problems = [], []
    for number, value in enumerate(values, start=1):
        pair = _pair(value)
        if isinstance(pair, str):
            problems.append((number, pair))
        else:
            pairs.append(pair)
    if problems:
        raise errors.LexiconError.of("lexicon", problems, unit="entry")
    # The file form keeps the words as written (GET lists them matched: in lower case).
    text = "".join(f"{' '.join(word.split())} = {value.strip()}\n" for word, value in pairs)
    return Lexicon.from_pairs(pairs), text


def _pair(value: Any) -> tuple[str, str] | str:
    """(word, file-form value), or what is wrong with this JSON entry (as _ENTRY says)."""
    if not isinstance(value, dict):
        return 'an entry is an object: {"word": ..., "say": ...} or {"word": ..., "phonemes": ...}'
    unknown = set(value) - {"word", "say", "phonemes"}
    if unknown:
        return f"unknown field {sorted(unknown)[0]!r}: an entry has word, and say or phonemes"
    word = value.get("word")
    if not isinstance(word, str):
        return '"word" is missing or not a string'
    if ("say" in value) == ("phonemes" in value):
        return f'give "say" (a respelling) or "phonemes" for {word[:80]!r}, exactly one of them'
    field = "say" if "say" in value else "phonemes"
    spoken = value[field]
    if not isinstance(spoken, str):
        return f'"{field}" of {word[:80]!r} must be a string'
    limit = MAX_VALUE_CHARS if field == "say" else _PHONEMES_CHARS
    if len(word) > MAX_WORD_CHARS or len(spoken) > limit:
        return (
            f"a word is at most {MAX_WORD_CHARS} characters and its {field} {limit}: "
            f"{word[:80]!r} is {len(word)}, its {field} {len(spoken)}"
        )
    # Checked as a respelling (no [ or ]) whichever it is: the [[ ]] are added here.
    problem = check_entry(word, spoken)
    if problem:
        return problem
    return (word, spoken) if field == "say" else (word, f"[[{spoken.strip()}]]")
