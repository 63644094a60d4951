"""Titles before a name, with and without their period, and an age in a medical note."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Pt is a 67 y/o male.", "Pt is a 67-year-old male."),
    ("Sgt. Lee and Const. Ward attended.", "Sergeant Lee and Constable Ward attended."),
    ("Cllr Hughes voted against.", "Councillor Hughes voted against."),
    ("Supt Jones and Insp Patel spoke.", "Superintendent Jones and Inspector Patel spoke."),
    ("Gov. Smith signed it.", "Governor Smith signed it."),
    ("He met the gov.", "He met the gov."),
    ("Brig. Gen. Pat Ryder spoke.", "Brigadier General Pat Ryder spoke."),
]

test_rule, test_idempotent = table_tests(CASES)
