"""Publication dates standing alone."""

from __future__ import annotations

from narrator.text.clean import is_date_line


def test_date_lines() -> None:
    assert is_date_line("Thu 2 May 2024 16.00 BST")
    assert is_date_line("March 20, 2024 2:04 PM UTC Updated 3 hours ago")
    assert not is_date_line("The vote is on March 20, 2024.")
    assert not is_date_line("2024")
