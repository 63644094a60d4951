"""Dates in words and numbers."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Feb 10, 2022", "February 10th, twenty twenty-two"),
    ("on Sept. 11", "on September 11th"),
    ("Jan 6 committee", "January 6th committee"),
    ("10 February 2022", "February 10th, twenty twenty-two"),
    ("the 3rd of March", "the March 3rd"),
    ("10/02/2022", "October 2nd, twenty twenty-two"),  # ambiguous: US month first
    ("25/12/2021", "December 25th, twenty twenty-one"),  # 25 can only be the day
    ("12/25/2021", "December 25th, twenty twenty-one"),
    ("2022-02-10", "February 10th, twenty twenty-two"),
    ("in Feb. 2022", "in February twenty twenty-two"),
    ("13/13/2022", "13/13/2022"),  # not a date: left alone
]

test_rule, test_idempotent = table_tests(CASES)
