"""Acronyms espeak reads the wrong way: spelled when it says a word, a word when it spells."""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule

# Checked with espeak 1.51 inside a mixed-case sentence (alone, all-capitals text is read as
# words). Left out because espeak already spells them right: FBI, CEO, GDP, EU, UN, EPA, TSA,
# IPO, ETF, UAE, NHS, ... and reads these right as words: NASA, NATO, FIFA, OPEC, AIDS, COVID.
_ACRONYMS = {
    # read as a word, should be spelled (pairs like "IA EA" keep a lone "A" from being "a")
    "NCAA": "N C double A",
    "FOMC": "F O M C",
    "ICBM": "I C B M",
    "ICBMs": "I C B Ms",
    "IAEA": "IA EA",
    "PBOC": "P B O C",
    "ACLU": "A-C-L-U",  # hyphens: espeak says each letter, "A" too, with no pause between
    "EEOC": "E-E-O-C",
    "FDIC": "F-D-I-C",
    "ROTC": "R-O-T-C",
    "USPS": "U-S-P-S",
    "OSCE": "O-S-C-E",
    "EITC": "E-I-T-C",
    "PSEG": "P-S-E-G",
    "PwC": "P-W-C",
    "YMCA": "YM CA",  # a last "-A" would be the article
    "WHO": "W H O",
    "PO": "P-O",  # "PO Box": espeak says "poe"
    "AP": "A-P",  # the Associated Press, an Advanced Placement course: espeak says "ap"
    "2FA": "two-factor authentication",
    "FAQ": "F-A-Q",  # espeak says "fack"
    "FAQs": "F-A-Qs",
    "QAnon": "Q Anon",
    "IDs": "I-D's",  # "I Ds" is said "I D S"
    "IIHS": "I-I-H-S",
    "NHTSA": "N-H-T-S-A",
    "ADA": "A-D-A",
    "AWD": "all-wheel drive",
    "FWD": "front-wheel drive",
    "RWD": "rear-wheel drive",
    "4WD": "four-wheel drive",
    "RBI": "R-B-I",
    "RBIs": "R-B-Is",
    "IVs": "I-V's",
    "APR": "A-P-R",  # a loan's rate ("APR 15", a date, is read before the acronyms)
    "APY": "A-P-Y",
    "ABV": "alcohol by volume",
    "QB": "quarterback",
    "QBs": "quarterbacks",
    # spelled, should be read as a word
    "ICE": "Ice",
    "HUD": "Hud",
    "PIN": "pin",
    "PINs": "pins",
    "PAC": "pack",
    "PACs": "packs",
    "DAX": "Dax",
    "FEMA": "Feema",
    "FTSE": "Footsie",
    "SIM": "sim",
    "TED": "Ted",
    "WOW": "wow",
    # said in full
    "WWI": "World War one",
    "WWII": "World War two",
    "WW1": "World War one",
    "WW2": "World War two",
}
_ACRONYM = re.compile(r"(?<![\w'-])(" + "|".join(_ACRONYMS) + r")(?![\w'-])")


# "IV" (espeak says "roman four") is a drip where it is not a numeral: the numerals after a
# name or a counting word (Henry IV, Stage IV) are read before this rule, and a heading's
# number ("IV. Results") starts its line.
_IV = re.compile(r"(?<![\w'-])(?<!^)(?<!\n)IV(?![\w'-])|(?:^|(?<=\n))IV(?![\w'.)-])")


def _acronym(m: re.Match[str]) -> str:
    letters = [c for c in m.string if c.isalpha()]
    if len(letters) > 8 and all(c.isupper() for c in letters):
        return m.group(0)  # a shouted headline: espeak reads it as words, and so should we
    return _ACRONYMS[m.group(1)]


# A stock symbol after its exchange, "(NASDAQ: TSLA)", "(NYSE:GM)": spelled, as a ticker is
# read ("T S L A"); espeak reads "TSLA" as a word.
_TICKER = re.compile(
    r"\b(?P<exchange>NASDAQ|Nasdaq|NYSE|AMEX|LSE|TSX|ASX|HKEX|TYO|OTC)\s?:\s?(?P<symbol>[A-Z]{1,5})\b"
)


def _ticker(m: re.Match[str]) -> str:
    return f"{m['exchange']}: {' '.join(m['symbol'])}"


# A United States agency or body named by its initials, "USGS", "USCIS", "USPTO", "USMC": espeak
# reads the "US" and what follows as one word ("usgz").
_US_BODY = re.compile(r"(?<![\w'-])US[B-DF-HJ-NP-TV-Z][A-Z]{1,3}(?![\w'-])")

RULES: list[Rule] = [
    (_TICKER, _ticker),
    (_US_BODY, lambda m: "-".join(m.group(0))),
    (_ACRONYM, _acronym),
    (_IV, lambda m: "I-V"),
]
