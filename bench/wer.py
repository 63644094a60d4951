"""Word error rate for the intelligibility bench: one normalizer for reference and hypothesis.

The reference is the article as written ("Gov. Holloway", "$1.5 billion", "Feb. 10, 2022");
the hypothesis is what Whisper wrote down ("Governor Holloway", "$1.5 billion",
"February 10th, 2022"). Both go through the same `normalize()`, which turns written
conventions into the words a newsreader would say, so that a formatting difference is not
counted as a mistake and a misheard word is:

    "Gov."          -> governor
    "Feb. 10, 2022" -> february tenth twenty twenty two
    "$1.5 billion"  -> one point five billion dollars
    "Rs 300 crore"  -> three hundred crore rupees
    "4%"            -> four percent
    "11:40 p.m."    -> eleven forty p m
    "$15 to $20"    -> fifteen dollars to twenty dollars ("15-20" reads "fifteen to twenty")
    "don't"         -> do not            "well-known"    -> well known

`word_errors()` is a plain Levenshtein alignment on word lists; `wer()` divides by the
reference length. Corpus figures add errors and reference words over articles
(`Errors.__add__`), they do not average per-article rates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from num2words import num2words

__all__ = ["Errors", "collapse_loops", "normalize", "wer", "word_errors"]


def _split(words: str) -> list[str]:
    return words.split()


MONTHS = _split(
    "january february march april may june july august september october november december"
)

# Written abbreviations -> spoken words. Matched case-sensitively, with their period.
ABBREVIATIONS = {
    "Jan.": "January",
    "Feb.": "February",
    "Mar.": "March",
    "Apr.": "April",
    "Aug.": "August",
    "Sept.": "September",
    "Sep.": "September",
    "Oct.": "October",
    "Nov.": "November",
    "Dec.": "December",
    "Gov.": "Governor",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Lt.": "Lieutenant",
    "Gen.": "General",
    "Sgt.": "Sergeant",
    "Capt.": "Captain",
    "Prof.": "Professor",
    "Dr.": "Doctor",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "vs.": "versus",
    "Corp.": "Corporation",
    "Inc.": "Incorporated",
    "Co.": "Company",
    "Ltd.": "Limited",
    # AP-style state abbreviations that are not also ordinary words.
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "Md.": "Maryland",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}
# Month abbreviations without their period, before a day: "Jan 1".
MONTHS_BEFORE_DAY = {
    "Jan": "January",
    "Feb": "February",
    "Aug": "August",
    "Sept": "September",
    "Sep": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
# Without a period these are still unambiguous before a capitalized name ("Dr Smith", "St James").
TITLES_BEFORE_NAME = {
    "Dr": "Doctor",
    "Mr": "Mister",
    "Mrs": "Missus",
    "St": "Saint",
    "St.": "Saint",
    "Gov": "Governor",
    "Sen": "Senator",
}
PARTIES = {"R": "Republican", "D": "Democrat", "I": "Independent"}
STATES = [
    *_split(
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
        "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts "
        "Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon "
        "Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming"
    ),
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
]

CURRENCIES = [  # (written prefix, spoken name plural, singular); longest prefixes first
    ("HK$", "Hong Kong dollars", "Hong Kong dollar"),
    ("US$", "dollars", "dollar"),
    ("A$", "Australian dollars", "Australian dollar"),
    ("C$", "Canadian dollars", "Canadian dollar"),
    ("$", "dollars", "dollar"),
    ("£", "pounds", "pound"),
    ("€", "euros", "euro"),
    ("¥", "yen", "yen"),
    ("₹", "rupees", "rupee"),
    ("Rs.", "rupees", "rupee"),
    ("Rs", "rupees", "rupee"),
]
SCALES = {
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
    "crore": "crore",
    "lakh": "lakh",
    "k": "thousand",
    "m": "million",
    "bn": "billion",
    "tn": "trillion",
}

# Spelling variants Whisper may choose differently from the article: mapped to one form.
SPELLINGS = {
    "ok": "okay",
    "centre": "center",
    "centres": "centers",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "millimetre": "millimeter",
    "millimetres": "millimeters",
    "programme": "program",
    "programmes": "programs",
    "labour": "labor",
    "defence": "defense",
    "favour": "favor",
    "colour": "color",
    "cancelled": "canceled",
    "travelling": "traveling",
    "organisation": "organization",
    "organisations": "organizations",
    "analyse": "analyze",
    "ny": "new york",
    "km": "kilometers",
    "mm": "millimeters",
    "kph": "kilometers per hour",
    "mph": "miles per hour",
}
FILLERS = {"uh", "um", "hmm", "mhm", "er", "ah"}

CONTRACTIONS = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "who's": "who is",
    "he's": "he is",
    "she's": "she is",
    "where's": "where is",
    "how's": "how is",
    "y'all": "you all",
}
CONTRACTION_SUFFIXES = (
    ("n't", " not"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'ll", " will"),
    ("'m", " am"),
    ("'d", " would"),
)

NUMBER_WORDS = set(
    _split(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety hundred thousand million billion trillion lakh crore point"
    )
)
_DIGIT_WORDS = _split("zero one two three four five six seven eight nine")

_NUM = r"\d+(?:\.\d+)?"


def _cardinal(digits: str) -> str:
    """'1.50' -> 'one point five zero'; '2022' -> 'two thousand and twenty-two'."""
    whole, _, frac = digits.partition(".")
    if len(whole) > 15:  # not a quantity (a decoder loop of zeros, a serial number): digit by digit
        words = " ".join(_DIGIT_WORDS[int(d)] for d in whole)
    else:
        words = num2words(int(whole)) if whole else "zero"
    if frac:
        words += " point " + " ".join(_DIGIT_WORDS[int(d)] for d in frac)
    return words


def _number(digits: str) -> str:
    """Years as years (1100-2099 with no comma or decimals), everything else as a cardinal."""
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", digits):
        return num2words(int(digits), to="year")
    return _cardinal(digits)


def _plural(words: str) -> str:
    """'twenty thirty' -> 'twenty thirties' (decades), 'two thousand' -> 'two thousands'."""
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return f"{head} {last}".strip()


def _currency(text: str) -> str:
    prefixes = "|".join(re.escape(p) for p, _, _ in CURRENCIES)
    scales = "|".join(sorted(SCALES, key=len, reverse=True))
    amount = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    pattern = re.compile(rf"(?<![A-Za-z])({prefixes})\s?({amount})(?:\s?({scales})\b)?")
    names = {p: (plural, single) for p, plural, single in CURRENCIES}

    def spoken(m: re.Match[str]) -> str:
        plural, single = names[m.group(1)]
        amount, scale = m.group(2).replace(",", ""), m.group(3)
        name = single if amount == "1" and not scale else plural
        scale_word = f" {SCALES[scale]}" if scale else ""
        return f" {_cardinal(amount)}{scale_word} {name} "

    # "300 rupees" / "6.2 billion yuan" are already in spoken order.
    return pattern.sub(spoken, text)


def _times(text: str) -> str:
    def clock(hour: str, minute: str | None) -> str:
        words = num2words(int(hour))
        if minute and minute != "00":
            words += " " + (
                "oh " + num2words(int(minute)) if minute[0] == "0" else num2words(int(minute))
            )
        return words

    meridiem = r"\s?([ap])\.?\s?m\b\.?"
    text = re.sub(
        rf"\b(\d{{1,2}})(?:[:.](\d{{2}}))?{meridiem}",
        lambda m: f" {clock(m.group(1), m.group(2))} {m.group(3).lower()} m ",
        text,
        flags=re.IGNORECASE,
    )
    return re.sub(r"\b(\d{1,2}):(\d{2})\b", lambda m: f" {clock(m.group(1), m.group(2))} ", text)


def _dates(text: str) -> str:
    """'February 10' / 'February 10th' -> 'February tenth' (the day is said as an ordinal)."""
    months = "|".join(m.capitalize() for m in MONTHS)
    return re.sub(
        rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![.:]\d)",
        lambda m: f"{m.group(1)} {num2words(int(m.group(2)), to='ordinal')}",
        text,
    )


def _numbers(text: str) -> str:
    text = re.sub(r"(\d)\s?%", r"\1 percent", text)
    text = re.sub(r"\bper cent\b", "percent", text, flags=re.IGNORECASE)
    text = re.sub(rf"({_NUM})\s?-\s?(?=\d)", r"\1 to ", text)  # ranges, votes: 14-8
    text = re.sub(
        r"\b(\d+)(st|nd|rd|th)\b", lambda m: f" {num2words(int(m.group(1)), to='ordinal')} ", text
    )
    text = re.sub(r"\b(\d*0)'?s\b", lambda m: f" {_plural(_number(m.group(1)))} ", text)  # 1990s
    text = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", text)  # ZL7, 4G
    # Thousands separators: a comma-grouped number is a count, never a year.
    text = re.sub(
        r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b",
        lambda m: f" {_cardinal(m.group(0).replace(',', ''))} ",
        text,
    )
    return re.sub(r"\d+(?:\.\d+)?", lambda m: f" {_number(m.group(0))} ", text)


def _abbreviations(text: str) -> str:
    for written, spoken in sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<![\w.]){re.escape(written)}(?!\w)", spoken, text)
    for written, spoken in TITLES_BEFORE_NAME.items():
        text = re.sub(rf"(?<![\w.]){re.escape(written)}(?= [A-Z])", spoken, text)
    for written, spoken in MONTHS_BEFORE_DAY.items():
        text = re.sub(rf"\b{written}(?= \d)", spoken, text)
    text = re.sub(r"\bNo\.\s?(?=\d)", "number ", text)
    # Party and state: "(R-Texas)", "R-Texas" -> "Republican of Texas".
    states = "|".join(sorted(STATES, key=len, reverse=True))
    text = re.sub(
        rf"\(?\b([RDI])-({states})\b\)?", lambda m: f" {PARTIES[m.group(1)]} of {m.group(2)} ", text
    )
    # Dotted initialisms: "U.S." and "US" are the same word; so are "p.m." and "pm".
    text = re.sub(r"\b((?:[A-Za-z]\.){2,})", lambda m: m.group(1).replace(".", "") + " ", text)
    return text.replace("&", " and ").replace("@", " at ")


def _words(text: str) -> list[str]:
    text = text.lower()
    out: list[str] = []
    for raw in re.findall(r"[a-z0-9']+", text):
        word = raw.strip("'")
        if word in CONTRACTIONS:
            out.extend(CONTRACTIONS[word].split())
            continue
        for suffix, spoken in CONTRACTION_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)] + spoken
                break
        word = re.sub(r"(?<=s)'s$", "", word)  # James's -> James (as Whisper often writes it)
        for w in word.replace("'", "").split():
            if w in FILLERS:
                continue
            out.extend(SPELLINGS.get(w, w).split())
    # "one hundred and twenty" == "one hundred twenty": drop "and" inside a number.
    return [
        w
        for i, w in enumerate(out)
        if not (
            w == "and"
            and 0 < i < len(out) - 1
            and out[i - 1] in NUMBER_WORDS
            and out[i + 1] in NUMBER_WORDS
        )
    ]


def normalize(text: str) -> list[str]:
    """Written English -> the list of words a newsreader would say (lower case, no punctuation)."""
    text = unicodedata.normalize("NFKC", text)
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2014", " ")
        .replace("\u2013", "-")
    )
    text = re.sub(r"\bkm/h\b", " kilometers per hour ", text)
    # Whisper-base quirks, never valid writing: "$$500", "$1.34,000", "$1.36.2 billion".
    text = re.sub(r"\$+", "$", text)
    text = re.sub(r"\$1\.(?=\d{1,3}(?:,\d{3})+\b|\d+\.\d)", "$", text)
    text = _abbreviations(text)
    text = _currency(text)
    text = _times(text)
    text = _dates(text)
    text = _numbers(text)
    text = re.sub(r"(?<=\w)[-/](?=\w)", " ", text)  # well-known, km/h
    return _words(text)


def collapse_loops(words: list[str], max_phrase: int = 60) -> tuple[list[str], int]:
    """Cut decoder loops ("london london london ...", a sentence over and over) short.

    Whisper without temperature fallback can get stuck repeating a word or a phrase for the
    rest of a 30 s window; counted as is, one such loop gives a WER far above 100% that says
    more about the decoder than about the voice. A phrase of up to 4 words repeated back to
    back 4 times or more is cut to 2 times; a phrase of 5 to `max_phrase` words said twice
    or more in a row (which news copy never does) is kept once. Returns the words and how
    many were removed.
    """
    out: list[str] = []
    removed = i = 0
    while i < len(words):
        for n in range(1, max_phrase + 1):
            gram = words[i : i + n]
            if len(gram) < n:
                break
            runs = 1
            while words[i + runs * n : i + (runs + 1) * n] == gram:
                runs += 1
            short = n <= 4
            if runs >= (4 if short else 2):
                keep = 2 if short else 1
                out.extend(gram * keep)
                removed += (runs - keep) * n
                i += runs * n
                break
        else:
            out.append(words[i])
            i += 1
            continue
        if len(gram) < n:  # no loop starts here
            out.append(words[i])
            i += 1
    return out, removed


@dataclass(frozen=True)
class Errors:
    """Edit counts of one alignment (or a sum of several)."""

    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0
    reference_words: int = 0

    @property
    def edits(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        if self.reference_words == 0:
            return 0.0 if self.edits == 0 else 1.0
        return self.edits / self.reference_words

    def __add__(self, other: Errors) -> Errors:
        return Errors(
            self.substitutions + other.substitutions,
            self.deletions + other.deletions,
            self.insertions + other.insertions,
            self.reference_words + other.reference_words,
        )


def word_errors(reference: list[str], hypothesis: list[str]) -> Errors:
    """Minimum-edit (Levenshtein) alignment of two word lists, counted by edit kind.

    Among alignments with the fewest edits, prefers substitutions over a deletion plus an
    insertion, as the usual WER tools do.
    """
    # Each cell holds (edits, substitutions, deletions, insertions); tuples compare by edits first.
    prev = [(j, 0, 0, j) for j in range(len(hypothesis) + 1)]
    for i, ref_word in enumerate(reference, 1):
        cur = [(i, 0, i, 0)]
        for j, hyp_word in enumerate(hypothesis, 1):
            e, s, d, n = prev[j - 1]
            diag = (e, s, d, n) if ref_word == hyp_word else (e + 1, s + 1, d, n)
            e, s, d, n = prev[j]
            up = (e + 1, s, d + 1, n)
            e, s, d, n = cur[j - 1]
            left = (e + 1, s, d, n + 1)
            cur.append(min(diag, up, left, key=lambda c: (c[0], -c[1])))
        prev = cur
    _, s, d, n = prev[-1]
    return Errors(s, d, n, len(reference))


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of `hypothesis` against `reference`, both normalized with `normalize()`."""
    return word_errors(normalize(reference), normalize(hypothesis)).wer
