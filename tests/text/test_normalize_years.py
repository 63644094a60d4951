"""Years and decades."""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from tests.text.normalize_table import table_tests

CASES = [
    ("in 2019", "in twenty nineteen"),
    ("in 1906", "in nineteen oh six"),
    ("in 2005", "in 2005"),  # espeak's "two thousand five" is what people say
    ("in mid-2019", "in mid-twenty nineteen"),
    ("the 1990s", "the nineteen nineties"),
    ("the 1900s", "the nineteen hundreds"),
    ("the 2000s", "the two thousands"),
    ("the 2010s", "the twenty tens"),
    ("the '90s", "the nineties"),
    ("in his 40s", "in his forties"),
    ("1,999 people", "1,999 people"),
    ("3.1416", "3.1416"),
    # eras
    ("476 A.D.", "four seventy-six A-D."),
    ("in 300 A.D", "in three hundred A-D"),
    ("400 BC", "four hundred B-C"),
    ("AD 1453", "A-D fourteen fifty-three"),
    # decade ranges and apostrophes
    ("the 1960s-80s", "the nineteen sixties to eighties"),
    ("the 1990s-2000s", "the nineteen nineties to two thousands"),
    ("the 1990's", "the nineteen nineties"),
    # a year by its last two digits
    ("since the crash of '08", "since the crash of oh eight"),
    ("the class of \u201999", "the class of ninety-nine"),
    ("the '00 draft", "the two thousand draft"),
    ("The castle dates to 1066.", "The castle dates to ten sixty-six."),
    ("in 1066 cases", "in 1066 cases"),
    ("cars from the 1960s-70s drew", "cars from the nineteen sixties to seventies drew"),
    ("in the 1960s-80s", "in the nineteen sixties to eighties"),
    ("peaked in the early-to-mid 1990s", "peaked in the early to mid nineteen nineties"),
    ("Early-2000s pop music", "Early two thousands pop music"),
    ("the mid-1990s boom", "the mid nineteen nineties boom"),
    # a span of years closed by its era
    ("dates from 2500–2000 BC.", "dates from twenty-five hundred to two thousand B-C."),
    ("from 300 to 250 BCE", "from three hundred to two fifty B-C-E"),
    ("Sea levels could rise by 2100.", "Sea levels could rise by twenty-one hundred."),
    (
        "The castle was built around 1066, historians say.",
        "The castle was built around ten sixty-six, historians say.",
    ),
    ("Around 1066 people came.", "Around 1066 people came."),
    ("well into the 2100s", "well into the twenty-one hundreds"),
]

test_rule, test_idempotent = table_tests(CASES)
