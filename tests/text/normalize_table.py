"""Table-driven normalization tests: each module's cases are checked, then checked stable."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from narrator.text.normalize import normalize

Case = tuple[str, str]  # (written, what normalize must give)


def table_tests(
    cases: Sequence[Case], language: str = "en"
) -> tuple[Callable[[str, str], None], Callable[[str, str], None]]:
    """`test_rule` and `test_idempotent` over `cases`, for a test module to bind by name."""
    parametrize = pytest.mark.parametrize(("source", "expected"), cases, ids=[s for s, _ in cases])

    @parametrize
    def test_rule(source: str, expected: str) -> None:
        assert normalize(source, language=language) == expected

    @parametrize
    def test_idempotent(source: str, expected: str) -> None:
        once = normalize(source, language=language)
        assert normalize(once, language=language) == once

    return test_rule, test_idempotent
