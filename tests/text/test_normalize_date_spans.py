"""Two months and days as a span; a recipe's two fractions are not one."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Where is Nina? 11/7 thru 11/11", "Where is Nina? November 7th through November 11th"),
    ("The sale runs 3/1-3/15.", "The sale runs March 1st to March 15th."),
    ("In London, 3/1-3/15.", "In London, March 1st to March 15th."),
    ("In London, 3/1-5/1.", "In London, the 3rd of January to the 5th of January."),
    ("Add 1/2-3/4 cup of sugar.", "Add one half-three-quarters of a cup of sugar."),
]

test_rule, test_idempotent = table_tests(CASES)
