"""A quarter or a half of a year named by its year."""

from tests.text.normalize_table import table_tests

CASES = [
    # a model's name and a bare "Q3" stay
    (
        "Shipments fell in Q3 2023 as",
        "Shipments fell in the third quarter of twenty twenty-three as",
    ),
    (
        "Sales in Q4 '23 were strong.",
        "Sales in the fourth quarter of twenty twenty-three were strong.",
    ),
    ("The H2 2022 newsletter.", "The second half of twenty twenty-two newsletter."),
    ("Apple's Q3 2023 results", "Apple's third quarter of twenty twenty-three results"),
    ("The Audi Q3 2019 model", "The Audi Q3 twenty nineteen model"),
    ("Q3 revenue rose 8%.", "Q3 revenue rose 8 percent."),
    (
        "Cash flow was strong in Q2 FY25.",
        "Cash flow was strong in the second quarter of fiscal year twenty twenty-five.",
    ),
]

test_rule, test_idempotent = table_tests(CASES)
