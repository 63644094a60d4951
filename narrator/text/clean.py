"""Remove page furniture from article text, line by line, by general rules.

Text pasted from a news page carries everything around the story: ad labels, share
buttons, reading-time badges, the labels of a listen widget, cookie notices, photo
captions and credits, "Related:" links. None of it should be read aloud.

Every rule here looks at features of a line (its length, whether it is a sentence,
keyword patterns anchored to the *whole* line, repetition) and never at one site's
markup. The risk is short lines: a body sentence such as "He declined." or
"Prices rose 2x." is short too, so a short line is dropped only when it matches a
furniture pattern as a whole, never for being short.

Input is a list of lines where "" marks a paragraph break (pasted text), or a list of
paragraphs (HTML and Markdown); the output keeps that shape.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# Characters that render as nothing or as a plain space but break word matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """NFC, no invisible characters, single spaces, no leading or trailing space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


def _full(*alternatives: str) -> re.Pattern[str]:
    """A case-insensitive pattern that must match the whole line (trailing punctuation allowed)."""
    body = "|".join(alternatives)
    # No trailing full stop: "More." or "Play." may be a sentence; a label has none.
    return re.compile(rf"^(?:{body})[\s:|\u203a\u00bb>]*$", re.IGNORECASE)


_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|email|e-mail|print"
    r"|copy link|copy|messenger|bluesky|threads|instagram|tiktok|youtube|flipboard|sms|mail"
)

# Photo credits with no caption: "Photo: Jane Smith/Reuters", "(AP Photo/Evan Vucci)".
_CREDIT_ONLY = _full(
    r"(?:photo|photograph|image|picture|credit|illustration|video|graphic)s?"
    r"(?: credit)?\s*(?::|by)\s*.{1,80}",
    r"\(?(?:ap|afp|reuters|getty|epa|shutterstock|pa)(?: images?)?(?: photo)?\s*/.{1,60}\)?",
    r"(?:getty images|reuters|ap photo|afp|shutterstock|alamy|epa|pa images?)"
    r"(?:\s*(?:via|/)\s*.{1,40})?",
)

# Whole-line furniture. Each alternative is anchored, so "He declined to share the data."
# or "Subscribers rose 12%." never match: only a line that *is* the label does.
_FURNITURE: list[re.Pattern[str]] = [
    # Advertising.
    _full(
        r"advertisement|advert|advertising|ad|ads|sponsored|sponsored content|promoted"
        r"|paid (?:content|post|partnership)|partner content|presented by .{1,40}",
        r"(?:advertisement[\s:-]*)?(?:story|article|text) continues (?:below|after)"
        r"(?: (?:this )?(?:ad|advertisement))?",
        r"(?:advertisement[\s:-]*)?(?:scroll|continue reading)(?: down)?(?: to continue)?"
        r"(?: (?:below|reading))?",
        r"report (?:this )?ad|remove ads|ad feedback|close ad|skip ad",
    ),
    # Reading time and other badges.
    _full(
        r"(?:estimated )?reading time[\s:]*(?:about )?\d+(?:\s*[-\u2013]\s*\d+)?"
        r"\s*(?:min(?:ute)?s?)?",
        r"\d+(?:\s*[-\u2013]\s*\d+)?[\s-]*min(?:ute)?s?(?: read| reading| listen)?",
        r"verified|fact[\s-]?checked|fact[\s-]?check(?:ed)? by .{1,40}|reviewed by .{1,40}"
        r"|editorially (?:reviewed|independent)|trusted source|our standards.{0,60}"
        r"|medically reviewed(?: by .{1,40})?|editor'?s (?:pick|choice)|exclusive|breaking"
        r"|opinion|analysis|premium|subscriber(?:s)?[\s-]only|free to read|live|updated",
    ),
    # Sharing, following, subscribing, accounts.
    _full(
        rf"(?:share|tweet|post|send)(?: (?:this|the))?(?: (?:article|story|page|post|link))?"
        rf"(?: (?:on|via|by|to) (?:{_SOCIAL}))?",
        rf"(?:{_SOCIAL})(?:\s*[,|/\u00b7\u2022]?\s*(?:{_SOCIAL}))*",
        r"(?:follow|like|find|join) us(?: on .{1,40})?",
        r"(?:subscribe|sign up|sign in|log ?in|register|join now|get started|create (?:an )?account"
        r"|unlock (?:this|full) (?:article|access)|start (?:your )?free trial)"
        r"(?: (?:now|today|for free|free|here))?",
        r"(?:subscribe|sign up|register)(?: now| today| free)? (?:to|for) (?:our|the|my|your)"
        r" .{1,60}",
        r"already (?:a subscriber|have an account|registered)\??.{0,30}",
        r"(?:get|receive) (?:our|the) .{1,60} (?:in|to|straight to) your inbox.{0,40}",
        r"comments?(?: \(\d+\))?|\d+ comments?|(?:show|view|hide|load|read|leave|add|post)"
        r" (?:\d+ )?(?:a |more )?comments?|join the (?:conversation|discussion)"
        r"|(?:you must be |please )?(?:logged in|signed in|log in|sign in|register)"
        r" to (?:comment|reply|post a comment|join the conversation)\.?",
        r"save(?: (?:article|story|for later))?|saved|bookmark|gift (?:this )?article|listen later",
    ),
    # Navigation.
    _full(
        r"skip to (?:main |the )?(?:content|navigation|main|article|search|footer)",
        r"jump to(?: .{1,30})?|back to top|top of page|scroll to top|go to top",
        r"(?:main )?menu|search|close|open|toggle navigation|navigation|sections|more|home|homepage"
        r"|next|previous|prev|next (?:article|story)|previous (?:article|story)|see all|view all"
        r"|show more|load more|read more|continue reading|full story|expand|collapse|edition"
        r"|you are here",
        r"(?:enlarge|expand|toggle|hide|show|view) (?:this )?(?:image|caption|photo|gallery|video)"
        r"|open (?:image|photo) in gallery|image \d+ of \d+|\d+ of \d+|\d+ (?:photos|images)",
    ),
    # The labels of an audio "listen" widget: voice pickers, speeds, WPM, timestamps.
    _full(
        r"listen(?: to (?:this|the) (?:article|story|page))?(?: now)?(?: \(?\d+ min(?:ute)?s?\)?)?"
        r"|play|pause|resume|stop|mute|unmute|download(?: audio)?|audio|speed|voice",
        r"(?:voice|narrator|reader)\s*[:\-]?\s*[a-z]+(?: \([^)]{1,30}\))?",
        r"(?:playback )?speed\s*[:\-]?\s*\d(?:\.\d+)?\s*x",
        r"(?:\d(?:\.\d+)?\s*[x\u00d7]\s*[,/|\u00b7\u2022]?\s*)+",
        r"\d{2,3}\s*wpm",
        r"(?:(?:very )?(?:slow|slower|normal|average|medium|fast|faster)\s*[,/|\u00b7\u2022]?\s*)+",
        r"-?\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*-?\d{1,2}:\d{2}(?::\d{2})?)?",
        r"(?:powered|narrated|voiced) by .{1,40}",
        r"(?:ai|automated|computer)[\s-]generated audio.{0,60}",
    ),
    # Cookie and consent buttons (the notices themselves are matched by _COOKIE below).
    _full(
        r"accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|agree|i agree|got it|ok(?:ay)?"
        r"|manage (?:preferences|settings|cookies|choices)|cookie (?:settings|policy|preferences)"
        r"|privacy (?:policy|settings)|terms(?: of (?:use|service))?|do not sell.{0,40}",
    ),
    # Photo credits with no caption.
    _CREDIT_ONLY,
    # Link lists and tags.
    _full(
        r"(?:related|read more|read next|see also|also read|more from .{1,40}|more on this story"
        r"|recommended(?: for you)?|you may also like|you might also like|most read|most popular"
        r"|trending(?: now)?|top stories|latest(?: news| stories)?|more stories|popular"
        r"|related (?:stories|articles|coverage|content|topics|links)|further reading"
        r"|what to read next|in other news|editor'?s picks)",
    ),
    # Email newsletter wrappers.
    _full(
        r"view (?:this email |it )?(?:in|on) (?:your|a|the) (?:browser|web)|forward to a friend"
        r"|unsubscribe(?:\s*\|.{0,40})?|update your (?:email )?preferences"
        r"|you(?:'re| are) receiving this (?:email|newsletter|message) because.{0,100}",
    ),
    # A byline's job title on its own line.
    _full(
        r"(?:senior |chief |staff |special |contributing |political |business |science )?"
        r"(?:reporter|correspondent|writer|editor|columnist|contributor|journalist)",
    ),
    # Copyright lines.
    _full(r"(?:©|\(c\)|copyright)\s*\d{4}.{0,100}", r".{0,80}all rights reserved.{0,40}"),
]

# Prefix-led link lines: "Related: Council delays vote", "READ MORE: ...", "Tags: a, b".
_LINK_PREFIX = re.compile(
    r"^(?:related|read more|read next|see also|also read|more|watch|listen|tags|topics"
    r"|filed under|more on|recommended|explore more)\s*(?:stories|articles)?"
    r"\s*[:|\u203a\u00bb>]\s*\S",
    re.IGNORECASE,
)

# Cookie notices: written to "you" about "cookies"; a story about cookies is not.
_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|our partners)\b.{0,60}\bcookies?\b"
    r"|\bcookies?\b.{0,80}\b(?:your (?:consent|experience|preferences|device|browser)"
    r"|consent|privacy policy|cookie policy)\b"
    r"|\bby (?:continuing|clicking|using) .{0,60}\byou (?:agree|accept|consent)",
    re.IGNORECASE,
)

# Prompts to subscribe or follow: an imperative plus where it lands, in a short line.
_PROMPT = re.compile(
    r"^(?:subscribe|sign up|signup|register|join|follow|get|download|stay|never miss|don'?t miss"
    r"|want|love|enjoy|like|support|become|try)\b.{0,120}\b(?:newsletter|inbox|updates|alerts"
    r"|our app|the app|subscriber|subscription|membership|member|on (?:facebook|twitter|x"
    r"|instagram|linkedin|tiktok|youtube|threads|bluesky)|free trial|podcast)\b",
    re.IGNORECASE,
)

# Appeals for money or membership, written by the publication about itself ("we", "our").
_APPEAL = re.compile(
    r"\b(?:become an? (?:member|subscriber|supporter|patron)|support (?:us|our (?:journalism"
    r"|reporting|work|newsroom))|support independent journalism|donate (?:now|today)"
    r"|make a (?:contribution|donation)|(?:just|only) [£$€]\d+(?:\.\d\d)? (?:a|per|/)\s?"
    r"(?:month|week|year|mo)|subscribe (?:now|today))\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_QUOTES = re.compile('["\u201c\u201d]')

# "Photo: Jane Smith/Reuters" after a caption, or "(AP Photo/Evan Vucci)".
_CREDIT_TAIL = re.compile(
    r"(?:\s*[|\u2013\u2014-]?\s*(?:\(?(?:photo|photograph|image|picture|credit|illustration)s?"
    r"(?: credit)?\s*(?::|by)\s*[^.!?]{1,80}\)?"
    r"|\((?:ap|afp|reuters|getty|epa|pa)[^()]{0,60}\)"
    r"|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}\s*/\s*(?:getty images|reuters|ap|afp|epa"
    r"|shutterstock|bloomberg|alamy|pa(?: images)?)(?: via [^.]{1,40})?))\s*\.?$",
    re.IGNORECASE,
)

# Datelines that stand alone: "Published 3 hours ago", "Updated: March 3, 2024 5:30 p.m. ET",
# "Posted on November 4, 2023 by Clare Whitfield". A line is one when nothing is left
# after removing date words, numbers, times, zones and separators.
_MONTHS = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAYS = r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b\.?"
_CLOCK = r"\b\d{1,2}[:.]\d{2}\b"
_DATE_TOKEN = re.compile(
    rf"{_MONTHS}|{_WEEKDAYS}|{_CLOCK}|\b\d{{1,4}}(?:st|nd|rd|th)?\b|\b[ap]\.?m\.?(?=\W|$)"
    r"|\b(?:utc|gmt|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ist|aest)\b"
    r"|\b(?:first |last )?(?:published|updated|posted|modified|date|edited)\b"
    r"|\b(?:on|at|ago|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|yesterday|today|min read|read|reading time|just now)\b",
    re.IGNORECASE,
)
# A date needs a month, a weekday, a clock time or a word such as "ago": "2024" is not one.
_DATE_ANCHOR = re.compile(
    rf"{_MONTHS}|{_WEEKDAYS}|{_CLOCK}|\b(?:ago|yesterday|today|published|updated|posted)\b",
    re.IGNORECASE,
)
_DATE_BYLINE = re.compile(r"\s+by\s+[^.!?]{1,60}$", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    """A line that is only a publication date or time, with an optional "by Name"."""
    if len(line) > 120 or not re.search(r"\d|\b(?:ago|yesterday|today)\b", line, re.I):
        return False
    if not _DATE_ANCHOR.search(line):
        return False  # "2024" or "12" alone may be a list item or a score, not a date
    rest = _DATE_TOKEN.sub(" ", _DATE_BYLINE.sub("", line))
    return not re.search(r"\w", rest)


# "By Jane Doe", "By JANE DOE and Sam Roe, Associated Press", "Written by Jane Doe".
_NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|der|da|la|le|bin)){{1,4}}"
_BYLINE = re.compile(
    rf"^(?i:(?:written |words |story |text |reported )?(?:by|par|von|por|di|door|av)):?\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    rf"(?P<rest>\s*(?:,|\||\u00b7|\u2022|-|\u2013|\u2014|\bin\b|\bfor\b)\s*[^.!?]{{0,80}}|\s*)$",
)
_SIGNOFF = re.compile(
    r"^\(?(?:reporting|writing|additional reporting|editing|compiled|produced) by [^()]{1,200}\)?$",
    re.IGNORECASE,
)

# Headings that start a list of links to other stories; the headlines after them go too.
_LINK_SECTION = re.compile(
    r"^(?:related(?: (?:stories|articles|coverage|content|links|reading))?|read (?:more|next)"
    r"|more (?:from|on|in) .{1,40}|more stories|more news|most (?:read|popular|viewed|shared)"
    r"|recommended(?: for you| stories| reading)?|you (?:may|might) also like|trending(?: now)?"
    r"|top stories|latest(?: news| stories| headlines)?|what to read next|further reading"
    r"|editor'?s picks|popular(?: now| stories)?|around the web|from our partners)[\s:]*$",
    re.IGNORECASE,
)

# Words that make a line a sentence: a verb-ish ending or sentence punctuation.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_NAV_SEPARATORS = re.compile(r"\s*(?:\||\u2022|\u00b7|\u203a|\u00bb|>|/)\s*")
_WORD = re.compile(r"[\w'\u2019]+", re.UNICODE)


def is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _words(line: str) -> list[str]:
    return _WORD.findall(line.lower())


def byline_author(line: str) -> str | None:
    """The name(s) in a byline such as "By Jane Doe, Reuters"; None for any other line."""
    line = normalize_space(line)
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    # "A, B and C, Reuters": the names end at the one after the last "and"; with no "and",
    # only the first is a name ("Jane Doe, Central Coast Times" is a name and a paper).
    parts = re.split(r"\s*(,|\band\b|&)\s*", m.group("names"))
    names, separators = parts[0::2], parts[1::2]
    joins = [i for i, sep in enumerate(separators) if sep != ","]
    names = names[: joins[-1] + 2] if joins else names[:1]
    # A line of all capitals is titled, so "JANE DOE" reads as "Jane Doe".
    cleaned = [n.title() if n.isupper() else n for n in (x.strip() for x in names) if n]
    if not cleaned:
        return None
    return cleaned[0] if len(cleaned) == 1 else ", ".join(cleaned[:-1]) + " and " + cleaned[-1]


def _is_nav_row(line: str) -> bool:
    """'Home | News | Sport' or 'World > Europe': short pieces split by separators."""
    pieces = [p for p in _NAV_SEPARATORS.split(line) if p]
    if len(pieces) < 2 or is_sentence(line):
        return False
    return all(len(p.split()) <= 3 and p[:1].isupper() and not is_sentence(p) for p in pieces)


def is_furniture(line: str) -> bool:
    """True when the whole line is page furniture (a label, prompt, credit or notice)."""
    line = normalize_space(line)
    if not line:
        return False
    words = _words(line)
    if not words:  # punctuation or symbols only: "|", "•••", "—"
        return True
    if len(line) <= 160 and any(p.match(line) for p in _FURNITURE):
        return True
    if len(line) <= 200 and _LINK_PREFIX.match(line) and not _long_sentence(line):
        return True
    if len(words) <= 60 and _COOKIE.search(line):
        return True
    if len(words) <= 30 and _PROMPT.search(line):
        return True
    if (
        len(words) <= 40
        and _APPEAL.search(line)
        and _FIRST_PERSON.search(line)
        and not _QUOTES.search(line)  # a quoted speaker is body text, whatever they ask for
    ):
        return True
    if is_date_line(line):
        return True
    if len(line) <= 250 and _SIGNOFF.match(line):
        return True
    return len(line) <= 120 and _is_nav_row(line)


def _long_sentence(line: str) -> bool:
    # "Read more: the council said on Tuesday that ..." is prose, not a link.
    return len(line.split()) > 30


def _caption_core(line: str) -> str | None:
    """The caption of "Caption text. Photo: Jane Smith/Reuters", None if no credit."""
    m = _CREDIT_TAIL.search(line)
    if not m or m.start() == 0:
        return None
    return line[: m.start()].strip()


def _key(line: str) -> str:
    return " ".join(_words(line))


def _near_duplicate(line: str, earlier: str) -> bool:
    """`line` repeats `earlier`: the same words, nearly, or a part of it (a caption under
    its credit line, a pull quote). A longer line that contains a short earlier one (a
    heading, then the paragraph that starts with it) is new text."""
    a, b = line, earlier
    if a == b:
        return True
    if len(a.split()) >= 5 and a in b:
        return True
    if abs(len(a) - len(b)) > 0.15 * max(len(a), len(b)) or len(a) > 400:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9


_CAPTION_LINES = 2


@dataclass(frozen=True)
class Cleaned:
    """Lines left after cleaning ("" still marks a paragraph break) and any byline author."""

    lines: list[str]
    author: str | None = None


def clean_lines(lines: Iterable[str], *, author: str | None = None) -> Cleaned:
    """Drop furniture, repeated captions and link lists; take the byline as the author.

    `author` is what is already known (from HTML metadata): a byline line is then
    dropped without replacing it.
    """
    items = [normalize_space(x) for x in lines]
    keep = [bool(x) for x in items]
    found_author = author
    seen: list[str] = []  # keys of every non-empty line so far, kept or not
    in_link_list = False
    for i, line in enumerate(items):
        if not line:
            continue
        key = _key(line)
        drop = False
        name = byline_author(line) if len(line) <= 120 else None
        if found_author and _names_only(line, found_author):
            drop = True  # a byline without "By": just the names we already have
        elif name:
            found_author = found_author or name
            drop = True
        elif is_furniture(line):
            drop = True
            in_link_list = in_link_list or bool(_LINK_SECTION.match(line))
        elif _LINK_SECTION.match(line):
            drop = in_link_list = True
        elif in_link_list and not is_sentence(line) and len(line.split()) <= 20:
            drop = True  # a headline in a list of links to other stories
        else:
            in_link_list = False
            core = _caption_core(line)
            if core is not None and len(core.split()) <= 60:
                drop = True  # a photo caption with its credit
                key = _key(core)
            if key and any(_near_duplicate(key, s) for s in seen if s):
                drop = True  # a caption or heading shown twice: the first one decides
        if _is_credit_only(line):
            # Captions sit directly above their credit line, no blank line between (one
            # caption, or the same caption twice); a body paragraph has a blank line after.
            j = i - 1
            while j >= max(i - _CAPTION_LINES, 0) and items[j] and len(items[j].split()) <= 40:
                keep[j] = False
                j -= 1
        seen.append(key)
        if drop:
            keep[i] = False
    out = _drop_contained([x if k else "" for x, k in zip(items, keep, strict=True)])
    return Cleaned(lines=_collapse_breaks(out), author=found_author)


def _names_only(line: str, author: str) -> bool:
    """ "Ana Ruiz and Tom Hale" when the author is "Ana Ruiz and Tom Hale" (any order)."""
    if len(line) > 120:
        return False

    def names(text: str) -> set[str]:
        parts = re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", text.lower().removeprefix("by "))
        return {_key(p) for p in parts if _key(p)}

    return names(line) == names(author)


def _is_credit_only(line: str) -> bool:
    return bool(_CREDIT_ONLY.match(line)) and len(line) <= 120


_CONTAINED_WORDS = 6  # a shorter line, verbatim inside a longer one
_QUOTED_WORDS = 8  # a shorter line whose words run in order through a longer one


def _drop_contained(lines: list[str]) -> list[str]:
    """A line repeated inside a longer one is a pull quote or a caption: drop the copy.

    Verbatim copies of six words or more go; so do edited pull quotes of eight words or
    more whose words appear in order within a span at most twice their length.
    """
    keys = [_key(x).split() for x in lines]
    out = []
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        copy = (
            line
            and len(key) >= _CONTAINED_WORDS
            and any(j != i and len(k) > len(key) and _within(key, k) for j, k in enumerate(keys))
        )
        out.append("" if copy else line)
    return out


def _within(short: list[str], long_: list[str]) -> bool:
    n = len(short)
    for start in (i for i, w in enumerate(long_) if w == short[0]):
        if long_[start : start + n] == short:
            return True
        if n < _QUOTED_WORDS:
            continue
        pos = start
        for word in short[1:]:
            try:
                pos = long_.index(word, pos + 1, start + 2 * n)
            except ValueError:
                break
        else:
            return True
    return False


def _collapse_breaks(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def clean_paragraphs(paragraphs: Iterable[str], *, author: str | None = None) -> Cleaned:
    """The same rules for text already split into paragraphs (HTML, Markdown)."""
    result = clean_lines(paragraphs, author=author)
    return Cleaned(lines=[x for x in result.lines if x], author=result.author)
