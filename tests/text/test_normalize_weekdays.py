# ruff: noqa: RUF001 - typographic dashes are test input
"""Weekdays before dates and in ranges."""

from tests.text.normalize_table import table_tests

CASES = [
    # "thru" and "to" between days; a day after a clock time (fresh set 46)
    ("Open 9am-9pm Mon thru Sat.", "Open 9 AM to 9 PM Monday thru Saturday."),
    ("from Tues to Thurs", "from Tuesday to Thursday"),
    ("Tee time 7:08 Sat.", "Tee time seven oh eight Saturday."),
    # a clinic's hours by initials, and days before their hours (fresh set 43)
    (
        "Hours: M–F 9–9, Sat 9–6, Sun 10–5",
        "Hours: Monday through Friday 9 to 9, Saturday 9 to 6, Sunday 10 to 5",
    ),
    ("Open M-Th 8am-6pm", "Open Monday through Thursday 8 AM to 6 PM"),
    ("Wed 3-4pm: book club", "Wednesday 3 to 4 PM: book club"),
    ("The Sun 10-5 headline", "The Sun 10 to 5 headline"),
    # a weekday with its period before a month: one sentence (fresh set 44)
    (
        "Registration closes Fri. Sept. 12 at noon.",
        "Registration closes Friday September 12th at noon.",
    ),
    ("Thurs., Sept. 5", "Thursday, September 5th"),
    ("Mon, Sep 15, 2020", "Monday, September 15th, twenty twenty"),
    ("Open Mon-Fri", "Open Monday through Friday"),
    ("Open Mon.–Sat.", "Open Monday through Saturday."),
    ("The Sun, 5 May", "The Sun, the 5th of May"),
    (
        "Doors open Sat 8 Feb at",
        "Doors open Saturday the 8th of February at",
    ),  # "Sun", "Sat", "Wed" need their period
    ("Sat, they said", "Sat, they said"),
    ("Meet Sat. at 10.", "Meet Saturday at 10."),
    ("Open Mon.-Fri., 9-5.", "Open Monday through Friday, 9 to 5."),
    ("The store opens Sat. 9 a.m.", "The store opens Saturday 9 AM."),
    ("Orbiting the Sun. At 3 it set.", "Orbiting the Sun. At 3 it set."),
    ("The opener is Sat. 8/23 against Iowa.", "The opener is Saturday August 23rd against Iowa."),
    ("Thu 11/7: conferences", "Thursday November 7th: conferences"),
    ("and Sun 11am-6pm.", "and Sunday 11 AM to 6 PM."),
    ("hours Tues & Thurs, 2:30 pm", "hours Tuesday and Thursday, two thirty PM"),
    ("Open Mon, Wed and Fri.", "Open Monday, Wednesday and Friday."),
    (
        "meet again on Wed, 12 Mar, according",
        "meet again on Wednesday, the 12th of March, according",
    ),
    # in a text without capitals, a weekday only with its period and a date after it
    ("the sale is on sat. april 20 in the hall", "the sale is on Saturday April 20th in the hall"),
    ("he sat. 20 people came", "he sat. 20 people came"),
    ("we sat 5 rows back", "we sat 5 rows back"),
    # a day before its date with a comma, unless a title ("The Sun"); a numeric date with its year
    ("Doors open Sat, Oct 12", "Doors open Saturday, October 12th"),
    ("He read The Sun, 5 May", "He read The Sun, the 5th of May"),
    ("Closing date: Fri 31/01/2020", "Closing date: Friday the 31st of January, twenty twenty"),
    ("Live music Fri. & Sat. on the patio.", "Live music Friday and Saturday on the patio."),
    (
        "The market moves indoors the first Sat. in Dec.",
        "The market moves indoors the first Saturday in December.",
    ),
    ("Our meeting falls on Wed., the 15th.", "Our meeting falls on Wednesday, the 15th."),
]

test_rule, test_idempotent = table_tests(CASES)
