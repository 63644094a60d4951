"""/v1/lexicon: the publisher's pronunciation lexicon (per API key when keys are on).

    GET /v1/lexicon     the lexicon in force: entries, the file form, version
    PUT /v1/lexicon     replace it: text/plain in the CLI's --lexicon file form, or JSON
                        {"entries": [{"word", "say" | "phonemes"}]}; 422 lists every bad line

Narrations created after a PUT are read with it (narrator.lexicons).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from narrator import errors, lexicons
from narrator.api.deps import DbDep, OwnerDep, SettingsDep, Writer
from narrator.api.schemas import (
    LexiconEntry,
    LexiconErrorPublic,
    LexiconPublic,
)
from narrator.api.submission import read_limited
from narrator.api.views import ERRORS
from narrator.store.models import LexiconVersion
from narrator.store.repo.lexicons import ALL
from narrator.text.lexicon import (
    FILE_PATTERN,
    MAX_VALUE_CHARS,
    MAX_WORD_CHARS,
    SPOKEN_PATTERN,
    WORD_PATTERN,
    Lexicon,
    check_entry,
)

router = APIRouter(prefix="/v1/lexicon", tags=["lexicon"])

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
_BODY: dict[str, Any] = {
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
_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    422: {
        "model": LexiconErrorPublic,
        "description": "Bad entries: `problems` names each one by its line (or JSON entry)",
    },
}


def public(row: LexiconVersion | None) -> LexiconPublic:
    if row is None:
        return LexiconPublic(
            scope=ALL, version=0, count=0, digest="", updated_at=None, entries=[], text=""
        )
    lexicon = Lexicon.parse(row.text)
    entries = [
        LexiconEntry(word=word, phonemes=value[2:-2])
        if value.startswith("[[")
        else LexiconEntry(word=word, say=value)
        for word, value in lexicon.entries.items()
    ]
    return LexiconPublic(
        scope=ALL,
        version=row.version,
        count=len(entries),
        digest=row.digest,
        updated_at=row.created_at,
        entries=entries,
        text=row.text,
    )


@router.get(
    "",
    response_model=LexiconPublic,
    dependencies=[Writer],
    responses=ERRORS,
    summary="The pronunciation lexicon in force",
    description=(
        "With API keys configured each key has its own lexicon, and this needs "
        "`Authorization: Bearer <key>`. Version 0 and no entries: none was saved."
    ),
)
def get_lexicon(db: DbDep, owner: OwnerDep) -> LexiconPublic:
    return public(lexicons.current(db, owner))


@router.put(
    "",
    response_model=LexiconPublic,
    dependencies=[Writer],
    responses=_RESPONSES,
    openapi_extra={"requestBody": _BODY},
    summary="Replace the pronunciation lexicon",
    description=(
        "The whole lexicon, as the CLI's `--lexicon` file (text/plain, UTF-8) or as JSON "
        '`{"entries": [{"word": "Xiaomi", "phonemes": "S\'aUmi:"}, {"word": '
        '"Nguyen", "say": "Win"}]}`. An empty body (or list) clears it. Every narration '
        "created afterwards is read with it; a narration whose article uses none of the "
        "changed words is the one it was before. Bad entries: 422 listing each with its "
        "line (or entry) number; over NARRATOR_LEXICON_MAX_BYTES or _MAX_ENTRIES: 413."
    ),
)
async def put_lexicon(
    request: Request, db: DbDep, settings: SettingsDep, owner: OwnerDep
) -> LexiconPublic:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in (*TEXT_TYPES, *JSON_TYPES):
        raise errors.BinaryInput(f"unsupported Content-Type {ctype or '(none)'!r}: send {_TYPES}")
    body = await read_limited(request, settings.lexicon_max_bytes)
    if ctype in JSON_TYPES:
        lexicon, text = _from_json(body)
    else:
        lexicon, text = _from_text(body)
    lexicons.check_size(lexicon, settings)
    row = await run_in_threadpool(lexicons.save, db, settings, owner, lexicon, text)
    return public(row)


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
