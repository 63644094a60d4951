# ruff: noqa: RUF001 - typographic dashes are test input
"""Dates in words and numbers."""

from tests.text.normalize_table import table_tests

CASES = [
    # a listing's verbs before a month and day (fresh set 46)
    (
        "Listed 2/29/2024, price reduced 3/12.",
        "Listed February 29th, twenty twenty-four, price reduced March 12th.",
    ),
    ("reduced 1/3 of the staff", "reduced one third of the staff"),
    # a year clipped after a month or a season, said whole where its century is plain (set 20)
    (
        "See everyone again Aug 3rd '21 at the usual spot.",
        "See everyone again August 3rd, twenty twenty-one at the usual spot.",
    ),
    (
        "She joined the firm in August '21 after six years.",
        "She joined the firm in August twenty twenty-one after six years.",
    ),
    ("Work should wrap up by summer '26.", "Work should wrap up by summer twenty twenty-six."),
    ("Since Oct. '98, prices doubled.", "Since October nineteen ninety-eight, prices doubled."),
    ("In May '45 the war in Europe ended.", "In May forty-five the war in Europe ended."),
    ("They met in the class of '98.", "They met in the class of ninety-eight."),
    ("Feb 10, 2022", "February 10th, twenty twenty-two"),
    ("on Sept. 11", "on September 11th"),
    ("Jan 6 committee", "January 6th committee"),
    ("10 February 2022", "the 10th of February, twenty twenty-two"),
    ("the 3rd of March", "the 3rd of March"),
    ("on the 22nd of May, 2014.", "on the 22nd of May, twenty fourteen."),
    ("10/02/2022", "October 2nd, twenty twenty-two"),  # ambiguous: US month first
    ("25/12/2021", "the 25th of December, twenty twenty-one"),  # 25 can only be the day
    ("12/25/2021", "December 25th, twenty twenty-one"),
    ("2022-02-10", "February 10th, twenty twenty-two"),
    ("in Feb. 2022", "in February twenty twenty-two"),
    ("13/13/2022", "13/13/2022"),  # not a date: left alone
    # every order, abbreviation, separator and case (issue 16)
    ("july 25 2012", "July 25th, twenty twelve"),
    ("25 July 2012", "the 25th of July, twenty twelve"),  # read in its written order
    ("on 14 February 1987 in", "on the 14th of February, nineteen eighty-seven in"),
    ("on the 22nd of May", "on the 22nd of May"),
    ("Jan. 15", "January 15th"),
    ("SEPT. 15", "September 15th"),
    ("JAN 15 2020", "January 15th, twenty twenty"),
    ("Jan-15-2020", "January 15th, twenty twenty"),
    ("12-Mar-2024", "the 12th of March, twenty twenty-four"),
    ("sept. 15, 2021", "September 15th, twenty twenty-one"),
    ("Dec 2019", "December twenty nineteen"),
    ("11/17/05", "November 17th, two thousand five"),  # two-digit years: 1969-2068
    ("12/31/99", "December 31st, nineteen ninety-nine"),
    ("2016/07/03", "July 3rd, twenty sixteen"),  # year first: year, month, day
    ("2023/1/9.", "January 9th, twenty twenty-three."),
    ("8.11.2018", "the 8th of November, twenty eighteen"),  # dots are day.month.year
    ("Feb 29 2024", "February 29th, twenty twenty-four"),
    ("Feb 29, 2023", "February 29th, twenty twenty-three"),  # wrong, but still a date
    ("June 31", "June 31"),
    ("may 5 people", "may 5 people"),  # lower case needs a year or an ordinal
    ("1.2.10", "one point two point ten"),  # a version number, not a date (tech.py)
    # day ranges
    ("June 5-7", "June 5th to 7th"),
    ("June 5–7, 2024", "June 5th to 7th, twenty twenty-four"),
    ("June 30-July 2", "June 30th to July 2nd"),
    ("5-7 June 2024", "the 5th to the 7th of June, twenty twenty-four"),
    ("cut jobs in Jan.–Mar. 2024.", "cut jobs in January to March twenty twenty-four."),
    ("from April-June, sales rose", "from April to June, sales rose"),
    ("in JAN-MAR 2023 sales", "in January to March twenty twenty-three sales"),
    ("may-june", "may-june"),
    # a worded range, when the sentence goes on as after a date
    ("runs 1 to 15 March in Edinburgh", "runs the 1st to the 15th of March in Edinburgh"),
    ("Between 2 and 9 August, trains", "Between the 2nd and the 9th of August, trains"),
    ("runs March 1 to 15.", "runs March 1st to 15th."),
    ("open June 5 thru 9, 2025", "open June 5th through 9th, twenty twenty-five"),
    ("between June 5 and 7, people came", "between June 5th and 7th, people came"),
    ("between June 5 and 7 people came", "between June 5th and 7 people came"),  # a count
    # lower case: a month, unless the word is also a verb or a noun
    ("The deadline is sept 30 for all.", "The deadline is September 30th for all."),
    ("the oct 3 meeting", "the October 3rd meeting"),
    ("you may 5 times", "you may 5 times"),
    ("at the 20 November encounter.", "at the November 20th encounter."),  # an adjective
    ("on the night of 20 November, though", "on the night of the 20th of November, though"),
    ("cut the workforce by 1/5 over five years", "cut the workforce by one fifth over five years"),
    ("Payment is due by 1/5 at noon.", "Payment is due by January 5th at noon."),
    ("from 12-14 May", "from the 12th to the 14th of May"),
    (
        "Rowan Cocoan, 2020-05-19T17:52:00Z",
        "Rowan Cocoan, May 19th, twenty twenty, seventeen fifty-two UTC",
    ),
    (
        "posted 2021-03-04T09:05:00+01:00 ok",
        "posted March 4th, twenty twenty-one, oh nine oh five ok",
    ),
    ("Boomer and Carton (06/08)", "Boomer and Carton (June 8th)"),
    ("3/4 of them", "three quarters of them"),
    ("sold on 7.15.24 and", "sold on July 15th, twenty twenty-four and"),
    ("played on 10-8-24 in", "played on October 8th, twenty twenty-four in"),
    ("sold between 3/1 and 4/15 at", "sold between March 1st and April 15th at"),
    ("on the 22nd of May", "on the 22nd of May"),
    # month and day after a verb of a schedule, not a share or the idiom
    (
        "Registration opens 4/1 and closes 4/30.",
        "Registration opens April 1st and closes April 30th.",
    ),
    ("The offer expires 12/31.", "The offer expires December 31st."),
    ("The road closes 3/4 of its lanes.", "The road closes three quarters of its lanes."),
    ("It opened 3/4 hour late.", "It opened three-quarters of an hour late."),
    ("open 24/7", "open twenty-four seven"),
    ("died on 9/11.", "died on nine eleven."),
    ("on 9/11/2001", "on September 11th, two thousand one"),
    # a month and its year in figures: two digits, or one after a word of dates
    ("Use by 09/2025 for best flavor.", "Use by September twenty twenty-five for best flavor."),
    ("since 3/2019", "since March twenty nineteen"),
    ("shot at 1/2000 s", "shot at one two thousandth of a second"),  # a shutter speed, no date
    # what is put on a day
    ("set for 3/15, then moved to 3/22.", "set for March 15th, then moved to March 22nd."),
    ("postponed until 5/2.", "postponed until May 2nd."),
    ("moved to 3/4 of the space", "moved to three quarters of the space"),  # a share
    # a day-first date before its noun is an adjective, month first
    ("follows a 26 December 2019 ruling", "follows a December 26th, twenty nineteen ruling"),
    # a day before a colon that is no clock
    (
        "Jun 1 – Aug 31: outdoor pool open daily.",
        "June 1st to August 31st: outdoor pool open daily.",
    ),
    ("Jan 6:30 pm", "Jan six thirty PM"),
    # the week of a numeric date
    ("Trash pickup shifts the week of 11/25.", "Trash pickup shifts the week of November 25th."),
    # another date of the sentence decides the order of an ambiguous one
    (
        "Statement period: 01/04/2024 to 31/03/2025.",
        "Statement period: the 1st of April, twenty twenty-four to the 31st of March, twenty "
        "twenty-five.",
    ),
    ("On 03/04/2024 we met.", "On March 4th, twenty twenty-four we met."),
    (
        "Bookings for Dec 20, 2024 – Jan 5, 2025 are closed.",
        "Bookings for December 20th, twenty twenty-four to January 5th, twenty twenty-five are "
        "closed.",
    ),
    (
        "The recall covers vehicles built between 10/2021 and 3/2022.",
        "The recall covers vehicles built between October twenty twenty-one and March twenty "
        "twenty-two.",
    ),
    ("Registration deadline is 5/15 for camps.", "Registration deadline is May 15th for camps."),
    # a page's stamps (leftover scan of the pasted pages)
    (
        "First Posted: 08-13-10 05:18 PM",
        "First Posted: August 13th, twenty ten five eighteen PM",
    ),
    ("Shipped 3/2 · Delivered 3/5", "Shipped March 2nd, Delivered March 5th"),
    ("Save the date: 9.14.24", "Save the date: September 14th, twenty twenty-four"),
]

test_rule, test_idempotent = table_tests(CASES)

# Both parts 12 or under: the article's English decides; a part over 12 decides for itself.
BRITISH = [
    ("04/05/2022", "the 4th of May, twenty twenty-two"),
    ("12/25/2021", "December 25th, twenty twenty-one"),
    ("2016/07/03", "July 3rd, twenty sixteen"),
    # a written month day first is read in its written order in a British article
    ("25 July 2012", "the 25th of July, twenty twelve"),
    ("on 14 February 1987 in", "on the 14th of February, nineteen eighty-seven in"),
    ("5-7 June 2024", "the 5th to the 7th of June, twenty twenty-four"),
    ("on the night of 20 November, though", "on the night of the 20th of November, though"),
]

test_british, test_british_idempotent = table_tests(BRITISH, language="en-gb")
