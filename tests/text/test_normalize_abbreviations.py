"""Titles, abbreviations, initials and dotted initialisms."""

from tests.text.normalize_table import table_tests

CASES = [
    # retirement plans without brackets, ahead of thousands; "Eff." before a date (fresh set 46)
    (
        "I max out my 401k at $23,000 a year.",
        "I max out my four oh one K at 23,000 dollars a year.",
    ),
    ("her 403b", "her four oh three B"),
    ("sold for $401k", "sold for 401 thousand dollars"),
    ("Eff. 4/1/24 our hours change.", "Effective April 1st, twenty twenty-four our hours change."),
    # a label's Max. and Min. before a word in lower case (fresh set 20)
    ("Max. load 150 lbs per shelf.", "Maximum load 150 pounds per shelf."),
    ("Min. order 2 items.", "Minimum order 2 items."),
    ("I saw Max. He waved.", "I saw Max. He waved."),
    # titles and abbreviations
    ("Gov. Smith spoke.", "Governor Smith spoke."),
    ("Sen. Jones and Rep. Lee", "Senator Jones and Representative Lee"),
    ("Lt. Gov. Dan Patrick", "Lieutenant Governor Dan Patrick"),
    ("Atty. Gen. Ken Paxton", "Attorney General Ken Paxton"),
    ("Dr. Jones", "Doctor Jones"),
    ("on Elm Dr.", "on Elm Drive."),
    ("St. Louis", "Saint Louis"),
    ("on St. Patrick's Day", "on Saint Patrick's Day"),
    ("on Main St. today", "on Main Street today"),
    ("at 42nd St. Station", "at forty-second Street Station"),
    ("Mt. Everest", "Mount Everest"),
    ("Ms. Park", "Miz Park"),
    ("Mr. Smith", "Mr Smith"),
    ("John Smith Jr. said", "John Smith Junior said"),
    ("apples vs. oranges", "apples versus oranges"),
    ("Roe v. Wade", "Roe versus Wade"),
    ("bread, milk, etc.", "bread, milk, et cetera."),
    ("fruit, e.g. apples", "fruit, for example apples"),
    ("staples, i.e. bread", "staples, that is bread"),
    ("No. 5", "number 5"),
    ("He said No.", "He said No."),
    ("Apple Inc. said", "Apple Incorporated said"),
    ("Acme Ltd.", "Acme Limited."),
    ("approx. 5", "approximately 5"),
    ("a Ph.D. student", "a PhD student"),
    # initials and dotted acronyms
    ("The U.S. Senate", "The US Senate"),
    ("moved to the U.S.", "moved to the US."),
    ("J. K. Rowling", "J K Rowling"),
    ("George W. Bush", "George W Bush"),
    ("the N.C.A.A. final", "the N C double A final"),
    # plans named by their tax-code section
    ("his 401(k)", "his four oh one K"),
    ("a 403(b)", "a four oh three B"),
    ("a 457(b)", "a four fifty-seven B"),
    ("a 501(c)(3)", "a five oh one C three"),
    # before a number
    ("c. 1900", "circa nineteen hundred"),
    ("est. 1990", "established nineteen ninety"),
    ("FY2023", "fiscal year twenty twenty-three"),
    ("p. 5", "page 5"),
    ("approx 5", "approximately 5"),
    ("A.D.", "A-D."),  # without its dots espeak would say "ad"
    # the abbreviation's period ends the sentence when a sentence opener follows
    ("at 10 Downing St. He said no.", "at 10 Downing Street. He said no."),
    ("on Mulholland Dr. The road was shut.", "on Mulholland Drive. The road was shut."),
    # growth against the same period before
    ("sales rose 3% y/y", "sales rose 3 percent year over year"),
    ("up 8% YoY and 2% QoQ", "up 8 percent year over year and 2 percent quarter over quarter"),
    ("prices rose 0.4% m/m", "prices rose 0.4 percent month over month"),
    # a city quadrant after its street; a storm's category
    (
        "at 1600 Pennsylvania Ave. NW in Washington.",
        "at sixteen hundred Pennsylvania Avenue Northwest in Washington.",
    ),
    ("on 14th St. SE, police said", "on 14th Street Southeast, police said"),
    ("a Cat. 4 storm hit.", "a Category 4 storm hit."),
    ("it charges 1.5% p.a. in fees", "it charges 1.5 percent a year in fees"),
    ("won 7 Oscars, incl. Best Picture.", "won 7 Oscars, including Best Picture."),
    ("backed Prop. 50 by a wide margin", "backed Proposition 50 by a wide margin"),
    ("Mrs. Lopez won.", "Missus Lopez won."),
    ("Police in Ft. Worth made an arrest.", "Police in Fort Worth made an arrest."),
    ("Approx. 200 people came.", "Approximately 200 people came."),
    ("In the 2nd qtr.", "In the 2nd quarter."),
    ("2nd qtr. results rose", "2nd quarter results rose"),
    # an address's parts
    ("in Apt. 4B on the third floor", "in Apartment 4B on the third floor"),
    ("to Ste. 200 of Bldg. 4", "to Suite two hundred of Building 4"),
    ("Take Rte 9 north", "Take Route 9 north"),
    ("on Hwy 61 and Pacific Coast Hwy", "on Highway 61 and Pacific Coast Highway"),
    ("moved to 12 Oak Ln. last year", "moved to 12 Oak Lane last year"),
    ("Send it to 5 Fox Ct., Albany.", "Send it to 5 Fox Court, Albany."),
    ("She lives on Fox Ct. He left.", "She lives on Fox Court. He left."),
    ("The Ct. Supreme Court ruled.", "The Ct. Supreme Court ruled."),  # Connecticut
    ("on N. Maple Ave. is", "on North Maple Avenue is"),
    ("at 9 W. 57th St. in Manhattan", "at 9 West 57th Street in Manhattan"),
    ("the corner of 3rd Ave and E 14th St.", "the corner of 3rd Avenue and East 14th Street."),
    ("at 2200 Wilson Blvd in", "at twenty-two hundred Wilson Boulevard in"),
    ("He lives at 100 W Broadway.", "He lives at one hundred West Broadway."),
    ("The E Street Band played.", "The E Street Band played."),  # a letter street
    ("John W. Smith Street", "John W Smith Street"),  # a middle initial
    ("She sang Ave Maria.", "She sang Ave Maria."),
    # "Q3" is left as written: "Q three" (raw espeak), as often said as "the third quarter"
    ("Q3 earnings beat forecasts.", "Q3 earnings beat forecasts."),
    # a house number before its street, in pairs
    ("at 123 Main St. in the old bank", "at one twenty-three Main Street in the old bank"),
    ("to 2200 Wilson Blvd in", "to twenty-two hundred Wilson Boulevard in"),
    ("visit 221B Baker Street", "visit two twenty-one B Baker Street"),
    ("at 1619 Broadway", "at sixteen nineteen Broadway"),
    ("In 2005 Main Street was paved.", "In 2005 Main Street was paved."),  # a year
    ('The new single is "Run" ft. Drake.', 'The new single is "Run" featuring Drake.'),
    ("It is 6 ft. He said so.", "It is 6 feet. He said so."),
    ("After the U.S. Supreme Court's ruling", "After the US Supreme Court's ruling"),
    ("adopted Ord. No. 2024-17 today", "adopted Ordinance number twenty twenty-four dash 17 today"),
    ("Art. I, Sec. 8 gives", "Article one, Section 8 gives"),
    ("passed Res. No. 45", "passed Resolution number forty-five"),
    ("See para. 14 of it", "See paragraph 14 of it"),
    ("written in the 14th c. by a monk", "written in the 14th century by a monk"),
    ("in a lg. bowl", "in a large bowl"),
    ("add 2 pkgs. of yeast", "add 2 packages of yeast"),
    ("3300 N. Lake Shore Dr.", "thirty-three hundred North Lake Shore Drive."),
    ("9801 SE 82nd Ave.", "ninety-eight oh one Southeast 82nd Avenue."),
    ("45 Queen St W, Toronto", "forty-five Queen Street West, Toronto"),
    ("skip 86 St. this weekend", "skip 86th Street this weekend"),
    ("at 12 St. Marks Place", "at 12 Saint Marks Place"),
    ("on the 12th fl. of the building", "on the 12th floor of the building"),
    (
        "The earthquake, a M7.1, struck 40 km NE of the city.",
        "The earthquake, a magnitude 7.1, struck forty kilometers northeast of the city.",
    ),
    ("12 miles SSW of Tulsa", "12 miles south-southwest of Tulsa"),
    (
        "under Fed. R. Civ. P. 11 for frivolous filings",
        "under Federal Rule of Civil Procedure 11 for frivolous filings",
    ),
    ("for a .971 save pct. this year", "for a nine seventy-one save percentage this year"),
    ("Sgt. 1st Class James Ortiz", "Sergeant 1st Class James Ortiz"),
    (
        "min. 5 yrs. experience in project mgmt.",
        "minimum 5 years experience in project management.",
    ),
    ("It took 5 min. to load.", "It took 5 minutes to load."),
    (
        "in Case No. 23-CR-0417 on Monday",
        "in Case number twenty-three C-R oh four one seven on Monday",
    ),
    (
        "Smith v. Jones, No. 22-1145, will",
        "Smith versus Jones, number twenty-two eleven forty-five, will",
    ),
    # a wind's direction
    ("Winds will be NW at 10", "Winds will be northwest at 10"),
    ("NW winds 10-20 mph.", "northwest winds 10 to 20 miles per hour."),
    ("Winds: SSE 5-10 mph", "Winds: south-southeast 5 to 10 miles per hour"),
    ("wind from the SW.", "wind from the southwest."),
    ("The W was big.", "The W was big."),
    # circa before an era's year, a century abbreviated after a hyphen
    ("founded c. AD 600.", "founded circa A-D six hundred."),
    ("A 19th-c. oak dresser", "A 19th-century oak dresser"),
    ("ss. 12-14 apply", "sections 12 to 14 apply"),
    (
        "The Rt Hon. Member for Bristol West rose.",
        "The Right Honorable Member for Bristol West rose.",
    ),
    ("The case is known as U.S. v. Jones.", "The case is known as US versus Jones."),
    ("Parking: max 3 hrs.", "Parking: maximum 3 hours."),
    ("Mt Ruapehu rises 2,797 m.", "Mount Ruapehu rises 2,797 meters."),
    ("emitted 5 Mt of CO2", "emitted 5 million tonnes of CO2"),
    (
        "The ratio was 1.5 (95% CI 1.2-1.8).",
        "The ratio was 1.5 (95 percent confidence interval 1.2 to 1.8).",
    ),
    ("Sodium 160mg, 7% DV.", "Sodium 160 milligrams, 7 percent daily value."),
    ("EPA-rated 35 mpg hwy, 28 city.", "EPA-rated 35 miles per gallon highway, 28 city."),
    ("pending before the 9th Cir.", "pending before the 9th Circuit."),
    ("The O/U is 47.5.", "The over-under is forty-seven point five."),
    (
        "Henry VIII (r. 1509-1547) broke with Rome.",
        "Henry the eighth (reigned fifteen oh nine to fifteen forty-seven) broke with Rome.",
    ),
    (
        "Jan van Eyck (fl. 1480s) painted it.",
        "Jan van Eyck (flourished fourteen eighties) painted it.",
    ),
    ("Qty 2 of each", "Quantity 2 of each"),
]

test_rule, test_idempotent = table_tests(CASES)
