# ruff: noqa: RUF001 - the en dash is written on purpose

"""Two months and days as a span; a recipe's two fractions are not one."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Where is Nina? 11/7 thru 11/11", "Where is Nina? November 7th through November 11th"),
    ("The sale runs 3/1-3/15.", "The sale runs March 1st to March 15th."),
    ("In London, 3/1-3/15.", "In London, March 1st to March 15th."),
    ("In London, 3/1-5/1.", "In London, the 3rd of January to the 5th of January."),
    ("Add 1/2-3/4 cup of sugar.", "Add one half-three-quarters of a cup of sugar."),
    # a life between two dates set apart by a spaced dash; a lease's two numeric dates
    (
        "Ada Lovelace (10 December 1815 – 27 November 1852) wrote it.",
        "Ada Lovelace (the 10th of December, eighteen fifteen to the 27th of November, "
        "eighteen fifty-two) wrote it.",
    ),
    (
        "Tutankhamun (c. 1341 – c. 1323 BC) ruled.",
        "Tutankhamun (circa thirteen forty-one to circa thirteen twenty-three B-C) ruled.",
    ),
    (
        "Lease term: 07/01/2025–06/30/2026.",
        "Lease term: July 1st, twenty twenty-five to June 30th, twenty twenty-six.",
    ),
]

test_rule, test_idempotent = table_tests(CASES)
