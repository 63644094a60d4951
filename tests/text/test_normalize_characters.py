# ruff: noqa: RUF001 - typographic quotes and dashes are test input
"""Look-alike characters, dashes, emoji and invisible characters."""

from tests.text.normalize_table import table_tests

CASES = [
    ("“Quoted” words", '"Quoted" words'),
    ("It’s here", "It's here"),
    ("big—bad", "big, bad"),
    ("this -- that", "this, that"),
    ("Paris – Berlin", "Paris, Berlin"),
    ("• First item", "First item"),
    ("News | Politics", "News, Politics"),
    ("great 😀👍🏽 news", "great news"),
    ("iPhone™ and Coke®", "iPhone and Coke"),
    ("zero\u200bwidth and\u00a0nbsp", "zerowidth and nbsp"),
    ("two\n lines", "two lines"),
]

test_rule, test_idempotent = table_tests(CASES)
