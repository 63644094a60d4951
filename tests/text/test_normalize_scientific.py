"""Powers and scientific notation."""

# ruff: noqa: RUF001 - the multiplication sign is written on purpose

from tests.text.normalize_table import table_tests

CASES = [
    ("seeded with 10^6 cells", "seeded with ten to the sixth cells"),
    ("seeded with 10⁶ cells", "seeded with ten to the sixth cells"),
    ("about 3 × 10^8 m/s", "about 3 times ten to the eighth meters per second"),
    ("a 10^-3 chance", "a ten to the minus third chance"),
    ("It was 1.5e-3.", "It was one point five times ten to the minus third."),
    ("2^10 is 1024", "two to the tenth is 1024"),
    ("x^2 grows", "x squared grows"),
    ("a 5 m^2 plot", "a 5 square meter plot"),
    # a unit's own power stays the units'; a plain "x" between numbers is "by"
    ("20 m² flat", "20 square meters flat"),
    ("a 12x14 room", "a 12 by 14 room"),
    ("Uranium-235 is the fuel", "Uranium two thirty-five is the fuel"),
    ("carbon-14 dating", "carbon fourteen dating"),
]

test_rule, test_idempotent = table_tests(CASES)
