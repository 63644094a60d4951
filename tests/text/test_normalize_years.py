"""Years and decades."""

from tests.text.normalize_table import table_tests

CASES = [
    ("in 2019", "in twenty nineteen"),
    ("in 1906", "in nineteen oh six"),
    ("in 2005", "in 2005"),  # espeak's "two thousand five" is what people say
    ("in mid-2019", "in mid-twenty nineteen"),
    ("the 1990s", "the nineteen nineties"),
    ("the 1900s", "the nineteen hundreds"),
    ("the 2000s", "the two thousands"),
    ("the 2010s", "the twenty tens"),
    ("the '90s", "the nineties"),
    ("in his 40s", "in his forties"),
    ("1,999 people", "1,999 people"),
    ("3.1416", "3.1416"),
]

test_rule, test_idempotent = table_tests(CASES)
