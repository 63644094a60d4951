"""Notices written to the reader: cookie banners, prompts to subscribe or follow, appeals for
money, an email's notes about itself. Each is told from body text by who speaks to whom, not
by its words alone."""

from __future__ import annotations

import re

from narrator.text.clean.lines import words

# Cookie notices: written to "you" about "cookies"; a story about cookies is not.
_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|our partners)\b.{0,60}\bcookies?\b"
    r"|\bcookies?\b.{0,80}\byour (?:consent|experience|preferences|device|browser)\b"
    r"|\bby (?:continuing|clicking|using|signing up|subscribing|registering|submitting)\b"
    r".{0,60}\byou (?:agree|accept|consent)"
    # data-protection notices beside a sign-up form: "The administrator of your personal data"
    r"|\b(?:administrator|controller|processing) of (?:your )?personal data\b",
    re.IGNORECASE,
)

# ... or about consent and its policies, to the reader or as the site ("we", "our"): a story
# says "the retailer used cookies without its customers' consent"
_COOKIE_CONSENT = re.compile(
    r"\bcookies?\b.{0,80}\b(?:consent|privacy policy|cookie policy)\b", re.IGNORECASE
)
_READER_OR_SITE = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)

# The site saying it uses cookies, however long the paragraph ("On this website we use cookies
# and similar functions to process ... up to 2202 third parties ..."): a story reports it.
_SITE_COOKIES = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site)\s+(?:and (?:our|selected|our selected) "
    r"(?:partners|vendors)\s+)?(?:use|uses|store|may use)\s+cookies\b",
    re.IGNORECASE,
)
# A consent dialog's purposes, in the wording consent managers share (the IAB's framework),
# written to "you": "Advertising and content can be personalised based on your profile".
_CONSENT = re.compile(
    r"\b(?:store and/or access information on a device|personali[sz]ed (?:advertising|ads|content)"
    r"|advertising and content (?:measurement|can be personali[sz]ed)|audience research"
    r"|precise geolocation|device characteristics|legitimate interests?|online identifiers"
    r"|(?:create|build|improve) (?:a )?profiles?)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)

# Prompts to subscribe or follow: an imperative plus where it lands, in a short line.
_PROMPT = re.compile(
    r"^(?:subscribe|sign up|signup|register|join|follow|get|download|stay|never miss|don'?t miss"
    r"|want|love|enjoy|like|support|become|try)\b.{0,120}\b(?:newsletter|inbox|updates|alerts"
    r"|our app|the app|subscriber|subscription|membership|member|sponsor|supporter|donor"
    r"|on (?:facebook|twitter|x"
    r"|instagram|linkedin|tiktok|youtube|threads|bluesky)|free trial|podcast)\b",
    re.IGNORECASE,
)

# Appeals for money or membership, written by the publication about itself ("we", "our").
_APPEAL = re.compile(
    r"\b(?:become an? (?:member|subscriber|supporter|patron)|support (?:us|our (?:journalism"
    r"|reporting|work|newsroom))|support independent journalism|donate (?:now|today)"
    r"|make a (?:contribution|donation)|(?:just|only) [£$€]\d+(?:\.\d\d)? (?:a|per|/)\s?"
    r"(?:month|week|year|mo)|subscribe (?:now|today|below)|sign up below"
    # a writer's own appeal: "please consider aiding its sustenance with a one-time or loyal
    # donation", "Need to cancel an existing donation? ... I treasure your kindness"
    r"|(?:one-time|loyal|recurring|monthly|existing) donation|donation in any amount"
    r"|consider (?:aiding|supporting|donating|a donation)|your support makes|patronage from readers"
    r")\b",
    re.IGNORECASE,
)
# A paywall's meter, written to the reader: "You have 1 article left to read this month before
# you need to register", "This is your last free story"
_METER = re.compile(
    r"\byou have (?:\d+|one|two|three|four|five|no) (?:free |more )?(?:articles?|stories|story"
    r"|reads?) (?:left|remaining)\b|\bthis is your (?:last|final) free (?:article|story)\b",
    re.IGNORECASE,
)
# A newsletter's sign-up prompt, whoever speaks: "try the Marginalian newsletter", "Subscribe
# below", "Sign up below"
_NEWSLETTER = re.compile(
    r"\b(?:(?:subscribe|sign up) below|(?:try|get|join) (?:the|our|my) (?:\w+ )?newsletter)\b",
    re.IGNORECASE,
)
# The site's notes on its own rules, written by it: "Read the rules you agree to by using this
# website in our Terms of Service", "We are a participant in the Amazon Services LLC
# Associates Program", "Boing Boing is published under a Creative Commons license".
_POLICY = re.compile(
    r"\b(?:our|this (?:web)?site'?s)\s+(?:privacy (?:policy|notice|statement)"
    r"|terms(?: of (?:service|use))?|cookie policy|community guidelines|forum rules"
    r"|user agreement|code of conduct)\b"
    r"|\bby using this (?:web)?site\b|\bassociates program\b|\baffiliate (?:links?|commissions?"
    r"|advertising program)\b",
    re.IGNORECASE,
)
# A site's licence line, in the third person: "... is published under a Creative Commons
# license except where otherwise noted".
_LICENSE = re.compile(
    r"\b(?:published|licensed|available) under an? creative commons\b.{0,60}"
    r"(?:except where otherwise noted|unless otherwise (?:noted|stated))",
    re.IGNORECASE,
)
# An email's notes to its reader about the email itself, in a newsletter read as an article:
# "You are receiving this email because you subscribed", "View this email in your browser",
# "Unsubscribe | Update preferences", "Was this forwarded to you?"
_MAILING = re.compile(
    r"\byou(?:'re| are) receiving this (?:e-?mail|message|newsletter)\b"
    r"|\bview (?:this|the|it|our) ?(?:e-?mail|newsletter|message|issue)? (?:in|on) (?:your|a|the) "
    r"(?:web )?browser\b|\bthis (?:e-?mail|message|newsletter) was sent (?:to|by)\b"
    r"|\b(?:update|manage|change) your (?:e-?mail |subscription |mailing )?"
    r"(?:preferences|subscriptions?|settings)\b"
    r"|(?:^|[|\u00b7\u2022])\W*(?:update|manage) (?:e-?mail |subscription )?"
    r"(?:preferences|subscriptions?)\b"
    r"|\bunsubscribe (?:here|now|at any time|from (?:this|our) (?:list|newsletter|e-?mails?))\b"
    r"|\badd (?:us|\S+@\S+) to your (?:address book|contacts|safe senders?)\b"
    r"|\b(?:was )?this (?:e-?mail|newsletter|message) forwarded to you\b"
    r"|\bforward (?:this (?:e-?mail|newsletter) )?to a friend\b|^\W*unsubscribe\W*$",
    re.IGNORECASE,
)
# A syndicated or fed copy's note on where it ran first: "The post Council approves harbor plan
# appeared first on Harbor City News." (WordPress feeds), "This article was originally published
# on The Conversation."
_SYNDICATED = re.compile(
    r"^(?:the|this) (?:post|article|story|entry) (?!,)"
    r"(?:.{1,200}? (?:appeared first|first appeared) on [^.]{1,80}\.?$"
    r"|was originally (?:published|posted) (?:on|at|by) )",
    re.IGNORECASE,
)
# The publication, or its one writer, speaking: "we", "our", "I", "my"
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|my|me)\b|\bI\b", re.IGNORECASE)
_QUOTES = re.compile('["\u201c\u201d]')


def is_notice(line: str) -> bool:
    count = len(words(line))
    if count <= 60 and _COOKIE.search(line):
        return True
    if count <= 60 and _COOKIE_CONSENT.search(line) and _READER_OR_SITE.search(line):
        return not _QUOTES.search(line)
    if count <= 150 and _SITE_COOKIES.search(line) and not _QUOTES.search(line):
        return True
    if count <= 80 and _CONSENT.search(line) and _SECOND_PERSON.search(line):
        return not _QUOTES.search(line)
    if count <= 30 and _PROMPT.search(line):
        return True
    policy = (_POLICY.search(line) and _FIRST_PERSON.search(line)) or _LICENSE.search(line)
    if count <= 45 and policy and not _QUOTES.search(line):
        return True
    if count <= 60 and (_NEWSLETTER.search(line) or _METER.search(line)):
        return not _QUOTES.search(line)
    if count <= 40 and _MAILING.search(line):
        return not _QUOTES.search(line)
    if count <= 40 and _SYNDICATED.search(line.strip()):
        return not _QUOTES.search(line)
    appeals = len({m.group(0).lower() for m in _APPEAL.finditer(line)})
    return (
        ((count <= 40 and appeals >= 1) or (count <= 120 and appeals >= 2))
        and bool(_FIRST_PERSON.search(line))
        and not _QUOTES.search(line)  # a quoted speaker is body text, whatever they ask for
    )
