"""Sports records and tennis sets, which are not ranges."""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from tests.text.normalize_table import table_tests

CASES = [
    ("The Wildcats are 10-2 this season.", "The Wildcats are ten and two this season."),
    ("The Eagles are 3-0 after a road win.", "The Eagles are three and oh after a road win."),
    ("They finished the year 92-70.", "They finished the year ninety-two and seventy."),
    ("She won the final 6-4, 6-2.", "She won the final six four, six two."),
    ("won 6-4, 3-6, 7-5", "won six four, three six, seven five"),
    # scores and odds stay ranges ("to")
    ("They won 3-1.", "They won 3 to 1."),
    ("a 24-17 victory", "a 24 to 17 victory"),
    ("The odds are 3-1.", "The odds are 3 to 1."),
    ("The Rangers won 4-3 in OT.", "The Rangers won 4 to 3 in overtime."),
    ("lost in 2OT", "lost in double overtime"),
    ("The Yankees are 3.5 games back.", "The Yankees are three and a half games back."),
    ("with a 12-4 record", "with a twelve and four record"),
    (
        "18-3 overall and 9-1 in conference play",
        "eighteen and three overall and nine and one in conference play",
    ),
    ("They won 3-1 overall.", "They won 3 to 1 overall."),
    ("With a 2-1 count, he swung", "With a two-one count, he swung"),
    (
        "The Warriors (45-30) hold the 6th spot",
        "The Warriors, forty-five and thirty, hold the 6th spot",
    ),
    ("Smith (10-12) said", "Smith (10 to 12) said"),
    (
        "at 10-2 overall and 7-2 in Big Ten play",
        "at ten and two overall and seven and two in Big Ten play",
    ),
    ("Kitchen hours are 12-3 & 6-10 pm, daily", "Kitchen hours are 12 to 3 and 6 to 10 PM, daily"),
    ("The Wildcats are 10-2 this year", "The Wildcats are ten and two this year"),
    # sets written with en dashes
    (
        "Sinner won 6–4, 3–6, 7–5 in the final.",
        "Sinner won six four, three six, seven five in the final.",
    ),
    # betting odds written as a fraction
    ("Bookmakers give the colt 10/1 odds.", "Bookmakers give the colt 10 to 1 odds."),
    ("He is a 5/2 favourite.", "He is a 5 to 2 favourite."),
    ("She won at odds of 7/2.", "She won at odds of 7 to 2."),
    ("It is 50/50 odds.", "It is fifty fifty odds."),
    ("She scored 110/120 on the test.", "She scored 110/120 on the test."),
    # cricket: a bowler's figures and a side's total
    ("Bumrah finished with 5/32 on day two.", "Bumrah finished with 5 for 32 on day two."),
    (
        "At stumps, Australia were 245/6, trailing by 114 runs.",
        "At stumps, Australia were two hundred forty-five for 6, trailing by 114 runs.",
    ),
    ("Rates were 100/3 last year.", "Rates were 100/3 last year."),
    # odds in a capitalised sentence are not a record
    ("Odds are 5-1 against them.", "Odds are 5 to 1 against them."),
    ("Tuesday: W 3-1 vs. Elmira.", "Tuesday: won 3 to 1 versus Elmira."),
]

test_rule, test_idempotent = table_tests(CASES)
