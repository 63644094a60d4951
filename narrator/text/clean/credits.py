"""Photo credits and the captions they sign.

"Photo: Jane Smith/Reuters" alone or after its caption, "(AP Photo/Evan Vucci)".
"""

from __future__ import annotations

import re

from narrator.text.clean.lines import full

# Photo credits with no caption: "Photo: Jane Smith/Reuters", "(AP Photo/Evan Vucci)".
CREDIT_ONLY = full(
    r"(?:photo|photograph|image|picture|credit|illustration|video|graphic)s?"
    r"(?: credit)?\s*(?::|by)\s*.{1,80}",
    r"\(?(?:ap|afp|reuters|getty|epa|shutterstock|pa)(?: images?)?(?: photo)?\s*/.{1,60}\)?",
    r"(?:getty images|reuters|ap photo|afp|shutterstock|alamy|epa|pa images?)"
    r"(?:\s*(?:via|/)\s*.{1,40})?",
    # "Courtesy of Zillow", "Photo courtesy of the family": a line that is only that.
    r"(?:(?:photo|image|picture)s?\s+)?courtesy(?:\s+of)?\s+[^.!?,;]{1,50}",
)


# "Photo: Jane Smith/Reuters" after a caption, or "(AP Photo/Evan Vucci)".
_CREDIT_TAIL = re.compile(
    r"(?:\s*[|\u2013\u2014-]?\s*(?:\(?(?:photo|photograph|image|picture|credit|illustration)s?"
    r"(?: credit)?\s*(?::|by)\s*[^.!?]{1,80}\)?"
    r"|\((?:ap|afp|reuters|getty|epa|pa)[^()]{0,60}\)"
    r"|\((?:(?:photo|image|picture)s?\s+)?courtesy(?:\s+of)?\s[^()]{1,60}\)"
    r"|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}\s*/\s*(?:getty images|reuters|ap|afp|epa"
    r"|shutterstock|bloomberg|alamy|pa(?: images)?)(?: via [^.]{1,40})?))\s*\.?$",
    re.IGNORECASE,
)


def caption_core(line: str) -> str | None:
    """The caption of "Caption text. Photo: Jane Smith/Reuters", None if no credit."""
    m = _CREDIT_TAIL.search(line)
    if not m or m.start() == 0:
        return None
    return line[: m.start()].strip()


def is_credit_only(line: str) -> bool:
    return bool(CREDIT_ONLY.match(line)) and len(line) <= 120


_DOUBLED_WORDS = 10  # a caption's opening words, shown again
_DOUBLED_MAX_WORDS = 150  # twice a caption and its credit, at the most


def is_doubled(line: str) -> bool:
    """A caption the page shows twice in one block, often with its credit between ("Pablo
    Sandoval hits an RBI double during the first inning. Photo: Jeff Chiu, AP Pablo Sandoval
    hits an RBI double during the first inning."): its first ten words come again later in
    the line. A story's paragraph may repeat a phrase ("there is no way to maintain ...", six
    words), not ten words of its opening."""
    words = [w.strip(".,;:!?\"'()\u201c\u201d\u2018\u2019").lower() for w in line.split()]
    if not 2 * _DOUBLED_WORDS <= len(words) <= _DOUBLED_MAX_WORDS:
        return False  # (a whole story in one block may quote its own standfirst)
    opening = words[:_DOUBLED_WORDS]
    return any(
        words[i : i + _DOUBLED_WORDS] == opening
        for i in range(_DOUBLED_WORDS, len(words) - _DOUBLED_WORDS + 1)
    )
