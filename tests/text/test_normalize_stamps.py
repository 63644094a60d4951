"""Dates stamped on a page or a card: timestamps and a card's expiry."""

from tests.text.normalize_table import table_tests

CASES = [
    ("updated 2013-12-30 16:42:01-05", "updated December 30th, twenty thirteen, sixteen forty-two"),
    ("2014-01-26 21:32:46 UTC", "January 26th, twenty fourteen, twenty-one thirty-two UTC"),
    ("Exp. 09/27", "Expires September twenty twenty-seven"),
    ("The offer expires 12/31.", "The offer expires December 31st."),
    ("Valid thru 04/28 only.", "Valid thru April twenty twenty-eight only."),
]

test_rule, test_idempotent = table_tests(CASES)
