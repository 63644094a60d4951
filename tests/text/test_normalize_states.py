"""Party tags and dateline states."""

from tests.text.normalize_table import table_tests

CASES = [
    # party tags
    ("Sen. Ted Cruz (R-Texas) said", "Senator Ted Cruz, Republican of Texas, said"),
    ("Rep. Jane Doe (D-Calif.) said", "Representative Jane Doe, Democrat of California, said"),
    ("Smith (R) said", "Smith, Republican, said"),
    ("Schumer (D-N.Y.) said", "Schumer, Democrat of New York, said"),
    ("Sanders (I-Vt.) said", "Sanders, independent of Vermont, said"),
    ("Chris Murphy, D-Conn., said", "Chris Murphy, Democrat of Connecticut, said"),
    ("Abbott (R-TX) said", "Abbott, Republican of Texas, said"),
    ("the (D-Day) plan", "the (D-Day) plan"),
    # datelines
    ("ALBANY, N.Y. — Gov. Kathy Hochul said", "ALBANY, New York, Governor Kathy Hochul said"),
    ("in Albany, N.Y., on Tuesday", "in Albany, New York, on Tuesday"),
    ("LOS ANGELES, Calif. (AP) — A fire", "LOS ANGELES, California (A-P), A fire"),
    ("TRENTON, N. J., officials", "TRENTON, New Jersey, officials"),
    ("CHARLESTON, W.Va., officials", "CHARLESTON, West Virginia, officials"),
    ("He grew up in Springfield, Ill.", "He grew up in Springfield, Illinois."),
    ("in the rain, Pa. said", "in the rain, Pa. said"),  # not after a place
    ("Jane Doe, MD, said", "Jane Doe, MD, said"),  # bare postal codes are left
    # ... but before a ZIP code a postal code is a state
    ("to Miami Beach, FL 33139.", "to Miami Beach, Florida, three three one three nine."),
    (
        "Albany, NY 12207-1234 today",
        "Albany, New York, one two two oh seven, one two three four today",
    ),
    ("Jane Doe, MD 20 years ago", "Jane Doe, MD 20 years ago"),
    ("Apt. 3B, Chicago, IL.", "Apartment 3B, Chicago, Illinois."),
    ("Jane Doe, MD.", "Jane Doe, MD."),
    ("Austin, TX, and Reno", "Austin, Texas, and Reno"),
]

test_rule, test_idempotent = table_tests(CASES)
