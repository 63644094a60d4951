"""Where the article body of a pasted page starts and ends, and which line is its headline.

A reader who selects a whole news page and copies it pastes the page: menus and section labels,
then the headline, byline and date, the story with captions and boxes of links inside it, then
teasers for other stories, the comments and the footer. The story is the densest run of prose on
the page, so it is found as the run of lines with the largest sum of gains (Kadane's maximum
subarray): a prose line gains its word count, any other line costs a little (a caption or
subheading inside the story is crossed, a long menu is not).

Three kinds of evidence stop the run: the page footer (copyright), a heading over other stories
(costly, but a short gap never costs more than GAP_CAP, so one box of related links inside the
story does not split it), and the start of the readers' comments once the story has begun
(nothing after that is the article); a link to the comments ("Write a comment" above the story,
"Comments feed" in a sidebar) only where the story does not follow it. A paragraph of the
story that ends in a colon announces a list: its items (short lines with no full stop, "@POTUS
on Twitter will be archived at @POTUS44") are the story's, up to a line that is no item
(furniture, a heading over other stories, a stamp). The headline is the short line above the
body whose words the first paragraphs repeat: a caption or a menu entry shares few.

Only long pastes are trimmed, and only on a side with more than a few lines: a clean article
pasted on its own keeps its first lines (a headline, a byline) for the line rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from narrator.text.clean.bylines import byline_author, is_bio, titled_byline
from narrator.text.clean.credits import caption_core, is_credit_only
from narrator.text.clean.dates import is_date_line
from narrator.text.clean.furniture import is_furniture
from narrator.text.clean.lines import normalize_space
from narrator.text.clean.links import READ_MORE, TAGS, is_cut_short, is_excerpt, is_link_line
from narrator.text.clean.prose import (
    LineInfo,
    content_words,
    is_comment_marker,
    is_footer,
    is_link_heading,
    is_stamp,
    line_info,
    says_header,
)
from narrator.text.clean.wraps import BULLET
from narrator.text.clean.wraps import WIDEST as WRAPPED_WIDTH  # no longer line: wrapped

CUT_AFTER = 100  # prose words of the story seen before a comments marker ends the page
COMMENT_LOOKAHEAD = 8  # lines after a link to the comments searched for the story's prose
_COMMENT_LINK = re.compile(
    r"\b(?:write|leave|post|add|make|view|show|read)\s+(?:a\s+|an\s+|all\s+)?comments?\b"
    r"|\bcomments?\s+(?:feed|rss)\b|^\s*join the (?:discussion|conversation)\W*$",
    re.IGNORECASE,
)
AFTER_LINKS_SHARE = 0.25  # of a prose line's words gained after a heading over other stories
GAP_CAP = 25.0  # the most a short gap between two runs of prose costs
LIST_ITEM_SHARE = 0.5  # of its words, what an item of a list the story announced gains
LIST_ITEM_WORDS = 3  # the fewest words of such an item
TYPED_ITEM_WORDS = 2  # ... and of an item with its marker typed, the marker included
TEASER_COST = -20.0  # a paragraph with "Read more" under it: another story's teaser
CUT_SHORT_TEASERS = 3  # deks cut short on a page that make them a list of other stories
OTHER_COST = -12.0  # what such a dek costs: a long line that is not the story's
GAP_LINES = 15  # a gap of more non-empty lines than this costs all it adds up to
MIN_LINES = 12  # pastes with fewer non-empty lines are left whole
KEEP_EDGE = 3  # a side with at most this many lines outside the body is kept
TAIL_LINES = 3  # short closing sentences taken after the last long paragraph
CROSSED_LINES = 3  # credits and inline links crossed on the way to them
WRAPPED_LINES = 8  # the most lines of one wrapped paragraph taken after the body's last
TITLE_WINDOW = 40  # lines above the body searched for the headline
TITLE_OVERLAP = 0.4  # share of the headline's words that the first paragraphs repeat
TITLE_OVER_BYLINE = 0.15  # what a line gains as a headline with a byline or date under it


def gain(item: LineInfo) -> float:
    """What a line adds to the body: its words if prose, a cost otherwise."""
    if not item.text:
        return 0.0
    if is_footer(item):
        return -60.0
    if is_link_heading(item):
        return -40.0
    if item.prose and not is_furniture(item.text) and not is_bio(item.text):
        return float(item.words)
    if item.named_sentence and not is_bio(item.text):
        return 0.25 * item.words  # the story's, most likely, or a caption's
    if is_stamp(item):
        return -20.0  # a dateline, or a comment's time stamp
    return -2.0 - 0.5 * min(item.words, 20)


def _segments(lines: Sequence[str]) -> list[tuple[int, int, float]]:
    """(first, last, gain) of each prose line and of each gap of other lines between them;
    the list ends where the readers' comments start. Once the story has begun, prose after a
    heading over other stories gains only AFTER_LINKS_SHARE of its words: there it is most
    likely a teaser's dek, and the story, if it goes on after a box of links, still adds up
    while teasers between their dates and bylines do not."""
    out: list[tuple[int, int, float]] = []
    gap: list[int] = []
    # A "Read more" button repeated down the page closes teaser cards; once, under the lede,
    # it may open the rest of the story ("Continue Reading" on a paginated article).
    buttons = Counter(x.strip().lower() for x in lines if READ_MORE.match(x.strip()))
    # Excerpts cut short ("... it would probably be […]"): a list of them is other stories; one
    # may be a quotation's elision at the end of a paragraph of the story.
    excerpts = sum(1 for x in lines if is_excerpt(x))
    # Deks cut off in mid-sentence ("... incorporating the latest..."): a few of them on the
    # page are a list of other stories; a story's paragraph that trails off is one or two.
    cut_short = sum(1 for x in lines if is_cut_short(x))
    gap_gain, hard, seen = 0.0, False, 0.0
    # Prose words since the last long gap, and the most of any such run: the story has begun
    # once one run holds CUT_AFTER words (teasers scattered down a page add up to no story).
    run = best = 0.0
    after_links = False  # a heading over other stories has been passed, the story begun
    listing = False  # a prose line ending in a colon has opened a list of the story's items

    def close_gap() -> None:
        nonlocal gap_gain, hard, run
        if gap:
            capped = hard or len(gap) > GAP_LINES
            out.append((gap[0], gap[-1], gap_gain if capped else max(gap_gain, -GAP_CAP)))
            run = 0.0 if capped else run
        gap.clear()
        gap_gain, hard = 0.0, False

    for i, line in enumerate(lines):
        item = line_info(line)
        if not item.text:
            continue
        card = READ_MORE.match(item.text) and buttons[item.text.lower()] >= 2
        if card and out and not gap and out[-1][0] == out[-1][1]:
            # "Read more" under a paragraph: a teaser card for another story, not the story
            first, _, value = out.pop()
            seen -= value
            gap.append(first)
            gap_gain, hard = TEASER_COST, True
        # A "Comments" link in the share bar under the headline does not end the page.
        if best >= CUT_AFTER and (
            (is_comment_marker(item) and _comments_follow(lines, i)) or _comment_header(lines, i)
        ):
            break
        dek = cut_short >= CUT_SHORT_TEASERS and is_cut_short(item.text)
        if item.prose and not is_furniture(item.text) and not dek:
            close_gap()
            out.append((i, i, gain(item) * (AFTER_LINKS_SHARE if after_links else 1.0)))
            seen += item.words
            run += item.words
            best = max(best, run)
            listing = item.text.rstrip().endswith(":") and not after_links
            continue
        if listing and _list_item(item):
            # "... at the following handles:" then its items: the story's own list, not a gap
            close_gap()
            out.append((i, i, LIST_ITEM_SHARE * item.words))
            continue
        if _typed_item(item):
            # A list its writer typed ("- 2 cups flour", "3. Fold in the flour") adds to the
            # lines around it, as the story's own list does, without ending their gap.
            gap.append(i)
            gap_gain += LIST_ITEM_SHARE * item.words
            continue
        listing = False
        # Teaser cards ("[…]", a repeated "Read more") once the story has begun: what follows
        # is other stories, as after a heading over them.
        teaser = bool(card) or (excerpts >= 2 and is_excerpt(item.text)) or dek
        # A heading over the story's tags ends it only below the story, not under its headline
        after_links = after_links or (
            seen >= CUT_AFTER
            and is_link_heading(item)
            and (best >= CUT_AFTER or not TAGS.match(item.text))
        )
        after_links = after_links or (seen > 0 and teaser)
        gap.append(i)
        gap_gain += OTHER_COST if dek else gain(item)
        hard = hard or is_footer(item) or teaser
    close_gap()
    return out


def _list_item(item: LineInfo) -> bool:
    """A line that can be an item of a list the story announced: a few words, no furniture,
    no heading over other stories, no footer."""
    return item.words >= LIST_ITEM_WORDS and not (
        is_furniture(item.text) or is_link_heading(item) or is_footer(item) or is_stamp(item)
    )


def _typed_item(item: LineInfo) -> bool:
    """An item of a list with its marker typed in the text ("- ", "* ", "1. "). A browser's
    copy leaves list markers out (they are the page's style, not its text), so these come from
    a text its writer typed: an article pasted from an editor, an email or a Markdown file."""
    return (
        bool(BULLET.match(item.text))
        and len(item.text.split()) > TYPED_ITEM_WORDS
        and not (
            is_furniture(item.text) or is_link_heading(item) or is_footer(item) or is_stamp(item)
        )
    )


def _comment_header(lines: Sequence[str], i: int) -> bool:
    """A comment's header over its own line: "Rafael sagt:", then "1. Juni 2016 um 18:47 Uhr"."""
    if not says_header(line_info(lines[i])):
        return False
    following = next((x for x in lines[i + 1 :] if x.strip()), "")
    return is_stamp(line_info(following))


def _comments_follow(lines: Sequence[str], marker: int) -> bool:
    """Whether the comments start at `marker`. A link to the comment form ("Write a comment")
    may stand above the story, and a blog's sidebar lists a "Comments feed": such a line
    starts the comments only where no paragraph of prose follows it closely."""
    if not _COMMENT_LINK.search(lines[marker]):
        return True
    near = [line_info(x) for x in lines[marker + 1 :] if x.strip()][:COMMENT_LOOKAHEAD]
    return not any(x.prose for x in near)


def body_span(lines: Sequence[str]) -> tuple[int, int] | None:
    """First and last line of the densest run of prose, or None when there is no prose."""
    best, span = 0.0, None
    total, start = 0.0, 0
    for first, last, value in _segments(lines):
        if total <= 0:
            total, start = 0.0, first
        total += value
        if total > best:
            best, span = total, (start, last)
    return span


def _paragraph_end(lines: Sequence[str], end: int) -> int:
    """`end`, or the last line of its paragraph when that line stops mid-sentence in a paste
    that wraps its paragraphs over several lines (a plain-text email; a browser's copy puts a
    paragraph on one line): the wrapped lines after it are not prose one by one."""
    if line_info(lines[end]).sentence or max(map(len, lines)) > WRAPPED_WIDTH:
        return end  # it ends a sentence, or the paste has a paragraph on one line
    last = end
    while last + 1 < len(lines) and lines[last + 1].strip() and last - end < WRAPPED_LINES:
        last += 1
    return last if last + 1 >= len(lines) or not lines[last + 1].strip() else end


_CAPTION_START = re.compile(r"(?:FILE\b|[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?:)")


def _named_lede(lines: Sequence[str], start: int) -> int:
    """`start`, or the line above it when that is a long sentence that fails `prose` only for
    its names ("CENTER POINT — Three students from Center Point High School received ...
    from Alabama A&M University."): a lede full of names, right above the story."""
    above = next((i for i in range(start - 1, -1, -1) if lines[i].strip()), None)
    if above is None:
        return start
    item = line_info(lines[above])
    named = item.named_sentence and not item.prose and not is_furniture(item.text)
    # Not an editor's note in brackets, nor a caption ("Apr. 8: President Obama signs ...",
    # "FILE - ...", "... (Photo: AP)")
    aside = item.text.startswith("(") or _CAPTION_START.match(item.text)
    return above if named and not aside and caption_core(item.text) is None else start


def _closing_lines(lines: Sequence[str], end: int) -> int:
    """The last line of the body, taking short closing sentences ("He declined.") after
    the last long paragraph, across the photo credits and inline "Related:" links that sit
    between the story's paragraphs (the line rules drop those)."""
    taken, crossed = 0, 0
    for i in range(end + 1, len(lines)):
        item = line_info(lines[i])
        if not item.text:
            continue
        if crossed < CROSSED_LINES and (is_credit_only(item.text) or is_link_line(item.text)):
            crossed += 1
            continue
        closing = item.sentence and item.words >= 3 and item.stop_ratio >= 0.2
        if taken >= TAIL_LINES or not closing or is_furniture(item.text) or is_bio(item.text):
            break
        if is_footer(item):  # "Copyright 2013 The Associated Press. All rights reserved."
            break
        end, taken = i, taken + 1
    return end


def headline_index(lines: Sequence[str], start: int) -> int | None:
    """The headline above the body: short, no full stop, not a byline, date or label, and
    the one whose words the first paragraphs repeat most."""
    lede: set[str] = set()
    for line in lines[start : start + 12]:
        lede |= content_words(line)
    best, best_i = 0.0, None
    for i in range(max(start - TITLE_WINDOW, 0), start):
        text = normalize_space(lines[i])
        words = len(text.split())
        if not 3 <= words <= 25 or text.endswith(".") or is_furniture(text):
            continue
        if byline_author(text) or is_date_line(text) or is_stamp(line_info(text)):
            continue
        if is_credit_only(text) or caption_core(text) is not None:
            continue  # a photo credit or a caption signed by one: its names are the lede's
        content = content_words(text)
        if len(content) < 2:
            continue
        score = len(content & lede) / len(content) + 0.01 * min(words, 12)
        # A headline stands over its byline or its date ("4th March 2026"), as a label or a
        # teaser's title in a list seldom does
        below = next((normalize_space(x) for x in lines[i + 1 : start] if x.strip()), "")
        if below and (byline_author(below) or is_date_line(below) or is_stamp(line_info(below))):
            score += TITLE_OVER_BYLINE
        if score > best + 0.05:  # an earlier line wins a near tie: captions come later
            best, best_i = score, i
    return best_i if best >= TITLE_OVERLAP else None


def page_body(lines: list[str]) -> list[str]:
    """The lines of a pasted page that hold the article: its headline, a blank line, then
    the body region; `lines` unchanged when the paste is short or has no clear body."""
    filled = [i for i, x in enumerate(lines) if x.strip()]
    span = body_span(lines) if len(filled) >= MIN_LINES else None
    if span is None:
        return lines
    start, end = _named_lede(lines, span[0]), _closing_lines(lines, _paragraph_end(lines, span[1]))
    before = [i for i in filled if i < start]
    after = [i for i in filled if i > end]
    # A few lines after the story are kept for the line rules, but not from a page's footer on
    if len(after) <= KEEP_EDGE and not any(is_footer(line_info(lines[i])) for i in after):
        end = len(lines) - 1
    if len(before) <= KEEP_EDGE:
        return lines[: end + 1]
    title = headline_index(lines, start)
    head = [lines[title], ""] if title is not None else []
    # The byline above the body goes along: the line rules take the author from it.
    near = before[-TITLE_WINDOW:]
    for k in reversed(range(len(near))):
        line, below = lines[near[k]], lines[near[k + 1]] if k + 1 < len(near) else ""
        if byline_author(line):
            head += [line, ""]
            break
        if titled_byline(line, below):
            head += [line, below, ""]  # the job title below says it is a byline: keep both
            break
    return head + lines[start : end + 1]
