"""Technical forms: software versions ("v2.3.1", "Python 3.12"), network addresses
("192.168.1.1", "IPv6"), video resolutions ("1080p"), web errors ("a 404 error"), programming
languages ("C++", "C#"), and model or bill numbers after a capitalized designator ("RTX 4090",
"SB 1047", "H.R. 3684"), which are said in pairs like a year.

espeak reads "2.3.1" as a date or a sum, "192.168.1.1" as one long decimal, "C++" as "C", and
"4090" as "four thousand ninety".
"""

from __future__ import annotations

import re

from narrator.text.normalize.attributive import plural_after
from narrator.text.normalize.dates import DATE_BEFORE
from narrator.text.normalize.spoken import Rule, cardinal, digits, plural, year

# Software and standards whose numbers are versions: "Python 3.12" is "three point twelve".
_SOFTWARE = (
    r"Python|Java|PHP|Ruby|Perl|Rust|Kotlin|Swift|Node(?:\.js)?|Django|Rails|React|Angular|Vue"
    r"|iOS|iPadOS|macOS|OS\sX|watchOS|Android|Windows|Linux|Ubuntu|Debian|Fedora|Chrome|Firefox"
    r"|Safari|Bluetooth|USB|Wi-Fi|HTML|HTTP|TLS|SSL|PostgreSQL|MySQL|Redis|Kubernetes|Docker"
    r"|Unity|Photoshop|Excel|Office|Xcode|GPT|Llama|Gemini|Claude|Firmware|firmware|WordPress"
    r"|Patch|patch|Update|Build|build|Release"
)
_VERSION = re.compile(
    rf"(?:(?P<v>\b[vV])|\b(?P<word>[Vv]ersion|[Vv]er\.|{_SOFTWARE})\s)"
    r"(?P<n>\d+(?:\.\d+){0,3})(?P<tail>[a-z]?)(?!\w|\.\d)"
)
# Three parts of one to three digits, not a date ("12.03.24" has two-digit parts only).
_DOTTED_VERSION = re.compile(r"(?<![\w.$£€¥-])(?P<n>\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w%]|\.\d)")


def _part(written: str) -> str:
    if written == "0":
        return "oh"
    return ("oh " if written.startswith("0") else "") + cardinal(int(written))


def _parts(number: str) -> str:
    """ "2.3.1" -> "two point three point one", "3.12" -> "three point twelve", "1.0" ->
    "one point oh", "0.2" -> "zero point two"."""
    first, *rest = number.split(".")
    return " point ".join([cardinal(int(first)), *(_part(p) for p in rest)])


def _version(m: re.Match[str]) -> str:
    if (
        m["v"]
        and "." not in m["n"]
        and (m["v"] == "V" or m.string[max(0, m.start() - 1) : m.start()] in ("-", "/"))
    ):
        return m.group(0)  # "V8", "the V2 rocket", "A-v2": a name, not a version
    head = "version " if m["v"] else f"{m['word']} "
    if m["word"] and "." not in m["n"]:
        return m.group(0)  # "Windows 11", "Python 3": a plain number reads right already
    tail = f" {m['tail']}" if m["tail"] else ""
    return f"{head}{_parts(m['n'])}{tail}"


def _dotted_version(m: re.Match[str]) -> str:
    parts = m["n"].split(".")
    if all(len(p) == 2 for p in parts) or DATE_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)  # "12.03.24", "on 7.15.24": a date, the dates' to read
    return _parts(m["n"])


# An IPv4 address: four parts of 0-255, read digit by digit with "dot", as a technician reads it.
_IP = re.compile(r"(?<![\w.])(?P<ip>(?:\d{1,3}\.){3}\d{1,3})(?!\w|\.\d)(?::(?P<port>\d{2,5}))?")


def _ip(m: re.Match[str]) -> str:
    parts = m["ip"].split(".")
    if any(int(p) > 255 for p in parts):
        return m.group(0)
    spoken = " dot ".join(
        " ".join("zero" if d == "0" else cardinal(int(d)) for d in p) for p in parts
    )
    return f"{spoken} port {m['port']}" if m["port"] else spoken


_IP_VERSION = re.compile(r"\bIPv(?P<n>[46])\b")

# A video resolution: "1080p", "720p", "4K" is already read right.
_RESOLUTION = re.compile(r"(?<![\w.])(?P<n>360|480|576|720|1080|1440|2160|4320)(?P<s>[pi])\b")

# A web server's status: "a 404 error", "HTTP 503": "four oh four", but "a 500 error" is "five
# hundred".
_STATUS = re.compile(
    r"(?P<http>\bHTTP\s)?(?<![\w.,$])(?P<n>[45]\d\d)\b(?![.,]\d)"
    r"(?(http)|(?=\s(?:error|errors|page|pages|status|code|codes|response|responses)\b))"
)


def _status(m: re.Match[str]) -> str:
    n = m["n"]
    spoken = f"{cardinal(int(n[0]))} hundred" if n[1:] == "00" else digits(n)
    return f"{m['http'] or ''}{spoken}"


# "C++", "C#", "F#" (and the notes "C#", "F#": said the same).
_PLUS_PLUS = re.compile(r"\b(?P<l>[A-Z])\+\+(?!\w)")
_SHARP = re.compile(r"(?<![\w#])(?P<l>[A-G])#(?![\w#])")

# A capitalized designator and a four-digit number: a model ("RTX 4090", "GTX 1080"), a bill
# ("SB 1047", "HB 1234", "H.R. 3684", "AB 5"): said in pairs like a year, "forty ninety". Not a
# currency or a standard ("USD 1500", "ISO 9001": amounts and names said whole), nor before a
# plural noun ("NFL 2000 yards").
_CURRENCIES = "USD EUR GBP JPY CHF CAD AUD NZD CNY RMB INR HKD SGD KRW SEK NOK DKK ZAR BRL MXN RUB"
_ZONES_ERAS = "ISO FY AD BC CE BCE AM PM UTC GMT EST PST CST MST EDT PDT CDT MDT"
_MONTHS = "JAN FEB MAR APR MAY JUN JUNE JUL JULY AUG SEP SEPT OCT NOV DEC"  # "27 OCT 2012"
_NOT_DESIGNATORS = frozenset(f"{_CURRENCIES} {_ZONES_ERAS} {_MONTHS}".split())
_DESIGNATED = re.compile(
    r"(?<![\w.])(?P<d>[A-Z]{2,4}|H\.R\.)\s(?P<n>[1-9]\d{3})\b(?![\d,.]\d|\s?%|-\d)"
)


def _designated(m: re.Match[str]) -> str:
    if m["d"] in _NOT_DESIGNATORS or plural_after(m.string, m.end()):
        return m.group(0)
    letters = m["d"]
    if len(letters) <= 3 and any(c in "AEIOU" for c in letters):
        letters = "-".join(letters)  # "UA 1549": espeak would say "UA" as a word
    return f"{letters} {year(int(m['n']))}"


# Keyboard shortcuts: "Ctrl+Alt+Del" is "Control Alt Delete", "Cmd+Shift+R" "Command Shift R".
_KEYS = {"Ctrl": "Control", "Cmd": "Command", "Del": "Delete", "Esc": "Escape", "Opt": "Option"}
_MODIFIER = r"Ctrl|Alt|Shift|Cmd|Command|Control|Option|Opt|Win|Fn"
_KEY = rf"(?:{_MODIFIER}|Del|Delete|Esc|Tab|Enter|[A-Z]|F\d{{1,2}})"
_SHORTCUT = re.compile(rf"\b(?:{_MODIFIER})(?:\s?\+\s?{_KEY}\b)+")


def _shortcut(m: re.Match[str]) -> str:
    return " ".join(_KEYS.get(k, k) for k in re.split(r"\s?\+\s?", m.group(0)))


# A letter, a hyphen and three digits name a vehicle or a road: "F-150" is "F one fifty",
# "C-130" "C one thirty", "I-495" "I four ninety-five" (espeak: "F one hundred fifty").
_LETTER_MODEL = re.compile(r"(?<![\w.-])(?P<l>[A-Z])-(?P<n>[1-9]\d\d)(?P<s>s?)\b(?![.,]\d|-)")


# A letter, a zero and a digit, a model's name: "Corvette Z06" is "Z oh six".
_LETTER_OH = re.compile(r"\b(?P<l>[A-Z])0(?P<d>[1-9])\b")

# An interstate's branch, "I-35W", "I-35E": the letter is a direction, not watts.
_INTERSTATE_BRANCH = re.compile(r"\bI-(?P<n>\d{1,3})(?P<d>[NSEW])\b")


def _letter_model(m: re.Match[str]) -> str:
    said = year(int(m["n"]))
    return f"{m['l']} {plural(said) if m['s'] else said}"  # "C-130s": "C one thirties"


# A version ".0" after a name in capitals: "TPM 2.0", "Web 2.0", "USB 3.0" ("two point oh").
_POINT_OH = re.compile(
    r"(?P<name>\b(?!Magnitude)[A-Z][A-Za-z]{1,7}\s)(?P<n>\d{1,2})\.0(?![\w.,]|\s?%|\s?percent)"
)

# Capitals then a digit, a standard's or a model's name: "WPA3" is "W-P-A three" (espeak reads
# "wpa"); only where the capitals have no vowel but a final "A" or "E" to make a word of
# ("MP3", "PS5" and "F1" espeak already reads right).
_LETTERS_DIGIT = re.compile(r"\b(?P<l>[B-DF-HJ-NP-TV-Z]{2,3}[AE])(?P<d>\d)\b")

RULES: list[Rule] = [
    (_SHORTCUT, _shortcut),
    (_LETTERS_DIGIT, lambda m: f"{'-'.join(m['l'])} {m['d']}"),
    (_LETTER_MODEL, _letter_model),
    (_LETTER_OH, lambda m: f"{m['l']} oh {cardinal(int(m['d']))}"),
    (_INTERSTATE_BRANCH, lambda m: f"I {cardinal(int(m['n']))} {m['d']}"),
    (_IP, _ip),
    (_VERSION, _version),
    (_DOTTED_VERSION, _dotted_version),
    (_IP_VERSION, lambda m: f"I-P-V {cardinal(int(m['n']))}"),
    (_RESOLUTION, lambda m: f"{year(int(m['n']))} {m['s'].upper()}"),
    (_STATUS, _status),
    (_PLUS_PLUS, lambda m: f"{m['l']} plus plus"),
    (_SHARP, lambda m: f"{m['l']} sharp"),
    (_DESIGNATED, _designated),
    (_POINT_OH, lambda m: f"{m['name']}{cardinal(int(m['n']))} point oh"),
]
