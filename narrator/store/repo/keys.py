"""The identities that make two requests one row: article, narration and chunk cache keys."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence


def _sha256_json(parts: Sequence[object]) -> str:
    # A JSON array, not concatenation: ("ab", "c") and ("a", "bc") hash differently.
    payload = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


NO_OWNER = ""  # API keys off: one owner, the whole service


def owner_of(api_key: str | None) -> str:
    """Whose a row is (a webhook, a lexicon): a digest of the API key that made it, never the
    key itself; NO_OWNER without one."""
    if not api_key:
        return NO_OWNER
    return "key_" + hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:24]


def normalize_source(source: str) -> str:
    """NFC, one space between words, one blank line between paragraphs, no edge whitespace."""
    text = unicodedata.normalize("NFC", source).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs, current = [], []
    for line in text.split("\n"):
        words = line.split()
        if words:
            current.append(" ".join(words))
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def content_hash(source: str, *, title: str | None = None, author: str | None = None) -> str:
    """The identity of an article: the same text, title and author posted twice is one article."""
    clean = [normalize_source(v) if v else None for v in (title, author)]
    return _sha256_json([*clean, normalize_source(source)])


def narration_cache_key(
    article_hash: str,
    *,
    voice: str,
    speed: float,
    fmt: str,
    engine: str,
    engine_version: str,
    lexicon: str = "",
) -> str:
    """Idempotency: one narration per article x voice x speed x format x engine version x the
    digest of the lexicon entries that change how it is read ("" for none: the key is then
    what it was before lexicons existed, so those narrations stay found)."""
    parts: list[object] = [article_hash, voice, f"{speed:.3f}", fmt, engine, engine_version]
    return _sha256_json([*parts, lexicon] if lexicon else parts)


def chunk_cache_key(
    sentences: Sequence[str],
    *,
    voice: str,
    pace: float,
    pauses_ms: Sequence[int],
    engine: str,
    engine_version: str,
) -> str:
    """Everything that shapes a chunk's audio: the sentence texts as the engine reads them, the
    voice and engine pace, and the silence after each sentence (`pauses_ms[i]` follows sentence
    i; the last entry is the chunk's tail: a paragraph pause, a sentence pause or 0 at the end).
    """
    if len(pauses_ms) != len(sentences):
        raise ValueError("pauses_ms needs one entry per sentence (0 for none)")
    return _sha256_json(
        [list(sentences), voice, f"{pace:.4f}", [int(p) for p in pauses_ms], engine, engine_version]
    )
