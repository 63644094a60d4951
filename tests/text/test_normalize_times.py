# ruff: noqa: RUF001 - typographic dashes are test input
"""Clock times and race times."""

from tests.text.normalize_table import table_tests

CASES = [
    # a dashed span of round hours whose end says AM or PM starts on the bare hour
    ("Deliveries accepted 8:00–11:00 a.m. only.", "Deliveries accepted eight to eleven AM only."),
    ("Open 9:00-5:00 pm daily", "Open nine to five PM daily"),
    # ratios their words name, a clip's length, noon opening a span, a colon after one (set 20)
    ("Dilute the concentrate at a ratio of 1:10.", "Dilute the concentrate at a ratio of 1 to 10."),
    ("Use a 1:10 bleach solution.", "Use a 1 to 10 bleach solution."),
    ("Catch the 1:10 train home.", "Catch the one ten train home."),
    (
        "The clip, just 3:45 long, went viral.",
        "The clip, just three minutes and forty-five seconds long, went viral.",
    ),
    ("At 3:45 long lines formed.", "At three forty-five long lines formed."),
    ("Noon–4pm: free face painting.", "Noon to 4 PM: free face painting."),
    ("Hours: 9am-5pm: closed Sundays.", "Hours: 9 AM to 5 PM: closed Sundays."),
    ("Midnight-2am only.", "Midnight to 2 AM only."),
    ("at 3:30 pm", "at three thirty PM"),
    ("at 3:30 p.m. today", "at three thirty PM today"),
    ("at 10am", "at 10 AM"),
    ("at 8 a.m. ET", "at 8 AM Eastern"),
    ("at 3:05", "at three oh five"),
    ("at 3:00 PM", "at three PM"),
    ("at 3:00", "at three o'clock"),
    ("at 15:30", "at fifteen thirty"),
    ("at 15:00", "at fifteen hundred"),
    ("in 2:03:45", "in two hours, three minutes and forty-five seconds"),
    ("It ended at 3 p.m.", "It ended at 3 PM."),  # the sentence keeps its period
    # ranges, with "to"
    ("2pm-5pm", "2 PM to 5 PM"),
    ("5pm-7 pm", "5 PM to 7 PM"),
    ("9-11am", "9 to 11 AM"),
    ("1 PM - 3 PM", "1 PM to 3 PM"),
    ("12:30-13:30", "twelve thirty to thirteen thirty"),
    ("9:30am–4:30pm", "nine thirty AM to four thirty PM"),
    ("noon-2pm", "noon to 2 PM"),
    ("9 a.m.-noon", "9 AM to noon"),
    ("pages 9-11", "pages 9 to 11"),  # no AM/PM: a number range
    ("7.30pm", "seven thirty PM"),  # British dot, before AM/PM only
    ("3.14", "3.14"),
    ("1:30:00", "one hour and thirty minutes"),
    ("a 3:2 ratio", "a 3 to 2 ratio"),
    ("a 1:100 scale model", "a 1 to 100 scale model"),
    ("they won 2:1.", "they won 2 to 1."),
    # wire copy's four digits before the zone, and the army's before "hours"
    ("at 0117 GMT on Monday", "at oh one seventeen GMT on Monday"),
    (
        "Office hours are 0900-1700 on weekdays.",
        "Office hours are oh nine hundred to seventeen hundred on weekdays.",
    ),
    ("the 1900-2000 period", "the nineteen hundred to 2000 period"),  # years, no zero
    ("at 1430 UTC", "at fourteen thirty UTC"),
    ("by 1500GMT", "by fifteen hundred GMT"),
    ("at 0000 GMT", "at zero hundred GMT"),
    ("at 0600 hours", "at oh six hundred hours"),
    ("2000 hours of footage", "2000 hours of footage"),  # a count of hours
    # after "at", a leading zero makes four digits a time; after the zone's letter, "Zulu"
    ("The raid began at 0600 on Monday.", "The raid began at oh six hundred on Monday."),
    ("at 1430 local time", "at fourteen thirty local time"),
    ("resume at 0415Z.", "resume at oh four fifteen Zulu."),
    ("at 2130 Main Street", "at twenty-one thirty Main Street"),  # an address: no time
    # an American zone's two letters after a time are its name
    ("at 9 p.m. ET on Tuesday", "at 9 PM Eastern on Tuesday"),
    ("Doors open at 8 PT and close", "Doors open at 8 Pacific and close"),
    ("show at 8:30 CT, Tuesday", "show at eight thirty Central, Tuesday"),
    ("kicks off at noon ET", "kicks off at noon Eastern"),
    ("He has 3 PT sessions a week.", "He has 3 PT sessions a week."),  # physical therapy
    ("in 1930 GMT was", "in nineteen thirty GMT was"),
    ("2460 GMT", "2460 GMT"),  # no such time
    # a 24-hour clock's leading zero, and the hour after noon
    ("from 23:00 to 05:00.", "from twenty-three hundred to oh five hundred."),
    ("at 00:00", "at midnight"),
    ("served noon-3 on Saturdays", "served noon to 3 on Saturdays"),
    ("from 11:30 to 1:00 daily", "from eleven thirty to one daily"),
    ("Open 9:30-5:00 daily", "Open nine thirty to five daily"),
    ("from 9:00 to 5:00", "from nine o'clock to five o'clock"),
    ("lights out is at 2200 sharp.", "lights out is at twenty-two hundred sharp."),
    ("Weekdays 6p et", "Weekdays six PM Eastern"),
    ("Open 9a-5p daily", "Open nine AM to five PM daily"),
    ("See Form 9a for details", "See Form 9a for details"),
    ("Exhibit 6p shows", "Exhibit 6p shows"),
    ("Registration is 8:00-8:45 AM, with", "Registration is eight to eight forty-five AM, with"),
    ("The shift runs 22:00-23:30.", "The shift runs twenty-two hundred to twenty-three thirty."),
    # a race time after "in" or "a time of"
    ("leaves at 06:45 sharp", "leaves at oh six forty-five sharp"),
    (
        "departs at 06:15 and arrives at 08:02.",
        "departs at oh six fifteen and arrives at oh eight oh two.",
    ),
    ("at 06:45 a.m.", "at six forty-five AM."),  # with AM or PM its zero is padding
    ("The patrol leaves at 0800.", "The patrol leaves at oh eight hundred."),
    ("until 5:40 a.m. EST.", "until five forty AM Eastern Standard Time."),
    ("peaks at 2:07 p.m. CDT Monday", "peaks at two oh seven PM Central Daylight Time Monday"),
    ("at 00:30", "at zero thirty"),
    (
        "crossed the line in 17:32 to",
        "crossed the line in seventeen minutes and thirty-two seconds to",
    ),
    ("a time of 3:43.", "a time of three minutes and forty-three seconds."),
    # a lone 0 for the hour is a running clock or a length, never a time of day
    ("The trailer is only 0:45 long.", "The trailer is only forty-five seconds long."),
    ("with 0:08 left in the half", "with eight seconds left in the half"),
    ("at 00:45 the alarm rang", "at zero forty-five the alarm rang"),
    ("starts at 7:30 in the hall", "starts at seven thirty in the hall"),
    ("runs from 7:00 to 9:30 p.m. in", "runs from seven to nine thirty PM in"),
    ("at 7:00 tonight", "at seven o'clock tonight"),
    ("at 12:00 midnight sharp", "at twelve midnight sharp"),
    (
        "The debate airs at 9/8c on most stations.",
        "The debate airs at 9, 8 central on most stations.",
    ),
    ("01:22 - Source: CNN", "one twenty-two, Source: CNN"),  # no clock before it: a length
    ("Visiting hours are 11:00–8:00 daily.", "Visiting hours are eleven to eight daily."),
    ("open 09:00-17:00", "open oh nine hundred to seventeen hundred"),
    # a length after a verb of length; a span or a count of hours stays a clock
    (
        "The single clocks in at 4:32.",
        "The single clocks in at four minutes and thirty-two seconds.",
    ),
    ("The video runs 12:04, so", "The video runs twelve minutes and four seconds, so"),
    ("The bus runs 9:30 to 5:00", "The bus runs nine thirty to five"),
    ("in 17:32 to take third", "in seventeen minutes and thirty-two seconds to take third"),
    ("opens at 4:45 a.m. Pacific time.", "opens at four forty-five AM Pacific time."),
    # "between" a span of hours
    ("Drop-in clinic between 9-11am.", "Drop-in clinic between 9 and 11 AM."),
    ("between 2pm-5pm", "between 2 PM and 5 PM"),
    ("open 9-11am", "open 9 to 11 AM"),
    # the military's hrs
    ("Curfew begins at 2300 hrs.", "Curfew begins at twenty-three hundred hours."),
    ("He worked 2300 hrs last year", "He worked 2300 hours last year"),
    # other countries' zones said in full; GMT stays letters
    (
        "The match starts at 7.30pm AEST.",
        "The match starts at seven thirty PM Australian Eastern Standard Time.",
    ),
    ("announced at 10 a.m. IST on Friday.", "announced at 10 AM Indian Standard Time on Friday."),
    ("Kickoff is at 7:45pm GMT.", "Kickoff is at seven forty-five PM GMT."),
    # a place's time after a clock is no sentence end
    ("starts at 4 p.m. UK time (11 a.m. ET).", "starts at 4 PM UK time (11 AM Eastern)."),
    # a span to a 24-hour clock's hour reads its start on that clock too
    (
        "Visiting hours are 11:00–13:00 and 17:00–19:00.",
        "Visiting hours are eleven hundred to thirteen hundred and seventeen hundred to "
        "nineteen hundred.",
    ),
    ("From 10:00 to 14:00.", "From ten hundred to fourteen hundred."),
    ("Open 9:00-17:30 daily.", "Open nine to seventeen thirty daily."),
    ("From 10:00 to 1:00.", "From ten o'clock to one o'clock."),
    # a game clock is read as a clock (two writers of three: "with two fourteen left")
    (
        "The Celtics led by nine with 4:12 left in the third quarter.",
        "The Celtics led by nine with four twelve left in the third quarter.",
    ),
    # a clock to the second, and an evening hour after "at" where the clause ends
    (
        "Entries close at 11:59:59 p.m. on Friday.",
        "Entries close at eleven fifty-nine and fifty-nine seconds PM on Friday.",
    ),
    ("Lights out at 2200.", "Lights out at twenty-two hundred."),
    ("Meet at 1830 on Friday.", "Meet at eighteen thirty on Friday."),
    ("Prices at 2015 levels.", "Prices at twenty fifteen levels."),
    ("logged at 21:32:46 UTC", "logged at twenty-one thirty-two and forty-six seconds UTC"),
    ("won in 2:03:45.", "won in two hours, three minutes and forty-five seconds."),
    ("Dep. 6:05a from Terminal 4.", "Departs six oh five AM from Terminal 4."),
    ("Markets in Tokyo open at 9:00 a.m. JST.", "Markets in Tokyo open at nine AM JST."),
    ("Doors 7p / Show 8p", "Doors 7 PM, Show 8 PM"),
]

test_rule, test_idempotent = table_tests(CASES)
