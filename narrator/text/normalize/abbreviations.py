"""Abbreviations: titles before a name (titles.py), Latin and business abbreviations,
"St." as Saint or Street, "Dr." as Doctor or Drive, dotted initialisms ("U.S.") and initials,
and the tax-code plans named by their section ("401(k)" is "four oh one K").

Abbreviation periods are removed inside a sentence (a splitter would cut there); at the very
end of the text one period is kept, because it is the sentence's own.
"""

from __future__ import annotations

import re

from narrator.text.normalize import titles
from narrator.text.normalize.spoken import (
    Rule,
    abbreviation,
    cardinal,
    digits,
    final,
    ordinal,
    year,
)

# Anywhere: (pattern, spoken). Patterns include the period(s).
_ABBREVIATIONS: list[tuple[str, str]] = [
    (r"\bRt\.? Hon\.?(?=\s)", "Right Honorable"),
    (r"\be\.g\.", "for example"),
    (r"\bi\.e\.", "that is"),
    (r"\ba\.k\.a\.", "also known as"),
    (r"\betc\.", "et cetera"),
    (r"\bvs\.?(?=\s)", "versus"),
    (r"(?<=[A-Za-z.])\s+v\.(?=\s+[A-Z])", " versus"),  # "Roe v. Wade", "U.S. v. Jones"
    (r"\bapprox\b\.?", "approximately"),
    (r"\bApprox\b\.?", "Approximately"),
    (r"\bInc\.", "Incorporated"),
    (r"\bLtd\.", "Limited"),
    (r"\bCorp\.", "Corporation"),
    (r"\bCo\.(?=,|\s+(?:[a-z]|$)|\s*$)", "Company"),
    (r"\bBros\.", "Brothers"),
    (r"\bAssn\.", "Association"),
    (r"\bDept\.", "Department"),
    (r"\bUniv\.", "University"),
    (r"\bGov't\b|\bgovt\.", "government"),
    (r"\bInt'l\b", "International"),
    (r"\bNat'l\b|\bNatl\.", "National"),
    (r"\bAve\.", "Avenue"),
    (r"\bBldg\.", "Building"),
    (r"(?<=%\s)CI\b|(?<=percent\s)CI\b", "confidence interval"),  # "95% CI 1.2-1.8"
    (r"(?<=%\s)DV\b|(?<=percent\s)DV\b", "daily value"),  # a nutrition label's "7% DV"
    (r"\bpkgs\.", "packages"),
    (r"\bpkg\.", "package"),
    (r"\bhwy\b\.?", "highway"),  # "35 mpg hwy"; "Hwy. 101" before its number is read first
    (r"(?<=\d(?:st|nd|rd|th)\s)Cir\.", "Circuit"),  # "the 9th Cir."
    (r"\bO/U\b", "over-under"),  # a betting line's total
    (r"\bBlvd\b\.?", "Boulevard"),
    # Without its period only after a name or a number and before no name ("Ave Maria").
    (r"(?<=\w\s)Ave\b(?![.'\u2019]|\s+[A-Z][a-z])", "Avenue"),
    (r"\bRd\.", "Road"),
    (r"\bFwy\b\.?", "Freeway"),
    (r"\bPkwy\b\.?", "Parkway"),
    (r"\bExpy\b\.?", "Expressway"),
    (r"\bJr\.?(?=[\s,]|$)", "Junior"),
    (r"\bSr\.?(?=[\s,]|$)", "Senior"),
    (r"\bPh\.D\.", "PhD"),
    # "a M7.1": an earthquake's magnitude
    (r"(?<![\w.])M(?=\d\.\d\b)", "magnitude "),
    # "a .971 save pct.": percentage (the unit's "pct" is percent, after a number)
    (r"(?<=\bsave\s)pct\b\.?", "percentage"),
    # The federal rules of procedure and evidence, as lawyers cite them: "Fed. R. Civ. P. 11"
    (r"\bFed\.\s?R\.\s?Civ\.\s?P\.(?=\s*\d)", "Federal Rule of Civil Procedure"),
    (r"\bFed\.\s?R\.\s?Crim\.\s?P\.(?=\s*\d)", "Federal Rule of Criminal Procedure"),
    (r"\bFed\.\s?R\.\s?App\.\s?P\.(?=\s*\d)", "Federal Rule of Appellate Procedure"),
    (r"\bFed\.\s?R\.\s?Evid\.(?=\s*\d)", "Federal Rule of Evidence"),
    # A rank before its class: "Sgt. 1st Class", "Petty Officer 2nd Class"
    (r"\bSgt\.(?=\s+1st\b)", "Sergeant"),
    (r"\bmin\.(?=\s*\d)", "minimum"),  # "min. 5 yrs." ("5 min." after a number is minutes)
    # A mountain: "Mt Eden", "Mt. Everest" ("5 Mt" after a number is megatonnes)
    (r"(?<![\w.])Mt\b\.?(?=\s[A-Z][a-z])", "Mount"),
    # A label's "Max." and "Min." before a word in lower case: "Max. load 150 lbs", "Min. order
    # 2 items". Before a capital it may be a name ending a sentence ("I saw Max. He").
    (r"(?<![\w.])Max\.(?=\s+[a-z])", "Maximum"),
    (r"(?<![\w.])Min\.(?=\s+[a-z])", "Minimum"),
    (r"\bmgmt\b\.?", "management"),
    (r"\bgovt\b\.?", "government"),
    # "the 12th fl.": a floor
    (r"(?<=\d(?:st|nd|rd|th)\s)[Ff]l\.(?=\s|$)", "floor"),
    # "the 14th c.": a century
    (r"(?<=\d(?:st|nd|rd|th)[\s-])(?:c|cent)\.(?=\s|$)", "century"),
    # a recipe's and a shop's sizes before their noun: "a lg. bowl", "2 med. onions"
    (r"\blg\.(?=\s+[a-z])", "large"),
    (r"\bmed\.(?=\s+[a-z])", "medium"),
    (r"\bsm\.(?=\s+[a-z])", "small"),
    (r"\bpkg\.(?=\s+(?:of\s)?[a-z])", "package"),
    (r"\bpkgs\.(?=\s+(?:of\s)?[a-z])", "packages"),
    # "ft." before a name is "featuring" ("Run" ft. Drake); after a number it is feet (units).
    (r"(?<![\d\s])(?<!\d\s)\s(?:ft|feat)\.?(?=\s[A-Z])", " featuring"),
]
# An address's parts before their number: "Apt. 4B", "Ste 200", "Bldg. 7", "Rte 9"; spelled
# out before anything reads the number, which models.py says as a name ("Suite two hundred").
# A street's kind as written after its name (models.py reads a house number before them too).
STREET_KINDS = "St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Pl|Place|Ct|Court"
STREET_KINDS += "|Way|Pkwy|Parkway|Ter|Terrace|Cir|Circle|Hwy|Highway|Sq|Square"
_STREET_NAME = r"\d+(?:st|nd|rd|th)|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}"  # "57th", "Lake Shore"
_STREET_AHEAD = rf"\s(?:(?:{_STREET_NAME})\s+(?:{STREET_KINDS})|Broadway)\b"
_ADDRESS: list[tuple[str, str]] = [
    (r"\bApt\b\.?(?=\s*#?\d|\s*[A-Z]\b)", "Apartment"),
    (r"\bapt\b\.?(?=\s*#?\d)", "apartment"),
    (r"\bSte\b\.?(?=\s*#?\d)", "Suite"),
    (r"\bBldg\b\.?(?=\s*#?\d|\s*[A-Z]\b)", "Building"),
    (r"\bRte\b\.?(?=\s*\d)|\bRt\.(?=\s*\d)", "Route"),
    (r"\bRm\b\.?(?=\s*\d)", "Room"),
    (r"\bHwy\b\.?", "Highway"),  # "Hwy 61" and "Pacific Coast Hwy" alike
]
# A compass point before a street's name and kind: "N. Maple Ave.", "9 W. 57th St.", "E 14th St",
# "N. Lake Shore Dr."
# (espeak would say "W" as watts after a number). Not "the E Street Band" (no name between) nor
# "John W. Smith Street" (a middle initial: a name before it), nor the last letter of "U.S.
# Supreme Court".
_COMPASS = re.compile(rf"(?<![\w.])(?P<d>[NS][EW]|[NSEW])\b\.?(?={_STREET_AHEAD})")
POINTS = {"N": "North", "S": "South", "E": "East", "W": "West"}
POINTS |= {"NE": "Northeast", "NW": "Northwest", "SE": "Southeast", "SW": "Southwest"}


def _compass(m: re.Match[str]) -> str:
    before = m.string[: m.start()].split()
    if before and re.fullmatch(r"[A-Z][a-z]+", before[-1]) and before[-1].lower() not in _STARTERS:
        return m.group(0)
    return POINTS[m["d"]]


# Before a number: read first, while the number is still digits ("c. 1900", "FY2023").
_NUMBERED: list[tuple[str, str]] = [
    (r"\bca?\.(?=\s*(?:\d|A\.?D\.?\s?\d))", "circa"),  # "c. 1900", "c. AD 600"
    # A British statute's sections, "ss. 12-14" (one, "s. 47(2)", is read with its subsection)
    (r"(?<![\w.])ss\.(?=\s?\d)", "sections"),
    (r"\best\.(?=\s*\d{4}\b)", "established"),
    (r"\best\.(?=\s*[$£€¥₹]?\d)", "estimated"),  # "est. £300-500": an auction's estimate
    (r"\bFig\.(?=\s*\d)", "Figure"),
    (r"\bCat\.(?=\s*\d)", "Category"),
    (r"\bProp\.(?=\s*\d)", "Proposition"),
    (r"\bincl\.(?=\s)", "including"),
    (r"\bEff\.(?=\s*(?:\d|[A-Z][a-z]{2}))", "Effective"),  # "Eff. 4/1/24"
    (r"\beff\.(?=\s*(?:\d|[A-Z][a-z]{2}))", "effective"),  # "new rates eff. Jan 5"
    # a life's or a reign's years in a biography: "(r. 1509-1547)", "(fl. 1480s)"
    (r"(?<=\()r\.(?=\s?\d{3,4})", "reigned"),
    (r"(?<![\w.])fl\.(?=\s?\d{3,4})", "flourished"),
    (r"\bQty\b\.?", "Quantity"),
    (r"\bExp\.(?=\s*\d)", "Expires"),  # a card's or a coupon's "Exp. 09/27"
    # a timetable's "Dep. 6:05a", "Arr. 9:47p"
    (r"\bDep\.(?=\s*\d)", "Departs"),
    (r"\bArr\.(?=\s*\d)", "Arrives"),
    # "max" before a number, with or without its period: "max 3 hrs", "max. 40 guests"
    (r"(?<![\w.])max\b\.?(?=\s?\d)", "maximum"),
    (r"\bfig\.(?=\s*\d)", "figure"),
    # "2nd qtr. results" (its period inside the sentence goes too), "the 2nd qtr."
    (r"\bqtr\.(?=\s+[a-z0-9])", "quarter"),
    (r"\bqtr\b", "quarter"),
    (r"\bVol\.(?=\s*\d)", "Volume"),
    (r"\bvol\.(?=\s*\d)", "volume"),
    (r"\b[Cc]h\.(?=\s*\d)", "chapter"),
    (r"\bSec\.(?=\s*(?:\d|[IVXL]+\b))", "Section"),
    (r"\bsec\.(?=\s*\d)", "section"),
    (r"\bArt\.(?=\s*(?:\d|[IVXL]+\b))", "Article"),
    (r"\bart\.(?=\s*\d)", "article"),
    # A council's and a court's papers: "Ord. No. 2024-17", "Res. 45", "para. 14", "Amend. 5"
    (r"\bOrd\.(?=\s*(?:No\.|\d))", "Ordinance"),
    (r"\bRes\.(?=\s*(?:No\.|\d))", "Resolution"),
    (r"\b[Pp]aras\.(?=\s*\d)", "paragraphs"),
    (r"\b[Pp]ara\.(?=\s*\d)", "paragraph"),
    (r"\bAmend\.(?=\s*(?:\d|[IVXL]+\b))", "Amendment"),
    (r"\bFY\s?(?=\d{2}\b|\d{4}\b)", "fiscal year "),
    (r"\bpp\.(?=\s*\d)", "pages"),
    (r"\bp\.(?=\s*\d)", "page"),
    (r"\bNos\.(?=\s*\d)", "numbers"),
    (r"\b[Nn]o\.(?=\s*\d)", "number"),
    (r"\bp\.a\.(?=\W|$)", "a year"),  # "1.5% p.a."
    # Growth "y/y", "YoY", "q/q", "m/m": compared with the same period before.
    (r"\b(?:[yY]/[yY]|YoY|yoy)\b", "year over year"),  # as American business news says it
    (r"\b(?:[qQ]/[qQ]|QoQ|qoq)\b", "quarter over quarter"),
    (r"\b(?:m/m|M/M|MoM)\b", "month over month"),
]
# Initialisms espeak would read as a word once their dots are gone: spelled instead.
_WORDS = {"AD", "AM", "AS", "AT", "BE", "DO", "GO", "IF", "IN", "IS", "IT", "ME", "NO", "OF", "ON"}
_WORDS |= {"OR", "SO", "TO", "UP", "WE", "PO"}
_PLAN = re.compile(r"(?<![\w.])(?P<n>\d{3})\((?P<letter>[a-zA-Z])\)(?:\((?P<sub>\d{1,2})\))?")
# ... and the retirement plans written without brackets ("my 401k", "a 403b"), ahead of the
# amounts in thousands ("401k" is no $401,000)
_PLAN_GLUED = re.compile(r"(?<![\w.$£€])(?P<n>401|403|457)-?(?P<letter>[kKbB])(?P<sub>)(?!\w)")
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?!\w)")
_INITIAL = re.compile(r"(?<![\w.])([B-HJ-Z])\.(?=\s+[A-Z\U000f0000-\U000ffffd])")
# Words that begin a sentence and are no one's name: after "Main St." or "Elm Dr." they show
# that the abbreviation's period also ended the sentence ("... on Downing St. He said").
_STARTERS = frozenset(
    {"a", "an", "and", "as", "at", "but", "for", "he", "her", "his", "i", "if", "in", "it"}
    | {"its", "my", "no", "on", "our", "she", "so", "that", "the", "their", "then", "there"}
    | {"these", "they", "this", "those", "we", "when", "while", "you"}
)
# A city quadrant after a street ("1600 Pennsylvania Ave. NW"): espeak would spell "N W".
_QUADRANTS = {"NW": "Northwest", "NE": "Northeast", "SW": "Southwest", "SE": "Southeast"}
_QUADRANT = re.compile(
    r"\b(?P<street>Avenue|Street|Boulevard|Road|Drive|Place|Way|Court|Lane|Terrace|Circle)"
    r",?\s(?P<q>NW|NE|SW|SE)\b"
)
# A street's kind after its name, with its period: "Oak Ln.", "5 Fox Ct.", "Union Sq." ("Ct."
# alone is Connecticut; _street_kind checks for the name).
_KINDS = {"Ln": "Lane", "Ct": "Court", "Pl": "Place", "Sq": "Square", "Ter": "Terrace"}
_KINDS |= {"Cir": "Circle"}
_KIND = re.compile(rf"(?<=[a-z]\s)(?P<kind>{'|'.join(_KINDS)})\.(?=\s|$|,)")
_ST = re.compile(r"(?<![\w.])St\.?(?=\s|$|,)")
_DR = re.compile(r"(?<![\w.])Dr\.(?=\s|$|,)")


def _next_word(m: re.Match[str]) -> str:
    """What follows the abbreviation: "name", "starter" (a capitalised sentence opener such
    as "He" or "The") or "" (anything else)."""
    after = re.match(r"\s+([A-Z\U000f0000-\U000ffffd][\w'\u2019]*)", m.string[m.end() :])
    if not after:
        return ""
    return "starter" if after.group(1).lower() in _STARTERS else "name"


def _ends_sentence(m: re.Match[str], spoken: str) -> str:
    """`spoken` with the abbreviation's period kept when a new sentence follows it."""
    if m.group(0).endswith(".") and _next_word(m) == "starter":
        return spoken + "."
    return final(m, spoken)


def _saint_or_street(m: re.Match[str]) -> str:
    before = m.string[: m.start()].rstrip()
    words = before.split()
    prev = words[-1] if words else ""
    next_is_name = _next_word(m) == "name"
    # "42nd St.", "86th St. station"; but a house number before a saint: "12 St. Marks Place"
    numbered = bool(re.search(r"\d(?:st|nd|rd|th)$", prev)) or (
        bool(re.search(r"\d", prev)) and not next_is_name
    )
    named = len(words) > 1 and bool(re.fullmatch(r"[A-Z][a-z]+", prev))  # "on Main St."
    if numbered or (named and not next_is_name):
        return _ends_sentence(m, "Street")
    if next_is_name:
        return "Saint"  # "St. Louis", "on St. Patrick's Day"
    return final(m, "Street") if m.group(0).endswith(".") else m.group(0)


def _street_kind(m: re.Match[str]) -> str:
    words = m.string[: m.start()].split()
    named = len(words) > 1 and bool(re.fullmatch(r"[A-Z][a-z]+", words[-1]))
    if not named or words[-1].lower() in _STARTERS or _next_word(m) == "name":
        return m.group(0)
    return _ends_sentence(m, _KINDS[m["kind"]])


def _doctor_or_drive(m: re.Match[str]) -> str:
    before = m.string[: m.start()].rstrip()
    if _next_word(m) == "name" or not before:
        return "Doctor"
    if re.search(r"[A-Z][a-z]+$", before):
        return _ends_sentence(m, "Drive")
    return final(m, "Doctor")


def _dotted(m: re.Match[str]) -> str:
    letters = m.group(1).replace(".", "")
    if letters.upper() in _WORDS:
        # joined by hyphens: espeak says "A D" as "uh D", "A-D" as two letters
        return final(m, "-".join(letters.upper()))
    # "U.S." -> "US": espeak spells an all-capitals word it does not know, inside a sentence
    return final(m, letters.upper() if len(letters) > 1 else letters)


def _plan(m: re.Match[str]) -> str:
    """ "401(k)" -> "four oh one K", "457(b)" -> "four fifty-seven B", as plans are named."""
    first, rest = m.group("n")[0], int(m.group("n")[1:])
    number = f"{cardinal(int(first))} {'oh ' + cardinal(rest) if rest < 10 else cardinal(rest)}"
    sub = f" {cardinal(int(m.group('sub')))}" if m.group("sub") else ""
    return f"{number} {m.group('letter').upper()}{sub}"


# A direction from a place after a distance: "40 km NE of the city", "12 miles SSW of Tulsa".
_POINT_NAMES = {k: v.lower() for k, v in POINTS.items() if len(k) == 1}
_BEARING = re.compile(
    r"(?P<unit>\b(?:kilometers|kilometer|miles|mile|meters|feet|km|mi)\s)(?P<d>[NSEW]{1,3})"
    r"(?=\s+of\b)"
)


def _bearing(m: re.Match[str]) -> str:
    return m["unit"] + _bearing_name(m["d"])


# A wind's direction: "winds NW at 10 to 15 mph", "Winds: SSE 5-10 mph", "NW winds 10-20 mph",
# "wind from the SW" (espeak says "N double-u").
_WIND = re.compile(
    r"(?P<before>\b[Ww]inds?:?\s(?:(?:will\s)?(?:be|are|were|is|was|from|out\sof|turning)\s)?"
    r"(?:the\s)?)(?P<d>[NSEW]{1,3})\b(?=\s(?:at\s)?\d|\s(?:winds?|breeze|gusts?)\b|[.,;])"
    r"|(?P<d2>\b[NSEW]{1,3})(?=\s(?:winds?|breeze)\b)"
)


def _wind(m: re.Match[str]) -> str:
    return (m["before"] or "") + _bearing_name(m["d"] or m["d2"])


def _bearing_name(letters: str) -> str:
    if len(letters) == 3:  # "SSW": "south-southwest"
        return f"{_POINT_NAMES[letters[0]]}-{_bearing_pair(letters[1:])}"
    return _bearing_pair(letters) if len(letters) == 2 else _POINT_NAMES[letters]


def _bearing_pair(two: str) -> str:
    return "".join(_POINT_NAMES[c] for c in two)


# ... and after them, as Canadian and Utah addresses write it: "45 Queen St W", "King St. E."
_KIND_NAMES = {"St": "Street", "Ave": "Avenue", "Rd": "Road", "Blvd": "Boulevard", "Dr": "Drive"}
_COMPASS_AFTER = re.compile(
    r"(?<=[a-z]\s)(?P<kind>St|Ave|Rd|Blvd|Dr)\.?\s(?P<d>[NSEW])\b\.?(?=\s*(?:[,;)]|$))"
)


def _compass_after(m: re.Match[str]) -> str:
    if not re.search(r"\b[A-Z][a-z]+\s$", m.string[: m.start()]):
        return m.group(0)  # "the first st W": no street's name before it
    return final(m, f"{_KIND_NAMES[m['kind']]} {POINTS[m['d']]}")


# A numbered street without its ordinal, as New York's subway signs write it: "86 St" is
# "86th Street" (not before a name: "12 St. Marks Place" is a house on St. Marks).
_BARE_NUMBERED = re.compile(
    r"(?<![\w.,$#-])(?P<n>\d{1,3})\s(?=(?:St|Ave|Street|Avenue)\b(?!\.?\s*[A-Z][a-z]))"
)

ADDRESS: list[Rule] = [
    (_BARE_NUMBERED, lambda m: f"{ordinal(int(m['n']))} "),
    *[(re.compile(p), abbreviation(s)) for p, s in _ADDRESS],
    (_COMPASS, _compass),
    (_COMPASS_AFTER, _compass_after),
    (_BEARING, _bearing),
    (_WIND, _wind),
]
# A numbered paper's year and its number: "No. 2024-17" is "number twenty twenty-four dash
# seventeen" (not the range "2024 to 17").
_YEAR_NUMBERED = re.compile(
    r"\b(?P<no>[Nn]o\.|[Nn]umber)\s?(?P<y>(?:19|20)\d\d)-(?P<n>\d{1,4})(?![\w-]|[.,]\d)"
)


def _year_numbered(m: re.Match[str]) -> str:
    return f"number {year(int(m['y']))} dash {m['n']}"


# A court's docket number: "No. 22-1145" is "number twenty-two eleven forty-five", "No.
# 23-CR-0417" "number twenty-three C-R oh four one seven" (not a range, not a year).
_DOCKET = re.compile(
    r"\b(?P<no>[Nn]o\.|[Nn]umber)\s?(?P<y>\d{2})-(?:(?P<l>[A-Z]{1,3})-)?(?P<n>\d{3,5})(?![\w-]|[.,]\d)"
)


def _docket(m: re.Match[str]) -> str:
    n = m["n"]
    said = digits(n) if n[0] == "0" or len(n) == 5 else year(int(n))
    letters = f" {'-'.join(m['l'])}" if m["l"] else ""
    return f"number {cardinal(int(m['y']))}{letters} {said}"


NUMBERED: list[Rule] = [
    *[(re.compile(p), abbreviation(s)) for p, s in _NUMBERED],
    (_YEAR_NUMBERED, _year_numbered),
    (_DOCKET, _docket),
    (_PLAN_GLUED, _plan),
]
RULES: list[Rule] = [
    (_PLAN, _plan),
    *[(re.compile(p), abbreviation(s)) for p, s in _ABBREVIATIONS],
    *titles.RULES,
    (_DR, _doctor_or_drive),
    (_ST, _saint_or_street),
    (_KIND, _street_kind),
    (_DOTTED, _dotted),
    (_INITIAL, lambda m: m.group(1)),
    (_QUADRANT, lambda m: f"{m['street']} {_QUADRANTS[m['q']]}"),
]
