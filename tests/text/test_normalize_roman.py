"""Roman numerals after names and counting words."""

from tests.text.normalize_table import table_tests

CASES = [
    ("King Charles III", "King Charles the third"),
    ("King Charles I", "King Charles the first"),
    ("Henry VIII", "Henry the eighth"),
    ("Pope John Paul II", "Pope John Paul the second"),
    ("Louis XIV", "Louis the fourteenth"),
    ("Charles III's reign", "Charles the third's reign"),
    ("World War II", "World War two"),
    ("World War I", "World War one"),
    ("Super Bowl LVII", "Super Bowl fifty-seven"),
    ("Type II diabetes", "Type two diabetes"),
    ("Malcolm X", "Malcolm X"),
    ("Then Maria I said", "Then Maria I said"),
    ("Washington DC", "Washington DC"),
    ("an IV drip", "an I-V drip"),  # espeak says "roman four" for a lone "IV"
    (
        "bears the date MMXXIV in carved letters",
        "bears the date twenty twenty-four in carved letters",
    ),
    ("Copyright MCMXCIX by", "Copyright nineteen ninety-nine by"),
    ("MMA fighters", "MMA fighters"),
]

test_rule, test_idempotent = table_tests(CASES)
