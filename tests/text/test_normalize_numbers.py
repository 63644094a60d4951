"""Multipliers and fractions, and the numbers espeak reads right as they are."""

from tests.text.normalize_table import table_tests

CASES = [
    # a rating with a decimal point on top, whatever stands around it (fresh set 20)
    ("Critics rated the film 4.5/5.", "Critics rated the film 4.5 out of 5."),
    ("See you on 4/5 then.", "See you on April 5th then."),
    # multipliers and fractions
    ("2x faster", "2 times faster"),
    ("a 4x4 truck", "a 4 by 4 truck"),
    ("3/4 of voters", "three quarters of voters"),
    ("1/2", "one half"),
    ("2/3", "two thirds"),
    ("2½ years", "2 and a half years"),
    # numbers espeak reads right
    ("1,234,567", "1,234,567"),
    ("3.14", "3.14"),
    ("the 21st time", "the 21st time"),
    ("-5 degrees", "-5 degrees"),
    ("1 1/2 cups", "1 and a half cups"),
    ("2 3/4", "2 and three quarters"),
    ("3 1/8 inches", "3 and an eighth inches"),
    ("8bn people", "8 billion people"),
    (".5", "point 5"),
    # espeak reads the digits 40-49 with another vowel than the word "forty": spelled
    ("45 people", "forty-five people"),
    ("the 43rd time", "the forty-third time"),
    ("-40 degrees", "minus forty degrees"),
    ("12,345 votes", "twelve thousand three hundred forty-five votes"),
    ("40.5", "forty point five"),
    ("4.45", "4.45"),
    ("call 555-0147", "call five five five, oh one four seven"),  # a phone, not an amount
    ("it employs 150k people", "it employs 150 thousand people"),
    ("about 2.5k views", "about 2.5 thousand views"),
    ("a 5k run", "a 5k run"),
    ("she won the 10k.", "she won the 10k."),
    ("power to 1.25M customers", "power to 1.25 million customers"),
    ("12M viewers watched", "12 million viewers watched"),
    ("3M said on Monday", "3M said on Monday"),
    ("a 3M respirator", "a 3M respirator"),
    # a letter after a number that names an apartment, a seat, a gate: not a scale
    ("Apt. 4B is available now.", "Apartment 4B is available now."),
    ("seat 12B was empty", "seat 12B was empty"),
    ("Gate 22B flights left late", "Gate 22B flights left late"),
    ("it sold 4B units", "it sold 4 billion units"),
    # ordinals of whole hundreds and thousands (espeak: "one hundred th")
    ("its 100th anniversary", "its one hundredth anniversary"),
    ("the 1,000th visitor", "the one thousandth visitor"),
    ("the 112th Congress", "the 112th Congress"),
    # shares of a hundred, and round the clock
    ("a 60/40 split", "a sixty forty split"),
    ("50/50 odds", "fifty fifty odds"),
    ("open 24/7", "open twenty-four seven"),
    ("3/4 of voters", "three quarters of voters"),
    # batting averages and calibers
    ("He batted .300 last season.", "He batted three hundred last season."),
    ("a .315 hitter", "a three fifteen hitter"),
    ("a .22 caliber rifle", "a twenty-two caliber rifle"),
    ("rates rose .25 percent", "rates rose point 2 5 percent"),
    ("about 60K troops", "about 60 thousand troops"),
    ("H-1B visas", "H-1B visas"),
    ("a 4K television", "a 4K television"),
    # round numbers in the plural
    ("even 1,000s of people came", "even thousands of people came"),
    ("the 100s of fans", "the hundreds of fans"),
    ("10,000s of dollars", "tens of thousands of dollars"),
    ("earn points x2 this weekend", "earn points times 2 this weekend"),
    ("The 49ers and the 76ers won.", "The Forty-Niners and the Seventy-Sixers won."),
    ("Her best for the 10K is fast.", "Her best for the 10K is fast."),  # a race
    ("Add ¾ cup of sugar.", "Add three-quarters of a cup of sugar."),
    ("Use ½ tsp of soda", "Use half a teaspoon of soda"),
    ("at least 3/4 in. thick", "at least three-quarters of an inch thick"),
    ("Trim 1/8 in. from it", "Trim one-eighth of an inch from it"),
    ("a 5/16-inch wrench", "a five-sixteenths-inch wrench"),
    ('the old 1/2" copper pipe', "the old half-inch copper pipe"),
    ("a 5/8 inch wrench", "a five-eighths-inch wrench"),
    ("cut rates by 1/4 point", "cut rates by a quarter point"),
    ("Add 1 1/2 cups flour", "Add 1 and a half cups flour"),
    ("3/4 of voters", "three quarters of voters"),
    ("rated 8/10 by critics", "rated 8 out of 10 by critics"),
    ("Rated 4.5/5 stars", "Rated 4.5 out of 5 stars"),
    ("up to 22 x 14 x 9 inches", "up to 22 by 14 by 9 inches"),
    ("a 1920x1080 screen", "a nineteen twenty by ten eighty screen"),
    ("six 2x4s and screws", "six two by fours and screws"),
    ("the 12x14 ft bedroom", "the 12 by 14 feet bedroom"),
    ("for visitors 12+ only", "for visitors 12 and up only"),
    ("Bus route 42X runs", "Bus route forty-two X runs"),
    ("a 10X zoom", "a 10 times zoom"),
    ("Stir in 2/3 cup of milk", "Stir in two-thirds of a cup of milk"),
    ("just 1/4 mile from the beach", "just a quarter mile from the beach"),
    ("cut rates by 1/2 point", "cut rates by a half point"),
    (
        "shot at 1/250 sec. to freeze it",
        "shot at one two hundred fiftieth of a second to freeze it",
    ),
    ("range from 1/16 to 1/2 inch", "range from one sixteenth to half an inch"),
    ("showed 20/40 vision", "showed twenty forty vision"),
    (
        "a sizzling .342/.370/.567 slash line",
        "a sizzling three forty-two, three seventy, five sixty-seven slash line",
    ),
    ("a .067/.100/.133 line", "a oh sixty-seven, one hundred, one thirty-three line"),
    # a recipe list: the measure before what it measures, without "of"
    (
        "Combine 3/4 cup flour with 1/2 tsp salt.",
        "Combine three-quarters cup flour with one-half teaspoon salt.",
    ),
    ("Stir in 1/4 cup chopped walnuts.", "Stir in one-quarter cup chopped walnuts."),
    ("Add 3/4 cup of sugar.", "Add three-quarters of a cup of sugar."),
    ("Add 1/2 cup and stir.", "Add half a cup and stir."),
    ("The '00s were strange.", "The two thousands were strange."),
    # a rating a few words after its verb; a date after "on" is no rating
    ("Critics rated the film 7/10.", "Critics rated the film 7 out of 10."),
    ("I'd give it 8/10", "I'd give it 8 out of 10"),
    ("The rating was updated on 5/10", "The rating was updated on May 10th"),
    # Indian digit grouping
    ("a crowd of 1,50,000 people", "a crowd of one lakh fifty thousand people"),
    # a mixed number of quarters before the things it counts
    ("You will need 2 3/4 cups of flour.", "You will need 2 and three-quarter cups of flour."),
    ("It took 3 2/3 hours.", "It took 3 and two thirds hours."),
    ("Her 10K time qualified her.", "Her 10K time qualified her."),
    # "a 10K" with no noun after it is a race; "a 10K bonus" is ten thousand
    ("Ran a 10K this morning in the rain!", "Ran a 10K this morning in the rain!"),
    ("a 10K bonus", "a 10 thousand bonus"),
    # a fraction of a mile, its "mi" without a period
    ("The house sits 1/4 mi from the beach.", "The house sits a quarter mile from the beach."),
    ("The 10K route follows the canal.", "The 10K route follows the canal."),
    ("laptops run most x86 apps", "laptops run most x86 apps"),
    # a shutter speed: a fraction of a second
    (
        "At 1/4000 s, the camera freezes wings.",
        "At one four thousandth of a second, the camera freezes wings.",
    ),
]

test_rule, test_idempotent = table_tests(CASES)
