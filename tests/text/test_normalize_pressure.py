"""Blood pressure readings, only where the sentence is about blood pressure."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Her blood pressure was 120/80.", "Her blood pressure was one twenty over eighty."),
    ("BP 130/85mmHg today", "BP one thirty over eighty-five millimeters of mercury today"),
    ("Readings above 140/90 mmHg", "Readings above one forty over ninety millimeters of mercury"),
    ("a blood pressure of 95/60", "a blood pressure of ninety-five over sixty"),
    # no blood pressure in the sentence: a score, a date, a fraction, read by other rules
    ("She scored 110/120 on the test.", "She scored 110/120 on the test."),
    ("On 12/25 the BP was fine", "On December 25th the BP was fine"),
]

test_rule, test_idempotent = table_tests(CASES)
