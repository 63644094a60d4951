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
    # ratings in stars are said; arrows between words are a pause
    ("Rated ★★★★☆ by critics.", "Rated 4 out of 5 stars by critics."),
    ("It got ★★★½☆ from us.", "It got 3 and a half out of 5 stars from us."),
    ("A ★★★★★ hotel.", "A 5-star hotel."),
    ("A ★ marks new items.", "A marks new items."),
    ("Step 1 → Step 2", "Step 1, Step 2"),
]

test_rule, test_idempotent = table_tests(CASES)
