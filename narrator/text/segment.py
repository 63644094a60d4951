"""Split a paragraph into sentences the engine reads one at a time.

pysbd does the splitting (it is maintained and knows most abbreviations); on top of it we fix
what it gets wrong on news text, and cut sentences too long to hand to an engine in one go.
"""

# ruff: noqa: RUF001 - typographic closing quotes and dashes are matched on purpose

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from narrator.text import zones

# pysbd builds a pattern per abbreviation it knows, on every paragraph: more distinct patterns
# than `re` keeps compiled (512), so each paragraph compiled them all again (two thirds of a
# narration's planning time, measured). A larger cache keeps them compiled once per process.
_PATTERNS_KEPT = 8192
if getattr(re, "_MAXCACHE", _PATTERNS_KEPT) < _PATTERNS_KEPT:
    setattr(re, "_MAXCACHE", _PATTERNS_KEPT)  # noqa: B010 - a private knob, set only if there

# An engine call per sentence: keep each one short enough to start speaking quickly and to
# cache well. Longer sentences are cut at ; then dashes then commas (then spaces, as a last resort).
MAX_SENTENCE_CHARS = 400

# Abbreviations that never end a sentence in news copy: a split right after one is wrong.
# Case matters ("Gen." is a title, "gen." is not); "St." and "Jr." can end one, so are absent.
_NEVER_FINAL = {
    "incl",
    "Adm",
    "approx",
    "Approx",
    "Atty",
    "Capt",
    "Cmdr",
    "Col",
    "Cpl",
    "Dr",
    "e.g",
    "Fig",
    "fig",
    "Gen",
    "Gov",
    "Hon",
    "i.e",
    "Lt",
    "Maj",
    "Mr",
    "Mrs",
    "Ms",
    "Mt",
    "Ft",
    "Pres",
    "Prof",
    "Rep",
    "Reps",
    "Rev",
    "Sen",
    "Sens",
    "Sgt",
    "Supt",
    "Const",
    "Cllr",
    "Insp",
    "vs",
    "Vs",
}
# "No." ends plenty of sentences; it is "number" only before a digit.
_BEFORE_DIGIT = {"No", "Nos", "no", "Vol", "vol", "p", "pp", "ch", "Ch", "Sec", "sec", "Art"}
_BEFORE_DIGIT |= {"c", "ca", "est", "Fig", "fig", "Cat", "Prop", "approx", "Approx"}
# A council's, a court's and a constitution's parts: "Ord. No. 17", "para. 14", "Art. I".
_BEFORE_DIGIT |= {"Ord", "Res", "para", "Para", "paras", "Amend", "art", "ss"}
# "s. 47(2)": a British statute's section, where a subsection follows its number
_SUBSECTION = re.compile(r"\d{1,4}[A-Z]?\((?:\d{1,3}|[a-z])\)")
# "c. AD 600": circa before a year of the era
_ERA_YEAR = re.compile(r"A\.?D\.?\s?\d")
_BEFORE_NUMBERED = {"Ord", "Res", "Art", "Sec", "Amend"}
_NUMBERED = re.compile(r"No\.\s?\d|[IVXL]+\b(?!\.)")
_RULE_CITATION = re.compile(r"\bFed\.(?:\s?R\.)?(?:\s?(?:Civ|Crim|App)\.)?$")
_RULE_CITATION_GOES_ON = re.compile(r"(?:R\.|Civ\.|Crim\.|App\.|Evid\.|P\.\s?\d)")
# An address's parts: "Apt. 4", "Ste. 200", "Rte. 9".
_BEFORE_DIGIT |= {"Apt", "apt", "Ste", "Bldg", "Rte", "Rt", "Rm", "Hwy"}
_BEFORE_DIGIT |= {"max", "Max", "min", "Min"}  # a limit: "max. 40 guests", "min. 5 yrs"
_NEVER_FINAL |= {"Eff", "eff"}  # "Eff. 4/1/24", "new rates eff. Jan 5": effective
_BEFORE_DIGIT |= {"Dep", "Arr"}  # a timetable's "Dep. 6:05a", "Arr. 9:47p"
_BEFORE_DIGIT |= {"lb", "lbs", "ft"}  # a measure's second part: "9 lb. 6 oz.", "6 ft. 2 in."
# "Mar. 2024", "Sept. 15": an abbreviated month before a year or a day.
_BEFORE_DIGIT |= {
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
}
# "Sat. 9 a.m.", "Thu. 5 June", "Fri. Sept. 12": an abbreviated weekday before a time or a date.
_WEEKDAYS = {"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"}
_BEFORE_DIGIT |= _WEEKDAYS
_MONTH_DAY = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
# AP style writes "3 p.m. Tuesday": a clock time is followed by its day, not a new sentence.
_AFTER_CLOCK = re.compile(
    r"(Mon|Tues?|Wed(nes)?|Thu(rs)?|Fri|Sat(ur)?|Sun)(day)?\b|"
    rf"{_MONTH_DAY}|"
    rf"({zones.ANY})\b|"
    # its zone by name: "4:45 a.m. Pacific time", "9 p.m. Eastern"
    rf"({'|'.join(zones.NAMES)})\b(?!\s+[A-Z])|"
    # or a place's time: "4 p.m. UK time", "9 a.m. Paris time"
    r"[A-Z][\w.]*\s+time\b"
)
_STREETS = {"Ave", "St", "Blvd", "Rd", "Dr", "Pl", "Ct", "Ln", "Ter"}
_QUADRANT = re.compile(r"(?:NW|NE|SW|SE)\b")
_LAST_WORD = re.compile(r"([\w.]+)\.\s*$")
_CLOSERS = "\"'”’»)]"
_APOSTROPHE_YEAR = re.compile(r"['\u2019]\d\d\b")  # "'98": an apostrophe that opens a year
# pysbd languages (its README); others are split with the English rules.
_PYSBD_LANGUAGES = {
    "am",
    "ar",
    "bg",
    "da",
    "de",
    "el",
    "en",
    "es",
    "fa",
    "fr",
    "hi",
    "hy",
    "it",
    "ja",
    "kk",
    "mr",
    "my",
    "nl",
    "pl",
    "ru",
    "sk",
    "ur",
    "zh",
}


def base_language(language: str) -> str:
    """ "en" for "en", "en-US" or "en_gb": the language whatever its region."""
    return language.lower().replace("_", "-").split("-")[0]


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    code = base_language(language)
    return pysbd.Segmenter(language=code if code in _PYSBD_LANGUAGES else "en", clean=False)


# English text pysbd cannot split: no sentence punctuation before its end (a closing ")" starts
# its list items, a quote before a capital ends a sentence) and no character outside Latin,
# dashes and quotes (pysbd's own placeholders are among those). Most sentences are such text
# when `normalize` splits them again, and pysbd costs ~0.3 ms each; identical results on 52,000
# sentences and windows of the bench and test texts and 600,000 random strings of tricky tokens.
_MAY_SPLIT = re.compile(r"[.!?)]|[\"'”]\s[A-Z]|[^\x20-\x7e\u00a0-\u017f\u2010-\u201f]")
_FINAL = re.compile(r"[.!?]?[\"'”’»)\]]*$")


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """The sentences of `paragraph`, stripped, none empty, none over ~MAX_SENTENCE_CHARS."""
    text = " ".join(paragraph.split())
    if not text:
        return []
    if base_language(language) == "en" and not _may_split(text):
        return _cut(text)
    pieces = [p.strip() for p in _segmenter(language).segment(text)]
    merged: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if merged and _continues(merged[-1], piece, language):
            closing = piece[0] in _CLOSERS and not _APOSTROPHE_YEAR.match(piece)
            glue = "" if closing or piece[0] in ",;:-/" else " "
            merged[-1] = f"{merged[-1]}{glue}{piece}"
        else:
            merged.append(piece)
    return [short for sentence in merged for short in _cut(sentence)]


def _may_split(text: str) -> bool:
    final = _FINAL.search(text)
    return bool(_MAY_SPLIT.search(text, 0, final.start() if final else len(text)))


def _continues(previous: str, piece: str, language: str = "en") -> bool:
    """Whether pysbd split `piece` off `previous` by mistake."""
    # A closing quote, bracket or comma left at the start of the next piece belongs to the
    # previous one ("D-Conn., said").
    if piece[0] in ",;:" or (piece[0] in _CLOSERS and (len(piece) == 1 or not piece[1].isalnum())):
        return True
    # English news never starts a sentence with a dash: "CHARLESTON, W.Va. — Gov. ..." is a
    # dateline split after its state. (French and Spanish open lines of dialogue with one.)
    if piece[0] in "—–" and language.lower().startswith("en"):
        return True
    # Nor with a hyphen against a word: "Open Mon.-Fri." split after "Mon."; nor with a slash,
    # "2 in./hr." split after "in.".
    if piece[0] in "-/" and len(piece) > 1 and piece[1].isalnum():
        return True
    # Nor with an ampersand: "Live music Fri. & Sat." split after "Fri."
    if piece[0] == "&":
        return True
    # Sentences start with a capital, a digit or an opening quote; a lower-case start means the
    # split was after an abbreviation ("3 p.m. on Tuesday", "Acme Corp. said").
    if piece[0].islower():
        return True
    m = _LAST_WORD.search(previous)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in ("a.m", "p.m") and _AFTER_CLOCK.match(piece):
        return True
    if word in _STREETS and _QUADRANT.match(piece):
        return True  # "1600 Pennsylvania Ave. NW in Washington"
    if word in ("ft", "feat") and not re.search(r"\d\s*(?:ft|feat)\.\s*$", previous):
        return True  # "Run" ft. Drake: featuring; "6 ft." can end a sentence
    if word in _BEFORE_NUMBERED and _NUMBERED.match(piece):
        return True  # "Art. I, Sec. 8", "Ord. No. 2024-17"
    if _RULE_CITATION.search(previous) and _RULE_CITATION_GOES_ON.match(piece):
        return True  # "Fed. R. Civ. P. 11": a rule of procedure cited, one abbreviation a word
    if (word == "s" and _SUBSECTION.match(piece)) or (
        word in ("c", "ca") and _ERA_YEAR.match(piece)
    ):
        return True
    # "Oct. '98": a clipped year after a month goes on as a digit does
    # ... and so does an amount: "est. £300-500"
    digit_next = (
        piece[0].isdigit()
        or bool(_APOSTROPHE_YEAR.match(piece))
        or (piece[:1] in "$£€¥₹" and piece[1:2].isdigit())
    )
    dated = word in _WEEKDAYS and bool(re.match(_MONTH_DAY, piece))
    return word in _NEVER_FINAL or (word in _BEFORE_DIGIT and digit_next) or dated


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    for pattern in (r"(?<=;)\s+", r"(?<=[—–])\s*|(?<=\s--)\s+", r"(?<=,)\s+", r"\s+"):
        parts = [p for p in re.split(pattern, sentence) if p.strip()]
        if len(parts) > 1:
            return [short for piece in _pack(parts) for short in _cut(piece)]
    # One unbreakable token longer than the limit: hand it over whole rather than mid-word.
    return [sentence]


def _pack(parts: list[str]) -> list[str]:
    """Join consecutive parts greedily while they fit, so cuts happen only where needed."""
    packed: list[str] = []
    for part in parts:
        if packed and len(packed[-1]) + 1 + len(part) <= MAX_SENTENCE_CHARS:
            packed[-1] = f"{packed[-1]} {part}"
        else:
            packed.append(part)
    return packed
