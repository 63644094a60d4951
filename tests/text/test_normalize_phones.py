"""Telephone numbers, read digit by digit in their groups."""

from tests.text.normalize_table import table_tests

CASES = [
    (
        "Call 1-800-555-0199 now.",
        "Call one, eight hundred, five five five, zero one nine nine now.",
    ),
    ("Call (202) 555-0143.", "Call two zero two, five five five, zero one four three."),
    ("at 202.555.0143 or", "at two zero two, five five five, zero one four three or"),
    ("dial +1 415 555 2671", "dial plus one, four one five, five five five, two six seven one"),
    (
        "on +44 20 7946 0958.",
        "on plus four four, two zero, seven nine four six, zero nine five eight.",
    ),
    # not phone numbers: a range, an ISO date, a score, a short "+" figure
    ("pages 100-200", "pages 100 to 200"),
    ("on 2024-05-01", "on May 1st, twenty twenty-four"),
    ("rose +5 points", "rose +5 points"),
    # numbers read digit by digit
    ("Call 911 now.", "Call nine one one now."),
    ("a 911 dispatcher", "a nine one one dispatcher"),
    ("a Porsche 911", "a Porsche nine eleven"),
    ("in ZIP code 90210", "in ZIP code nine oh two one oh"),
    ("zip code 10001-1234", "zip code one oh oh oh one, one two three four"),
    ("the new area code 628", "the new area code six two eight"),
    ("Call ext. 204.", "Call extension two oh four."),
    (
        "(202) 555-0143, extension 12",
        "two zero two, five five five, zero one four three, extension one two",
    ),
    ("on Ext. 3 of the highway", "on Ext. 3 of the highway"),
]

test_rule, test_idempotent = table_tests(CASES)
