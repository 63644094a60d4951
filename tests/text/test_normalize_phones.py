"""Telephone numbers, read digit by digit in their groups."""

from tests.text.normalize_table import table_tests

CASES = [
    (
        "Call 1-800-555-0199 now.",
        "Call one, eight hundred, five five five, oh one nine nine now.",
    ),
    ("Call (202) 555-0143.", "Call two oh two, five five five, oh one four three."),
    ("at 202.555.0143 or", "at two oh two, five five five, oh one four three or"),
    ("dial +1 415 555 2671", "dial plus one, four one five, five five five, two six seven one"),
    (
        "on +44 20 7946 0958.",
        "on plus four four, two oh, seven nine four six, oh nine five eight.",
    ),
    # not phone numbers: a range, an ISO date, a score, a short "+" figure
    ("pages 100-200", "pages 100 to 200"),
    ("on 2024-05-01", "on May 1st, twenty twenty-four"),
    ("rose +5 points", "rose plus 5 points"),
    # a local number without its area code: a zero opens its four digits, or a call precedes
    ("or 555-0142.", "or five five five, oh one four two."),
    ("Call 555-1234 for details.", "Call five five five, one two three four for details."),
    (
        "phone the office on 555-4321 today",
        "phone the office on five five five, four three two one today",
    ),
    ("scores ranged 200-1600", "scores ranged 200-1600"),  # not after a call: a range
    # numbers read digit by digit
    ("Call 911 now.", "Call nine one one now."),
    ("a 911 dispatcher", "a nine one one dispatcher"),
    ("a Porsche 911", "a Porsche nine eleven"),
    ("in ZIP code 90210", "in ZIP code nine oh two one oh"),
    ("zip code 10001-1234", "zip code one oh oh oh one, one two three four"),
    ("the new area code 628", "the new area code six two eight"),
    ("Call ext. 204.", "Call extension two oh four."),
    (
        "(202) 555-0143, extension 12",
        "two oh two, five five five, oh one four three, extension twelve",
    ),
    ("on Ext. 3 of the highway", "on Ext. 3 of the highway"),
    (
        "Tel: 818-555-2947 x15",
        "Telephone: eight one eight, five five five, two nine four seven extension fifteen",
    ),
    # service lines and short codes after a call, digit by digit
    ("by dialing 988.", "by dialing nine eight eight."),
    ("report potholes by calling 311", "report potholes by calling three one one"),
    ("the 211 hotline", "the two one one hotline"),
    ("Text HELP to 73748 for help", "Text HELP to seven three seven four eight for help"),
    ("He scored 311 points in 988 games.", "He scored 311 points in 988 games."),
    ("by calling 1-800-FLOWERS.", "by calling one eight hundred FLOWERS."),
    ("Call 1-888-MY-LOANS now.", "Call one eight eight eight MY-LOANS now."),
    (
        "at 888-555-1234, ext. 2, for billing",
        "at eight eight eight, five five five, one two three four, extension two, for billing",
    ),
    # a national number with its trunk zero, in three groups
    ("ring 020 7946 0123 between", "ring oh two oh, seven nine four six, oh one two three between"),
    ("call 0161 496 0000 now", "call oh one six one, four nine six, oh oh oh oh now"),
    ("It cost 0 100 200.", "It cost 0 100 200."),
    # other countries' emergency and health lines
    ("In an emergency, dial 999.", "In an emergency, dial nine nine nine."),
    ("a 999 call", "a nine nine nine call"),
    ("scored 999 points", "scored 999 points"),
    # British and Canadian postcodes at the end of an address
    (
        "Write to 10 Downing St, London SW1A 2AA.",
        "Write to 10 Downing Street, London S-W-one-A two-A-A.",
    ),
    ("It is in Toronto, ON M4E 2K9.", "It is in Toronto, ON M-four-E two-K-nine."),
    ("The A4 2ND edition.", "The A4 2ND edition."),
    (
        "The new branch will serve the 30301 ZIP code.",
        "The new branch will serve the three oh three oh one ZIP code.",
    ),
    # the trunk code in brackets, as Australia writes it
    (
        "For enquiries, call (02) 9876 5432.",
        "For enquiries, call oh two, nine eight seven six, five four three two.",
    ),
    # a lottery's drawn digits (espeak says "four dash zero dash seven")
    ("Pick 3: 4-0-7.", "Pick 3: four, zero, seven."),
]

test_rule, test_idempotent = table_tests(CASES)
