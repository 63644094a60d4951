"""Model numbers said in pairs: aircraft and cars."""

from tests.text.normalize_table import table_tests

CASES = [
    ("its Boeing 737 fleet", "its Boeing seven thirty-seven fleet"),
    ("two Boeing 747s", "two Boeing seven forty-sevens"),
    ("the Boeing 737 MAX", "the Boeing seven thirty-seven MAX"),
    ("a Boeing 787-9", "a Boeing seven eighty-seven nine"),
    ("the Boeing 707", "the Boeing seven oh seven"),
    ("an Airbus A320", "an Airbus A three twenty"),
    ("the Airbus A321neo", "the Airbus A three twenty-one neo"),
    ("a Porsche 911 Turbo", "a Porsche nine eleven Turbo"),
    # not a model: a count after the maker's name, or a number with no maker
    ("Boeing sold 737 jets", "Boeing sold 737 jets"),
    # the airliner by its model's name, or one aircraft after it
    ("grounded the 737 MAX", "grounded the seven thirty-seven MAX"),
    ("The 787 Dreamliner flew.", "The seven eighty-seven Dreamliner flew."),
    ("a 747 jet", "a seven forty-seven jet"),
    ("in 777 cases", "in 777 cases"),
    ("the A380 superjumbo", "the A three eighty superjumbo"),
    # numbers that name a road, a flight, a form, a room: said like a year
    ("closed Highway 101", "closed Highway one oh one"),
    ("Flight 370", "Flight three seventy"),
    ("Section 230 of the law", "Section two thirty of the law"),
    ("Form 1040", "Form ten forty"),
    ("Route 66", "Route 66"),
    (
        "opens at 4501 Hwy. 290 E. next month",
        "opens at forty-five oh one Highway two ninety East next month",
    ),
    ("under 18 U.S.C. § 1030, the statute", "under 18 USC Section ten thirty, the statute"),
    ("Claims under §§ 501-505 must", "Claims under Sections five oh one through five oh five must"),
    (
        "Roe v. Wade, 410 U.S. 113 (1973), was",
        "Roe versus Wade, four ten U-S one thirteen (nineteen seventy-three), was",
    ),
    ("Japan's Nikkei 225 gained", "Japan's Nikkei two twenty-five gained"),
    ("under Penal Code 187, the", "under Penal Code one eighty-seven, the"),
    # "A" and a number of the 200s or 300s: an Airbus or a British A road, in pairs
    ("the older A320 jets in the fleet", "the older A three twenty jets in the fleet"),
    ("two A320s", "two A three twenties"),
    ("the A303 near Stonehenge", "the A three oh three near Stonehenge"),
    ("A 300-page book", "A 300-page book"),
    # a statute's subsections
    ("Under s. 47(2) of the Act", "Under section forty-seven subsection 2 of the Act"),
    ("Section 230(c)(1) of the law", "Section two thirty C 1 of the law"),
    ("cruising at FL350 when", "cruising at flight level three five zero when"),
    ("adopted Resolution 2334 in", "adopted Resolution twenty-three thirty-four in"),
    ("Sec. 230 shields platforms.", "Section two thirty shields platforms."),
    ("It violates 18 U.S.C. § 1001(a)(2).", "It violates 18 USC Section ten oh one A 2."),
]

test_rule, test_idempotent = table_tests(CASES)
