"""Clock times and their ranges: "3:30 pm", "7.30pm", "10am", "15:00", "2pm-5pm", "9-11am",
"noon-2pm", "12:30-13:30", race times "2:03:45" (hours, minutes and seconds); and the colon
of a ratio or score ("3:2").

"AM"/"PM" are written in capitals: espeak reads "a m" with the article "a". A range is read with
"to" ("two PM to five PM"); a bare hour counts as a time only when the other end has AM/PM
("9-11am"), so "pages 9-11" is left to the number ranges.
"""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

from num2words import num2words

from narrator.text import zones
from narrator.text.normalize.spoken import Rule, clock_minutes, final, military, span_word


def _time(p: str) -> str:
    """A clock time or an hour, its groups named with prefix `p`: "3", "3pm", "3:30 p.m."."""
    meridiem = r"[ap]\.m\.|[ap]\.m\b|[ap]m\b|[AP]\.M\.|[AP]M\b"
    # British papers write "7.30pm": a dot separates minutes only before AM/PM.
    dot = r"\.(?=\d\d\s?(?:[ap]\.?m|[AP]\.?M)\b)"
    return (
        rf"(?:(?P<{p}noon>[Nn]oon|[Mm]idnight)|(?P<{p}h>\d{{1,2}})"
        rf"(?:(?::|{dot})(?P<{p}m>[0-5]\d)(?::(?P<{p}s>[0-5]\d))?(?![\d:]|\.\d))?"
        rf"(?:\s?(?P<{p}ampm>{meridiem}))?)"
    )


# Only what has minutes or AM/PM: a bare number is not a time.
_CLOCK = re.compile(r"(?<![\w:.,])(?=\d{1,2}(?:[:.]\d|\s?[aApP]\.?[mM]))" + _time(""))
# A colon after the end is the sentence's ("Noon-4pm: face painting"), one before digits is not.
_RANGE = re.compile(rf"(?<![\w:.,]){_time('a')}\s*[-–—]\s*{_time('b')}(?!\w|:\d)")


_A_CLOCK = re.compile(r"\b(?:at|from|to|until|till|by|before|after|between|since|and)\s$", re.I)
_NOON_AFTER = re.compile(r"\s+(?:midnight|noon)\b")


def _say(m: re.Match[str], p: str = "") -> str | None:
    """The time in groups `p`..., or None when they do not make a time of day."""
    if m.group(p + "noon"):
        return m.group(p + "noon")
    hours, minutes, seconds, ampm = (m.group(p + g) for g in ("h", "m", "s", "ampm"))
    suffix = "" if not ampm else " AM" if ampm[0] in "aA" else " PM"
    h = int(hours)
    if minutes is None:
        return f"{h}{suffix}" if 1 <= h <= 12 else None
    if h > 23 or (suffix and not 1 <= h <= 12):
        return None
    if seconds is not None and (suffix or _ZONE_NEXT.match(m.string, m.end())):
        # "11:59:59 p.m.", "21:32:46 UTC": a clock to the second, "eleven fifty-nine and
        # fifty-nine seconds PM"
        s = int(seconds)
        past = clock_minutes(int(minutes)) if int(minutes) else "o'clock"
        said = f"{num2words(h)} {past}"
        return f"{said} and {num2words(s)} second{'' if s == 1 else 's'}{suffix}"
    if seconds is not None:  # a race time, "2:03:45": "two hours, three minutes and ..."
        return _elapsed(h, int(minutes), int(seconds))
    if (
        int(minutes)
        and len(hours) == 2
        and h < 10
        and not suffix
        and _A_CLOCK.search(m.string, 0, m.start(p + "h"))
    ):
        # "at 06:45", a 24-hour clock: "oh six forty-five" (four writers of seven, six readings
        # of nine, say its zero); a bare "01:22" may be a clip's length
        spoken = military(h, int(minutes))
    elif int(minutes):
        spoken = f"{num2words(h)} {clock_minutes(int(minutes))}"
    elif suffix:
        spoken = str(num2words(h))
    elif h == 0:
        spoken = "midnight"  # "00:00"
    elif _NOON_AFTER.match(m.string, m.end(p + "m")):
        spoken = str(num2words(h))  # "12:00 midnight": "twelve midnight"
    elif hours.startswith("0"):
        spoken = f"oh {num2words(h)} hundred"  # "05:00", a 24-hour clock: "oh five hundred"
    elif len(hours) == 2 and _TO_24_HOUR.match(m.string, m.end(p + "m")):
        spoken = f"{num2words(h)} hundred"  # "11:00-13:00": "eleven hundred to thirteen ..."
    else:
        spoken = f"{num2words(h)} o'clock" if h <= 12 else f"{num2words(h)} hundred"
    return spoken + suffix


# A zone after a time to the second makes it a clock's ("21:32:46 UTC"), not a race's
_ZONE_NEXT = re.compile(
    r"\s?(?:UTC|GMT|Z\b|[A-Z][A-Z]?[SD]?T\b"
    rf"|(?:{'|'.join((*zones.NAMES, *zones.NATIONAL))})\b)"
)


def _elapsed(hours: int, minutes: int, seconds: int) -> str:
    parts = [
        f"{num2words(n)} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if n
    ]
    if len(parts) < 2:
        return parts[0] if parts else "zero seconds"
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


# A span to an hour of a 24-hour clock: the hour before it is read on that clock too
# ("11:00-13:00", "from 10:00 to 14:00": "ten hundred", not "ten o'clock").
_TO_24_HOUR = re.compile(r"\s*(?:[-–—]|to|until|till)\s*(?:1[3-9]|2[0-3]):00(?![\d:])")


# The end of a span after a time with minutes: "11:30 to 1:00" ends at "one", not "one o'clock".
_SPAN_START = re.compile(r"\d:(?!00)[0-5]\d\s*(?:[-–—]|to|until|till|through|and)\s*$")


def _hour_ending_span(m: re.Match[str], p: str = "") -> str | None:
    """ "one" for the "1:00" of "11:30 to 1:00", else None."""
    hours, minutes, seconds, ampm = (m.group(p + g) for g in ("h", "m", "s", "ampm"))
    if minutes != "00" or seconds or ampm or not 1 <= int(hours) <= 12 or hours[0] == "0":
        return None
    return str(num2words(int(hours)))


# What a race took: "crossed the line in 17:32", "a time of 3:43", "clocked 9:58" are minutes
# and seconds (hours and minutes come with their seconds, "2:05:36", read above).
_RACE_BEFORE = re.compile(
    r"\b(?:in|time of|clocked|clocking|timed at|clocks in at|clocked in at|runs|ran|lasts|lasted"
    r"|running time of|runtime of|length of)\s$"
)


# ... or what its words after call a length: "a clip just 3:45 long", "4:10 in length" (not
# after a clock's word, _A_CLOCK: "at 3:45 long lines formed").
_LENGTH_AFTER = re.compile(r",?\s+(?:long|in length)\b")


# ... unless it starts a span or counts hours: "runs 9:30 to 5:00", "lasts 1:30 hours".
_NOT_A_LENGTH = re.compile(r"\s*(?:[-–]|(?:to|until|till|through)\s+\d|(?:hours?|hrs?|h)\b)")


# The start of a span with words whose end says AM or PM: "7:00 to 9:30 p.m.".
_SPAN_END_AFTER = re.compile(
    r"\s*(?:to|until|till|through|and)\s+\d{1,2}(?::[0-5]\d)?\s?(?:[ap]\.?m\b|[AP]\.?M\b)"
)


def _clock(m: re.Match[str]) -> str:
    if m.group("m") is None and m.group("ampm") is None:
        return m.group(0)  # a plain number
    if (
        m.group("s") is None
        and m.group("ampm") is None
        and (
            _RACE_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
            or (
                _LENGTH_AFTER.match(m.string, m.end())
                and not _A_CLOCK.search(m.string, max(0, m.start() - 8), m.start())
            )
        )
        and not _NOT_A_LENGTH.match(m.string, m.end())
    ):
        minutes, seconds = int(m.group("h")), int(m.group("m"))
        return final(m, _elapsed(0, minutes, seconds))
    lone_zero = m.group("h") == "0" and m.group("m") not in (None, "00")
    if lone_zero and not m.group("s") and m.group("ampm") is None:
        # "0:45 long", "with 0:45 left": no clock writes its hour as a lone 0 (a time after
        # midnight is "12:45 a.m." or "00:45"), a running clock or a clip's length does.
        return final(m, _elapsed(0, 0, int(m.group("m"))))
    if (
        _SPAN_START.search(m.string, 0, m.start()) or _SPAN_END_AFTER.match(m.string, m.end())
    ) and (hour := _hour_ending_span(m)):
        return hour  # "from 7:00 to 9:30 p.m.": "seven to nine thirty PM", as for a dash
    spoken = _say(m)
    return m.group(0) if spoken is None else final(m, spoken)


def _range(m: re.Match[str]) -> str:
    # The end must be a time; the start may be a bare hour when the end says AM or PM.
    said = {g for g in ("am", "aampm", "anoon", "bm", "bampm", "bnoon") if m.group(g)}
    # "noon-3": after noon, a bare hour up to eleven is the afternoon's
    after_noon = (m.group("anoon") or "").lower() == "noon" and 1 <= int(m.group("bh") or 0) <= 11
    end_ok = bool(said & {"bm", "bampm", "bnoon"}) or after_noon
    start_ok = bool(said & {"am", "aampm", "anoon", "bampm"})
    start = _say(m, "a")
    twelve_hour = 1 <= int(m.group("ah") or 0) <= 12 and not (m.group("ah") or "0").startswith("0")
    if (
        twelve_hour
        and m.group("am") == "00"
        and (m.group("bm") not in (None, "00") or m.group("bampm"))
        and not m.group("aampm")
    ):
        # "8:00-8:45 AM": "eight to eight forty-five"; "8:00-11:00 a.m.": "eight to eleven AM"
        start = str(num2words(int(m.group("ah"))))
    end = (m.group("am") not in (None, "00") and _hour_ending_span(m, "b")) or _say(m, "b")
    hours = [m.group(g) or "0" for g in ("ah", "bh")]
    if (
        m.group("am") == m.group("bm") == "00"
        and not (m.group("aampm") or m.group("bampm"))
        and all(1 <= int(h) <= 12 and not h.startswith("0") for h in hours)
    ):
        start, end = (str(num2words(int(h))) for h in hours)  # "11:00-8:00": "eleven to eight"
    if (
        twelve_hour
        and m.group("am") == "00"
        and not m.group("aampm")
        and _TO_24_HOUR.match(m.string, m.end("am"))
    ):
        start = f"{num2words(int(m.group('ah')))} hundred"  # "11:00-13:00": "eleven hundred"
    if not (end_ok and start_ok and start and end):
        return m.group(0)
    return final(m, f"{start} {span_word(m)} {end}")


# A colon between numbers that are not hours and minutes (the second is not two digits) is a
# ratio or a score: "3:2", "a 1:100 scale", "won 2:1"; espeak says "colon".
_RATIO = re.compile(r"(?<![\w:.,])(?P<a>\d{1,3}):(?P<b>\d|\d{3,})(?![\w:]|[.,]\d)")
# ... and any colon pair that its words call a ratio, though it looks like a clock time: "a
# ratio of 1:10", "a 1:10 bleach solution", "mixed 1:20", "odds of 1:50".
_NAMED_RATIO = re.compile(
    r"(?:(?<=\bratio\s)|(?<=\bratio of\s)|(?<=\bratios of\s)|(?<=\bodds of\s)"
    r"|(?<=\bmixed\s)|(?<=\bdiluted\s))(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\w:]|[.,]\d)"
    r"|(?<![\w:.,])(?P<c>\d{1,3}):(?P<d>\d{1,3})"
    r"(?=\s+(?:\w+\s+)?(?:ratio|mix|mixture|solution|dilution)s?\b)"
)

# Wire copy gives the time as four digits before the zone, "0117 GMT", "1430 UTC", and armies
# before "hours", "0600 hours" (with its zero: "2000 hours" of footage is a count), or after
# "at" ("at 0600": no count or street number begins with a zero): "oh one seventeen GMT",
# "fourteen thirty UTC", "oh six hundred hours".
_FOUR_DIGITS = re.compile(
    r"(?:(?<=\b[Aa]t\s)|(?<=\b[Bb]y\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bfrom\s)"
    r"|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bsince\s)|(?<=\bbetween\s))(?=0)"
    r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?![\w:/-]|[.,]\d)"
    r"|(?<![\w:.,])(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)"
    r"(?:(?P<zulu>\s?Z)\b"
    r"|(?=\s?(?:GMT|UTC)\b|\s(?:local\stime|Zulu)\b|(?<=0\d\d\d)\s(?:hours|hrs)\b"
    r"|(?<=\bat\s\d\d\d\d)\s(?:sharp|hours)\b))"
    # ... and an afternoon or evening hour after "at" where the clause ends or goes on as a
    # time's would: "lights out at 2200.", "at 1830 and" (not "at 1500 feet"; "at 2000" may
    # be the year)
    r"|(?<=\b[Aa]t\s)(?!2000)(?P<h3>1[3-9]|2[0-3])(?P<m3>[0-5]\d)"
    r"(?=[.,;]?\s*$|[.,;]\s|\s(?:and|on|tonight|tomorrow|today|daily|every|each|local)\b)"
)


# "hrs" after such a time is the military's "hours": "at 2300 hrs", "0600 hrs"
_HRS = re.compile(
    r"(?:(?<=\b[Aa]t\s)(?P<t>(?:[01]\d|2[0-3])[0-5]\d)|(?<![\w:.,])(?P<t0>0\d[0-5]\d))"
    r"\s(?:hrs|hr)\b"
)


# Opening hours as two four-digit times, "0900-1700", "0800-1230": a 24-hour span (the first
# with its zero: "1900-2000" is a span of years), on round minutes (a phone's "0800-1234" is
# not), and not followed by more digits.
_FOUR_DIGIT_SPAN = re.compile(
    r"(?<![\w:.,/-])(?P<a>0\d[0-5][05])\s?[-\u2013]\s?(?P<b>[01]\d[0-5][05]|2[0-3][0-5][05])"
    r"(?![\w:/-]|[.,]\d|\s\d)"
)


def _four_digit_span(m: re.Match[str]) -> str:
    a, b = m["a"], m["b"]
    return f"{military(int(a[:2]), int(a[2:]))} {span_word(m)} {military(int(b[:2]), int(b[2:]))}"


def _four_digits(m: re.Match[str]) -> str:
    said = military(int(m["h"] or m["h2"] or m["h3"]), int(m["m"] or m["m2"] or m["m3"]))
    if m["zulu"]:
        return said + " Zulu"  # "0415Z": the military's name for UTC
    return said + (" " if m.string[m.end() : m.end() + 1].isalpha() else "")  # "1500GMT"


# A zone after a time is said as narrator.text.zones says it ("9 p.m. ET": "nine PM Eastern";
# espeak says "et"). After a bare hour ("at 8 PT") only where the sentence goes on as a time's
# would: "3 PT sessions" is physical therapy.
_ZONES = zones.SPOKEN
_ZONE = re.compile(
    r"(?:(?<=\d[ap]m)|(?<=\d[AP]M)|(?<=[ap]\.m\.)|(?<=[AP]\.M\.)|(?<=\d\s[ap]m)"
    r"|(?<=\d\s[AP]M)|(?<=\d[ap]\.m)|(?<=\bnoon)|(?<=\bmidnight)|(?<=\d:\d\d)"
    r"|(?P<bare>(?<=\s\d)|(?<=\s[01]\d)|(?<=\s2[0-4])))\s?"
    rf"(?P<zone>[ECMP][SD]?T|{'|'.join(zones.FOREIGN)})\b(?![&'-])"
)
_AFTER_BARE_HOUR = re.compile(
    r"\s*(?:[.,;:)!?]|$)|\s+(?:on|and|or|to|until|today|tonight|tomorrow|with|when|in|at|"
    r"[A-Z]\w*)\b"
)


def _zone(m: re.Match[str]) -> str:
    if m["bare"] is not None and not _AFTER_BARE_HOUR.match(m.string, m.end()):
        return m.group(0)
    return " " + _ZONES[m["zone"]]


# A listing's hours with a bare "a" or "p": "Weekdays 6p ET", "9a-5p" (only with a zone after
# it or as a span: "Form 9a" and "Exhibit 6p" stay).
_HOUR = r"(?:1[0-2]|[1-9])(?::[0-5]\d)?"
_LISTING_HOUR = re.compile(
    rf"(?<![\w:.,])(?P<a>{_HOUR})(?P<ap>[ap])(?:\s?[-–]\s?(?P<b>{_HOUR})(?P<bp>[ap]))?\b"
    r"(?:\s?(?P<zone>[ECMP][SD]?T|[ecmp]t)\b)?(?(zone)|(?(b)|(?!)))"
)


def _listing_hour(m: re.Match[str]) -> str:
    def said(hour: str, ap: str) -> str:
        h, _, minutes = hour.partition(":")
        words = str(num2words(int(h)))
        if minutes and int(minutes):
            words += f" {clock_minutes(int(minutes))}"
        return f"{words} {'AM' if ap == 'a' else 'PM'}"

    spoken = said(m["a"], m["ap"])
    spoken = f"{spoken} {span_word(m)} {said(m['b'], m['bp'])}" if m["b"] else spoken
    return f"{spoken} {_ZONES[m['zone'].upper()]}" if m["zone"] else spoken


# A television listing's hour in the Eastern and Central zones: "9/8c" ("nine, eight central").
_LISTING_ZONES = re.compile(r"(?<![\w/.])(?P<a>1[0-2]|[1-9])/(?P<b>1[0-2]|[1-9])c\b")

# A timetable's one letter for AM and PM, against its minutes: "Dep. 6:05a", "Arr. 9:47p"
_MERIDIEM_LETTER = re.compile(r"(?<=\d:[0-5]\d)(?P<l>[ap])(?=[\s,;)]|$)")
# ... and after a bare hour where an event's times are listed: "Doors 7p / Show 8p"
_EVENT_HOUR = re.compile(
    r"\b(?P<w>Doors|Show|Showtime|Starts?|Begins?)\s(?P<h>1[0-2]|[1-9])(?P<l>[ap])\b(?!-)"
)

RULES: list[Rule] = [
    (_MERIDIEM_LETTER, lambda m: " AM" if m["l"] == "a" else " PM"),
    (_EVENT_HOUR, lambda m: f"{m['w']} {m['h']} {'AM' if m['l'] == 'a' else 'PM'}"),
    (_NAMED_RATIO, lambda m: f"{m['a'] or m['c']} to {m['b'] or m['d']}"),
    (_LISTING_ZONES, lambda m: f"{m['a']}, {m['b']} central"),
    (_LISTING_HOUR, _listing_hour),
    (_FOUR_DIGIT_SPAN, _four_digit_span),
    (_HRS, lambda m: f"{m['t'] or m['t0']} hours"),
    (_FOUR_DIGITS, _four_digits),
    (_ZONE, _zone),
    (_RANGE, _range),
    (_CLOCK, _clock),
    (_RATIO, lambda m: f"{m['a']} to {m['b']}"),
]
