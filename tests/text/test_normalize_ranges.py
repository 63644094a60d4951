# ruff: noqa: RUF001 - typographic quotes and dashes are test input
"""Number ranges, scores and seasons."""

from tests.text.normalize_table import table_tests

CASES = [
    # a span with a vulgar fraction at an end (fresh set 46)
    ("Let the dough rise 1-1½ hours.", "Let the dough rise 1 to 1 and a half hours."),
    ("Add 2½–3 cups of flour.", "Add 2 and a half to 3 cups of flour."),
    # fresh sets 43 and 44: a spaced em dash sets words apart; inch marks on both ends; a
    # day's hours from nine to nine
    ("Mile 4 — 8 was the hardest.", "Mile 4, 8 was the hardest."),
    ("pages 4—8", "pages 4 to 8"),
    ('Snow: 4"–6" expected by morning', "Snow: 4 to 6 inches expected by morning"),
    ("Open Saturday 9-9.", "Open Saturday 9 to 9."),
    ("2019-2021", "twenty nineteen to twenty twenty-one"),
    ("the 2019-20 season", "the twenty nineteen to twenty season"),
    ("pages 10–12", "pages 10 to 12"),
    ("voted 7-2", "voted 7 to 2"),
    ("5-10%", "5 to 10 percent"),
    ("5-10km", "5 to 10 kilometers"),
    # odds, not inches
    ("a 1-in-5 chance", "a 1 in 5 chance"),
    ("a 1-in-100-year flood", "a 1 in 100-year flood"),
    # the unit on both ends is said once
    ("from 5%-10%", "from 5 to 10 percent"),
    ("rates of 4.75%–5%", "rates of 4.75 to 5 percent"),
    ("5km-10km", "5 to 10 kilometers"),
    ("20°C-25°C", "20 to 25 degrees Celsius"),
    ("the 1960s-1970s", "the nineteen sixties to nineteen seventies"),
    ("5am-7am", "5 AM to 7 AM"),
    ("call 555-1234", "call five five five, one two three four"),  # a phone number
    ("3-2-1", "three, two, one"),  # espeak says "three dash two dash one"
    ("COVID-19", "COVID-19"),
    ("the 2019/20 season", "the twenty nineteen to twenty season"),
    ("a 50-50 split", "a 50 50 split"),
    ("it ended 1-1.", "it ended 1 1."),
    ("serves grades K-12", "serves grades K through 12"),
    ("had them at 7-to-1", "had them at 7 to 1"),
    ("between exits 12–14 this week", "between exits 12 and 14 this week"),
    ("blanked the Flyers 4-0 behind", "blanked the Flyers 4 to nothing behind"),
    ("The 2008-09 season", "The two thousand eight to oh nine season"),
    ("from 2010-15 it grew", "from twenty ten to twenty fifteen it grew"),
    # a span of ordinals, and "between" before a span
    ("from the 14th–15th centuries", "from the 14th to 15th centuries"),
    ("between the 3rd-5th floors", "between the 3rd and 5th floors"),
    ("between exits 12-14", "between exits 12 and 14"),
    # a drawn game's score
    ("Arsenal drew 2-2 with Chelsea.", "Arsenal drew 2 to 2 with Chelsea."),
    ("the 2025-26 calendar", "the twenty twenty-five to twenty-six calendar"),
    ("the recessions of 1990-91", "the recessions of nineteen ninety to ninety-one"),
    ("for students in grades 1-12", "for students in grades 1 through 12"),
]

test_rule, test_idempotent = table_tests(CASES)
