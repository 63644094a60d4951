# ruff: noqa: RUF001 - typographic dashes are test input
"""Weekdays before dates and in ranges."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Thurs., Sept. 5", "Thursday, September 5th"),
    ("Mon, Sep 15, 2020", "Monday, September 15th, twenty twenty"),
    ("Open Mon-Fri", "Open Monday to Friday"),
    ("Open Mon.–Sat.", "Open Monday to Saturday."),
    ("The Sun, 5 May", "The Sun, May 5th"),  # "Sun", "Sat", "Wed" need their period
    ("Sat, they said", "Sat, they said"),
]

test_rule, test_idempotent = table_tests(CASES)
