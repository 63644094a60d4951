"""Links to elsewhere: "Related: ..." lines, headings over lists of other stories, and
navigation rows ("Home | News | Sport")."""

from __future__ import annotations

import re

from narrator.text.clean.lines import is_sentence

# Prefix-led link lines: "Related: Council delays vote", "READ MORE: ...", "Tags: a, b".
_LINK_PREFIX = re.compile(
    r"^(?:related|read more|read next|see also|also read|more|watch|listen|tags|topics"
    r"|filed under|more on|recommended|explore more)\s*(?:stories|articles)?"
    r"\s*[:|\u203a\u00bb>]\s*\S",
    re.IGNORECASE,
)


_TAG_HEADINGS = "tags|topics|categories|filed under|related topics"
# Headings that start a list of links to other stories; the headlines after them go too.
LINK_SECTION = re.compile(
    r"^(?:related(?: (?:stories|articles|posts|coverage|content|links|reading))?"
    r"|read (?:more|next)"
    r"|more (?:from|on|in) .{1,40}|more stories|more news|most (?:read|popular|viewed|shared)"
    r"|other (?:stories|news|headlines|articles)|more headlines"
    r"|more (?:[\w&-]+\s){1,2}(?:insights|stories|news|coverage|articles|headlines|videos)"
    r"|about (?:the )?authors?"
    r"|recommended(?: for you| stories| reading)?|you (?:may|might) also like|trending(?: now)?"
    r"|top stories|latest(?: news| stories| headlines)?|what to read next|further reading"
    r"|editor'?s picks|popular(?: now| stories)?|around the web|from our partners"
    r"|(?:next up|up next)(?: in .{1,30})?|\w+ recommends|more in .{1,40}"
    # a box of text ads: "Ads by Google", "Ads by Yahoo!", "Sponsored links"
    r"|ads by \w+!?|(?:sponsored|promoted) (?:links|stories|content|listings)"
    rf"|{_TAG_HEADINGS})[\s:]*$",
    re.IGNORECASE,
)
# ... of which these head the story's own tags, not other stories (they may stand under the
# headline, above the story).
TAGS = re.compile(rf"^(?:{_TAG_HEADINGS})[\s:]*$", re.IGNORECASE)


# ... and a colon with a space before it ("Home : News : World News :"; a headline's colon
# has none: "Review: A quiet film").
_NAV_SEPARATORS = re.compile(r"\s*(?:\||\u2022|\u00b7|\u203a|\u00bb|>|/)\s*|\s:(?:\s+|$)")


def is_nav_row(line: str) -> bool:
    """'Home | News | Sport' or 'World > Europe': short pieces split by separators; a
    breadcrumb may end on the page's own title ('Home » LIFESTYLE » Health Experts Say ...')."""
    pieces = [p for p in _NAV_SEPARATORS.split(line) if p]
    if len(line) > 160 or len(pieces) < 2 or is_sentence(line):
        return False
    crumbs = pieces[:-1] if len(pieces) >= 3 and _BREADCRUMB.search(line) else pieces
    return len(" ".join(crumbs)) <= 120 and all(
        len(p.split()) <= 3 and (p[:1].isupper() or p[:1].isdigit()) and not is_sentence(p)
        for p in crumbs
    )  # "SHARE / TWEET / 82 COMMENTS" too


# A trail from the home page: "Home » Section » ..."
_BREADCRUMB = re.compile(r"^\s*home\s*(?:\u00bb|\u203a|>)", re.IGNORECASE)


def _long_sentence(line: str) -> bool:
    # "Read more: the council said on Tuesday that ..." is prose, not a link.
    return len(line.split()) > 30


# A teaser's excerpt of another story, cut short by its site: "... it would probably be […]".
_EXCERPT_END = re.compile(r"\[\s?(?:…|\.\.\.|&hellip;)\s?\]\s*$")
# The button under a teaser card: "Read more", "READ THE REST", "Continue reading".
READ_MORE = re.compile(
    r"^(?:read (?:more|the rest|the full (?:story|article|post))|continue reading|keep reading"
    r"|full story)\W{0,3}$",
    re.IGNORECASE,
)


# A feed entry's or a teaser's link to the rest, after its last sentence: "... officials said.
# Continue reading →", "... Continue reading Council approves harbor plan" (WordPress feeds)
_READ_MORE_TAIL = re.compile(
    r"(?<=[.!?\"\u201d\u2019)])\s+(?:continue reading|read more|read the rest|keep reading"
    r"|read the full (?:story|article|post))\b[^.!?]{0,150}?\s*[\u2192\u00bb\u203a.\u2026]*\s*$",
    re.IGNORECASE,
)


def cut_read_more(line: str) -> str:
    """`line` without a link to the rest of the story after its last sentence."""
    return _READ_MORE_TAIL.sub("", line)


# A quotation whose writer left out what follows a whole sentence ("... told 36Kr. [...]")
# is the story's; a teaser is cut mid-sentence, or cut at both ends ("[…] Here's ... […]").
_ELIDED_AFTER_SENTENCE = re.compile(
    r"[.!?][\"”’]?\s?\[\s?(?:…|\.\.\.|&hellip;)\s?\]\s*$"  # noqa: RUF001 - the quote is meant
)
_EXCERPT_START = re.compile(r"^\s*\[\s?(?:…|\.\.\.|&hellip;)\s?\]")


def is_excerpt(line: str) -> bool:
    if not _EXCERPT_END.search(line):
        return False
    return bool(_EXCERPT_START.match(line)) or not _ELIDED_AFTER_SENTENCE.search(line)


# A teaser's dek cut off in mid-sentence by its site: "... incorporating the latest...", "...
# are popping up in gay communities…" (a word or a comma right before the dots, no quote), or
# stamped with its time ("... one step closer to making his dream come true.- 7:57 pm"), or
# closed by its card's button ("... are dreary time-wasters. Full Story").
_CUT_SHORT_END = re.compile(
    r"[\w,]\s?(?:\.\.\.|…)\s*$"
    r"|[.!?…]\s?[-\u2013]\s?\d{1,2}:[0-5]\d\s?[ap]\.?m\.?\s*$"
    r"|[.!?…\"”]\s?(?:full story|read more|continue reading|read the full story)\W{0,3}$",
    re.IGNORECASE,
)
CUT_SHORT_WORDS = 8  # the fewest words of such a dek


def is_cut_short(line: str) -> bool:
    """A line that may be a teaser's dek cut short. One such paragraph may be the story's (a
    sentence that trails off); the caller counts them on the page."""
    return bool(_CUT_SHORT_END.search(line)) and len(line.split()) >= CUT_SHORT_WORDS


def is_link_line(line: str) -> bool:
    return len(line) <= 200 and bool(_LINK_PREFIX.match(line)) and not _long_sentence(line)
