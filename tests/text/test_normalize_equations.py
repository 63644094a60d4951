"""Equations and formulas in prose."""

# ruff: noqa: RUF001, RUF003 - the multiplication sign is matched on purpose

from tests.text.normalize_table import table_tests

CASES = [
    ("Solve x² + 4x = 12 now.", "Solve x squared plus 4 x equals 12 now."),
    ("E = mc² links them", "E equals M-C squared links them"),
    (
        "undefined when y ≥ 3 or y < 0.",
        "undefined when y is greater than or equal to 3 or y is less than 0.",
    ),
    ("if x > 5 then", "if x is greater than 5 then"),
    ("that √144 = 12", "that the square root of one hundred forty-four equals 12"),
    ("the area is πr².", "the area is pi r squared."),
    # not equations: breadcrumbs, a magnification, a sum without a sign of relation
    ("HOME > NEWS > CALIFORNIA", "HOME > NEWS > CALIFORNIA"),
    ("a 4x zoom", "a 4 times zoom"),
    ("Vitamins + minerals", "Vitamins + minerals"),
    # "×" in an equation is "times" (a size elsewhere: "by")
    ("Explain why 7 × 8 = 56.", "Explain why 7 times 8 equals 56."),
    ("12 ÷ 4 = 3", "12 divided by 4 equals 3"),
    ("A 3 × 4 grid.", "A 3 by 4 grid."),
    (
        "correlated with mood, r = .45, p < .001.",
        "correlated with mood, r equals point 4 5, p is less than point 0 0 1.",
    ),
]

test_rule, test_idempotent = table_tests(CASES)
