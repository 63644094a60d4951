"""narrator.store.repo.keys: what makes two articles, narrations or chunks one."""

from __future__ import annotations

from typing import Any

import pytest

from narrator.store import repo


def test_content_hash_ignores_layout_whitespace_but_not_words() -> None:
    base = repo.content_hash("One two.\n\nThree.", title="T")
    assert repo.content_hash("  One   two.\r\n\r\n\r\n Three.  \n", title=" T ") == base
    assert repo.content_hash("One two.\n\nThree!", title="T") != base
    assert repo.content_hash("One two.\n\nThree.", title="U") != base
    assert repo.content_hash("One two.\n\nThree.", title="T", author="A") != base
    # title and author are separate fields, not a concatenation
    assert repo.content_hash("x", title="ab", author="c") != repo.content_hash(
        "x", title="a", author="bc"
    )


def test_chunk_cache_key_changes_with_everything_that_shapes_audio() -> None:
    base: dict[str, Any] = dict(
        voice="en-us", pace=1.1, pauses_ms=[300, 700], engine="espeak", engine_version="1"
    )
    key = repo.chunk_cache_key(["A.", "B."], **base)
    assert key == repo.chunk_cache_key(["A.", "B."], **base)
    for change in (
        {"voice": "en-gb"},
        {"pace": 1.2},
        {"pauses_ms": [300, 0]},
        {"engine_version": "2"},
    ):
        assert repo.chunk_cache_key(["A.", "B."], **{**base, **change}) != key
    assert repo.chunk_cache_key(["A.", "C."], **base) != key
    with pytest.raises(ValueError, match="one entry per sentence"):
        repo.chunk_cache_key(["A."], **base)


def test_narration_cache_key_takes_the_lexicon_digest() -> None:
    base: dict[str, Any] = dict(
        voice="en-us", speed=1.0, fmt="mp3", engine="espeak", engine_version="1"
    )
    plain = repo.narration_cache_key("h", **base)
    assert repo.narration_cache_key("h", lexicon="", **base) == plain  # as before lexicons
    with_entries = repo.narration_cache_key("h", lexicon="d1", **base)
    assert with_entries != plain
    assert repo.narration_cache_key("h", lexicon="d2", **base) != with_entries
