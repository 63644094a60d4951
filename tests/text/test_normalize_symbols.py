"""Symbols between words."""

from tests.text.normalize_table import table_tests

CASES = [
    ("rock & roll", "rock and roll"),
    ("AT&T and S&P", "AT&T and S&P"),
    ("the #1 pick", "the number 1 pick"),
    ("#MeToo", "hashtag MeToo"),
    ("~5 people", "about 5 people"),
    ("+5%", "plus 5 percent"),
    ("and/or 24/7", "and or twenty-four seven"),
    ("his/her", "his or her"),
    ("*Updated", "Updated"),
    ("the 9/11 attacks", "the nine eleven attacks"),
    ("with #Election2024 posts", "with hashtag Election twenty twenty-four posts"),
    ("a margin of +/- 3.5 points", "a margin of plus or minus 3.5 points"),
    ("Evan Vucci / AP", "Evan Vucci, A-P"),
    ("a Top Safety Pick+ rating", "a Top Safety Pick plus rating"),
    ("an A+ student", "an A plus student"),
    # "@" before a price
    ("Bought 50 shares @ $118.40.", "Bought 50 shares at 118 dollars and forty cents."),
    ("beating forecasts of +0.3%.", "beating forecasts of plus 0.3 percent."),
    ("Roadworks start w/c 10 February.", "Roadworks start week commencing the 10th of February."),
    ("Order #A1234-567", "Order number A1234-567"),
]

test_rule, test_idempotent = table_tests(CASES)
