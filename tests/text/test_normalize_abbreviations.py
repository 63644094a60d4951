"""Titles, abbreviations, initials and dotted initialisms."""

from tests.text.normalize_table import table_tests

CASES = [
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
    ("at 42nd St. Station", "at 42nd Street Station"),
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
]

test_rule, test_idempotent = table_tests(CASES)
