"""Clock times and race times."""

from tests.text.normalize_table import table_tests

CASES = [
    ("at 3:30 pm", "at three thirty PM"),
    ("at 3:30 p.m. today", "at three thirty PM today"),
    ("at 10am", "at 10 AM"),
    ("at 8 a.m. ET", "at 8 AM ET"),
    ("at 3:05", "at three oh five"),
    ("at 3:00 PM", "at three PM"),
    ("at 3:00", "at three o'clock"),
    ("at 15:30", "at fifteen thirty"),
    ("at 15:00", "at fifteen hundred"),
    ("in 2:03:45", "in two oh three forty-five"),
    ("It ended at 3 p.m.", "It ended at 3 PM."),  # the sentence keeps its period
]

test_rule, test_idempotent = table_tests(CASES)
