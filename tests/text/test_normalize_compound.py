"""Measures in two units at once, and a trade's own: pounds and ounces, stone and pounds."""

from tests.text.normalize_table import table_tests

CASES = [
    # pounds and ounces: before what they weigh, an adjective
    ("He landed a 9 lb. 6 oz. largemouth bass.", "He landed a 9-pound 6-ounce largemouth bass."),
    ("The baby weighed 7 lbs 8 oz.", "The baby weighed 7 pounds 8 ounces."),
    # racing's distances and weights
    (
        "The winner carried 9 st 4 lb over 2m 4f.",
        "The winner carried 9 stone 4 pounds over 2 miles 4 furlongs.",
    ),
    ("He won over 5f at Ascot.", "He won over 5 furlongs at Ascot."),
    # gold's fineness in karats, not thousands
    ("The ring is 18K gold.", "The ring is 18-karat gold."),
    ("a 14k white gold band", "a 14-karat white gold band"),
    ("a 9ct gold chain", "a 9-karat gold chain"),
    # a storm's pressure in millibars; a file's "mb" is left
    (
        "The hurricane's pressure dropped to 940 mb.",
        "The hurricane's pressure dropped to nine hundred forty millibars.",
    ),
    ("The file is 700 mb.", "The file is 700 mb."),
    ("He lost 3st in a year.", "He lost 3 stone in a year."),
    ("on the 21st and the 1st", "on the 21st and the 1st"),
    ("3BR/2BA, 1,850 sq. ft.", "3 bedroom, 2 bath, 1,850 square feet."),
    ("the 3 BA graduates", "the 3 BA graduates"),
]

test_rule, test_idempotent = table_tests(CASES)
