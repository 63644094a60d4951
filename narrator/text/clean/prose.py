"""What a line of a pasted page is, judged by its shape: prose, a time stamp, a comments
marker or the page footer.

A browser's copy of a whole page gives one line per block: the article's paragraphs, and
around them menus, teasers, captions, widget labels and footers. Paragraphs are long runs
of ordinary words that end a sentence; the rest is short, or written in Title Case
(headlines of other stories, menu entries), or has few function words ("the", "of",
"que", "und"), whatever its language. No rule here names a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.text.clean.links import LINK_SECTION

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?\u2026:][\"'\u201d\u2019)\]]*$")

# Function words of the languages the service reads; a share of them marks running text.
_STOPWORD_TEXT = """a an the and or but of to in on at for with from by as is are was were be been
    has have had it its he she they we you i his her their our that this these those which who
    whom not
    no will would can could should may might do does did said says than then there here when
    while after before about into over under up out if so also more most one two all some any
    le la les des et est une un dans pour que qui sur pas au du en ce il elle
    el los las y es del por con una para se lo
    der die das und ist nicht mit den ein eine sich auf zu
    o os as e de do da em um uma não un che è per non sono della gli"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

PROSE_WORDS = 10  # a paragraph line has at least this many words
LONG_SENTENCE = 30  # a sentence this long is prose, however many names it holds


@dataclass(frozen=True)
class LineInfo:
    text: str
    words: int
    stop_ratio: float  # function words among the words
    capital_ratio: float  # capitalised words among the other words (Title Case is near 1)
    lower_words: int  # words other than function words that start in lower case
    sentence: bool  # ends like a sentence (or a lead-in colon)

    @property
    def prose(self) -> bool:
        """A paragraph of running text: long, not in Title Case, and either a sentence or
        full of function words (a paragraph whose last sentence lost its full stop)."""
        if self.words < PROSE_WORDS:
            return False
        if self.capital_ratio >= 0.5:
            # No headline or menu runs to LONG_SENTENCE words and a full stop: a press
            # release's sentence is full of names ("Hyatt Hotels Corporation (NYSE: H)
            # announced the opening of Nam Nghi Phu Quoc ... The Unbound Collection by Hyatt").
            return self.named_sentence and self.words >= LONG_SENTENCE
        return self.sentence or self.stop_ratio >= 0.3

    @property
    def named_sentence(self) -> bool:
        """A long sentence that fails `prose` only for its capitals ("Dr. Smith and Gov.
        Newsom met with U.S. Sen. Elizabeth Warren, D-Mass., at 10 Downing St."): a word in
        lower case that is not a function word shows it is not a Title Case headline."""
        return self.sentence and self.words >= PROSE_WORDS and self.lower_words > 0


# A bracketed note closing a paragraph, "... brain damage. [Top image: Creativa, Notes: X]":
# its names and missing full stop say nothing of the paragraph's shape.
_CLOSING_NOTE = re.compile(r"(?<=[.!?\u2026\"\u201d])\s*\[[^\[\]]{1,400}\]$")


def line_info(text: str) -> LineInfo:
    text = text.strip()
    shape = _CLOSING_NOTE.sub("", text)
    words = _WORD.findall(shape)
    alpha = [w for w in words if not w.isdigit()]
    stops = sum(1 for w in alpha if w.lower() in STOPWORDS)
    capitals = sum(1 for w in alpha if w[:1].isupper() and w.lower() not in STOPWORDS)
    return LineInfo(
        text=text,
        words=len(words),
        stop_ratio=stops / max(len(alpha), 1),
        capital_ratio=capitals / max(len(alpha) - stops, 1),
        lower_words=len(alpha) - stops - capitals,
        sentence=bool(_SENTENCE_END.search(shape)),
    )


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


_MONTH = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janvier|février|mars|avril|mai|juin"
    r"|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio"
    r"|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
# A clock time, "3 hours ago", a month with a day, or a numeric date.
_STAMP = re.compile(
    r"\b\d{1,2}[:h]\d{2}\b|\bago\b|\bhace\b|\bil y a\b"
    rf"|\b(?:{_MONTH})[a-zé]*\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+(?:{_MONTH})[a-zéû]*\.?(?!\w)"
    r"|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b",
    re.IGNORECASE,
)


def is_stamp(item: LineInfo) -> bool:
    """A short line that carries a date or time: a dateline, or a comment's time stamp."""
    return item.words <= 14 and not item.sentence and bool(_STAMP.search(item.text))


# Where the readers' comments start: a heading or count with the word, a "Posted by" or
# "... said:" line. Short lines only: "He declined to comment." is a sentence.
_COMMENTS = re.compile(
    r"\b(?:comments?|comentarios?|commentaires?|kommentare?|reactions?|réactions?)\b"
    r"|^(?:posted|submitted|soumis) (?:by|par)\b|^comentar$"
    r"|^join the (?:discussion|conversation)\b|^discussion$",
    re.IGNORECASE,
)
# A blog's comments heading, with the post's title in it: "5 thoughts on “JSON parsing”",
# "One response to ...".
_THOUGHTS = re.compile(
    r"^(?:\d+|one|two|three|no)\s+(?:thoughts?|responses?|replies|reply)\s+(?:on|to)\b",
    re.IGNORECASE,
)
_FOOTER = re.compile(r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b)|all rights reserved", re.IGNORECASE)


# A comment's header: "jo on Sep 21, 3:38 PM said:". With no time in it, "The statement
# said:" is the story leading into a quotation.
_SAID = re.compile(
    r"\b(?:said|wrote|says|sagt|schrieb|schreibt|dit|a écrit|dice|escribió|disse|scrive):$",
    re.IGNORECASE,
)


def says_header(item: LineInfo) -> bool:
    """ "degski says:", "Rafael sagt:": a comment's header when a time stamp follows it."""
    return item.words <= 6 and bool(_SAID.search(item.text))


# The comments' heading that counts them: "3 comments:", "No comments", "12 Responses".
_COMMENT_COUNT = re.compile(
    r"^(?:\d+|no|one|two|three|four|five)\s+(?:comments?|responses?|repl(?:y|ies)|reactions?)\s*:?$",
    re.IGNORECASE,
)


def is_comment_marker(item: LineInfo) -> bool:
    if _COMMENT_COUNT.match(item.text):
        return True
    if item.words <= 14 and _SAID.search(item.text) and _STAMP.search(item.text):
        return True
    if item.words <= 25 and _THOUGHTS.search(item.text):
        return True
    return item.words <= 8 and not item.sentence and bool(_COMMENTS.search(item.text))


def is_footer(item: LineInfo) -> bool:
    return bool(_FOOTER.search(item.text))


def is_link_heading(item: LineInfo) -> bool:
    """ "Related stories", "Most popular": a list of other articles follows."""
    return bool(LINK_SECTION.match(item.text))
