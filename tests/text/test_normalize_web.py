"""Web addresses and e-mail."""

from tests.text.normalize_table import table_tests

CASES = [
    ("See example.com/news.", "See example dot com slash news."),
    ("https://www.bbc.co.uk/news/world?x=1", "bbc dot co dot U-K slash news slash world"),
    ("jane.doe@example.org", "jane dot doe at example dot org"),
    ("Visit Amazon.com. Then leave.", "Visit Amazon dot com. Then leave."),
    ("Email support@acme.io today", "Email support at acme dot I-O today"),
    ("see t.co/abc", "see t dot co slash abc"),
    ("visit www.example.gov/help for", "visit W-W-W dot example dot gov slash help for"),
]

test_rule, test_idempotent = table_tests(CASES)
