"""Multipliers and fractions, and the numbers espeak reads right as they are."""

from tests.text.normalize_table import table_tests

CASES = [
    # multipliers and fractions
    ("2x faster", "2 times faster"),
    ("a 4x4 truck", "a 4 by 4 truck"),
    ("3/4 of voters", "three quarters of voters"),
    ("1/2", "one half"),
    ("2/3", "two thirds"),
    ("2½ years", "2 and a half years"),
    # numbers espeak reads right
    ("1,234,567", "1,234,567"),
    ("3.14", "3.14"),
    ("the 21st time", "the 21st time"),
    ("-5 degrees", "-5 degrees"),
]

test_rule, test_idempotent = table_tests(CASES)
