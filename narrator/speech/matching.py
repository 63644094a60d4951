"""Voice-id matching over a list of voices: pure, so the API's catalog (which must not load an
engine) and the engine side resolve ids the same way."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Protocol, TypeVar

from narrator import errors


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def language(self) -> str: ...


V = TypeVar("V", bound=_Named)


def by_language_or_closest(voice_id: str, wanted: str, voices: Sequence[V]) -> V:
    """The first voice of language `wanted` ("en" is British English in espeak), else
    UnknownVoice naming the closest ids."""
    for v in voices:
        if v.language.lower() == wanted:
            return v
    by_id = {v.id.lower(): v for v in voices}
    close = difflib.get_close_matches(wanted, list(by_id), n=3, cutoff=0.5)
    raise errors.UnknownVoice(voice_id, [by_id[c].id for c in close])
