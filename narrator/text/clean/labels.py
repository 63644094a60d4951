"""Labels: a whole line that is an ad marker, a badge, a share or follow button, navigation,
a listen widget's controls, a consent button, a link-list heading, newsletter wrapping, a job
title or a copyright line. Each pattern is anchored to the whole line, so "He declined to share
the data." or "Subscribers rose 12%." never match: only a line that *is* the label does.
"""

from __future__ import annotations

import re

from narrator.text.clean.credits import CREDIT_ONLY
from narrator.text.clean.lines import full

_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|email|e-mail|print"
    r"|copy link|copy|messenger|bluesky|threads|instagram|tiktok|youtube|flipboard|sms|mail"
)


# A byline's job title: "Staff writer", "Transport correspondent", "Senior health reporter".
# Up to three words of beat or rank before it, none of them a function word ("She was a
# reporter" is a sentence without its full stop).
_RANK = r"(?!(?:a|an|the|is|was|were|be|she|he|i|we|they|her|his|our|their|my|your|and|of|to)\b)"
JOB_TITLE = full(
    rf"(?:{_RANK}[a-z]+[ -]){{0,3}}"
    r"(?:reporter|correspondent|writer|editor|columnist|contributor|journalist|producer)s?",
)


# Whole-line furniture. Each alternative is anchored, so "He declined to share the data."
# or "Subscribers rose 12%." never match: only a line that *is* the label does.
LABELS: list[re.Pattern[str]] = [
    # Advertising.
    full(
        r"advertisement|advert|advertising|ad|ads|sponsored|sponsored content|promoted"
        r"|paid (?:content|post|partnership)|partner content|presented by .{1,40}",
        r"(?:advertisement[\s:-]*)?(?:story|article|text) continues (?:below|after)"
        r"(?: (?:this )?(?:ad|advertisement))?",
        r"(?:advertisement[\s:-]*)?(?:scroll|continue reading)(?: down)?(?: to continue)?"
        r"(?: (?:below|reading))?",
        r"report (?:this )?ad|remove ads|ad feedback|close ad|skip ad",
    ),
    # Reading time and other badges.
    full(
        r"(?:estimated )?reading time[\s:]*(?:about )?\d+(?:\s*[-\u2013]\s*\d+)?"
        r"\s*(?:min(?:ute)?s?)?",
        r"\d+(?:\s*[-\u2013]\s*\d+)?[\s-]*min(?:ute)?s?(?: read| reading| listen)?",
        r"verified|fact[\s-]?checked|fact[\s-]?check(?:ed)? by .{1,40}|reviewed by .{1,40}"
        r"|editorially (?:reviewed|independent)|trusted source|our standards.{0,60}"
        r"|medically reviewed(?: by .{1,40})?|editor'?s (?:pick|choice)|exclusive|breaking"
        r"|opinion|analysis|premium|subscriber(?:s)?[\s-]only|free to read|live|updated",
    ),
    # Sharing, following, subscribing, accounts.
    full(
        rf"(?:share|tweet|post|send)(?: (?:this|the))?(?: (?:article|story|page|post|link))?"
        rf"(?: (?:on|via|by|to) (?:{_SOCIAL}))?",
        rf"(?:{_SOCIAL})(?:\s*[,|/\u00b7\u2022]?\s*(?:{_SOCIAL}))*",
        # an icon's name glued to its button: "Twitter Share on Twitter"
        rf"(?:{_SOCIAL}) (?:share|post|tweet) (?:on|to|via) (?:{_SOCIAL})",
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
        # the print and mail tools: "Printable Version", "Email This", "Order Reprints"
        r"print(?:able|er[- ]friendly)(?: version| page)?|printer[- ]friendly|print this"
        r"(?: (?:article|story|page))?|e-?mail this(?: (?:article|story|page))?"
        r"|(?:order )?reprints?|text size|font size|page \d+ of \d+",
    ),
    # Navigation.
    full(
        r"skip to (?:main |the )?(?:content|navigation|main|article|search|footer)",
        r"jump to(?: .{1,30})?|back to top|top of page|scroll to top|go to top",
        r"(?:main )?menu|search|close|open|toggle navigation|navigation|sections|more|home|homepage"
        r"|next|previous|prev|next (?:article|story)|previous (?:article|story)|see all|view all"
        r"|show more|load more|read more|read the rest|keep reading|continue reading|full story"
        r"|expand|collapse|edition"
        r"|you are here",
        r"(?:enlarge|expand|toggle|hide|show|view) (?:this )?(?:image|caption|photo|gallery|video)"
        r"|open (?:image|photo) in gallery|image \d+ of \d+|\d+ of \d+|\d+ (?:photos|images)",
    ),
    # The labels of an audio "listen" widget: voice pickers, speeds, WPM, timestamps.
    full(
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
    full(
        r"accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|agree|i agree|got it|ok(?:ay)?"
        r"|manage (?:preferences|settings|cookies|choices)|cookie (?:settings|policy|preferences)"
        r"|privacy (?:policy|settings)|terms(?: of (?:use|service))?|do not sell.{0,40}",
    ),
    # Photo credits with no caption.
    CREDIT_ONLY,
    # Link lists and tags.
    full(
        r"(?:related|read more|read next|see also|also read|more from .{1,40}|more on this story"
        r"|recommended(?: for you)?|you may also like|you might also like|most read|most popular"
        r"|trending(?: now)?|top stories|latest(?: news| stories)?|more stories|popular"
        r"|related (?:stories|articles|coverage|content|topics|links)|further reading"
        r"|what to read next|in other news|editor'?s picks)",
    ),
    # Email newsletter wrappers.
    full(
        r"view (?:this email |it )?(?:in|on) (?:your|a|the) (?:browser|web)|forward to a friend"
        r"|unsubscribe(?:\s*\|.{0,40})?|update your (?:email )?preferences"
        r"|you(?:'re| are) receiving this (?:email|newsletter|message) because.{0,100}",
    ),
    # A byline's job title on its own line.
    JOB_TITLE,
    # The labels a page gives its media for screen readers: "Image source, PA Media",
    # "Image caption, Commuters face higher fares", "Media caption, Watch: ...".
    full(
        r"(?:image|media|video|audio|photo|picture) (?:source|caption|credit|description),.{1,200}"
    ),
    # Copyright lines.
    full(r"(?:©|\(c\)|copyright)\s*\d{4}.{0,100}", r".{0,80}all rights reserved.{0,40}"),
]


def is_job_title(line: str) -> bool:
    return len(line) <= 60 and bool(JOB_TITLE.match(line))


def is_label(line: str) -> bool:
    return len(line) <= 160 and any(p.match(line) for p in LABELS)
