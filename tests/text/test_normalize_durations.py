"""Durations written with unit letters."""

from tests.text.normalize_table import table_tests

CASES = [
    ("2h 30m", "2 hours 30 minutes"),
    ("1h 45min", "1 hour forty-five minutes"),
    ("3m 20s", "3 minutes 20 seconds"),
    ("11h", "11 hours"),
    ("100m", "100 meters"),  # "m" alone stays metres
]

test_rule, test_idempotent = table_tests(CASES)
