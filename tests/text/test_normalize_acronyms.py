"""Acronyms espeak reads the wrong way."""

from tests.text.normalize_table import table_tests

CASES = [
    ("The NCAA said", "The N C double A said"),
    ("The WHO said", "The W H O said"),
    ("The IAEA said", "The IA EA said"),
    ("ICE agents", "Ice agents"),
    ("The FBI, NASA and NATO", "The FBI, NASA and NATO"),  # espeak reads these right
    ("WHO IS THIS MAN AT THE DOOR", "WHO IS THIS MAN AT THE DOOR"),  # shouted words
    ("He fought in WWII", "He fought in World War two"),
    ("Tesla (NASDAQ: TSLA) fell", "Tesla (NASDAQ: T S L A) fell"),
    ("GM (NYSE:GM) rose", "GM (NYSE: G M) rose"),
    # spelled with hyphens: espeak says every letter, a first or inner "A" too
    ("The ACLU sued.", "The A-C-L-U sued."),
    ("the FDIC and the EEOC", "the F-D-I-C and the E-E-O-C"),
    ("at the YMCA gym", "at the YM CA gym"),
    ("audited by PwC", "audited by P-W-C"),
    ("Write to P.O. Box 47 or PO Box 12.", "Write to P-O Box forty-seven or P-O Box 12."),
    ("went 3-for-4 with 2 RBIs", "went 3 for 4 with 2 R-B-Is"),
    ("The QB threw", "The quarterback threw"),
    ("the USGS said", "the U-S-G-S said"),
    ("the USCIS office", "the U-S-C-I-S office"),
    ("from the IIHS this year", "from the I-I-H-S this year"),
    ("paired with AWD.", "paired with all-wheel drive."),
    ("the USB port", "the USB port"),
    ("The nurse set the IV pump.", "The nurse set the I-V pump."),
    ("two IVs", "two I-V's"),
    ("Henry IV was king.", "Henry the fourth was king."),
    ("Part IV begins.", "Part four begins."),
    ("Their IDs were checked.", "Their I-D's were checked."),
    ("WASHINGTON (AP) - The president spoke.", "WASHINGTON (A-P), The president spoke."),
    ("Turn on 2FA now.", "Turn on two-factor authentication now."),
    ("FAQ: How do I reset it?", "F-A-Q: How do I reset it?"),
]

test_rule, test_idempotent = table_tests(CASES)
