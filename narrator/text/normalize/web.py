"""Web addresses and e-mail: spelled out ("example dot com slash news"), query strings dropped.

These run before sentence splitting: their dots and "?" would otherwise end a sentence.
"""

from __future__ import annotations

import re

_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|uk|us|ca|au|de|fr|in|info|biz|news|tv|me|ai|app|dev|"
    "ly|eu|jp|cn|ru|nz|ie|es|it|nl|ch|se|no|fi|dk|be|at|br|mx|za|ng|ke|gh|sg|hk|tw|kr"
)
_URL = re.compile(
    rf"\b(?P<scheme>https?://)?(?P<www>www\.)?((?:[a-z0-9-]+\.)+(?:{_TLDS}))\b"
    r"(/[^\s\"')\]]*[^\s\"')\].,;:!?])?",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}\b", re.I)
_URL_SYMBOLS = {".": " dot ", "/": " slash ", "@": " at ", "-": " dash ", "_": " underscore "}


def _spell_address(address: str) -> str:
    spoken = re.sub(r"[./@_-]", lambda m: _URL_SYMBOLS[m.group(0)], address)
    return " ".join(spoken.split())


def _domain(domain: str) -> str:
    """A two-letter ending is spelled, as people say it: "acme dot I-O", "bbc dot co dot U-K"
    ("me" and "co" are said as words)."""
    name, _, ending = domain.rpartition(".")
    if len(ending) == 2 and ending.isalpha() and ending.lower() not in ("me", "co"):
        return f"{_spell_address(name)} dot {'-'.join(ending.upper())}"
    return _spell_address(domain)


def _url(m: re.Match[str]) -> str:
    path = (m.group(4) or "").split("?")[0].split("#")[0].rstrip("/")
    # "www.example.com" written out is said with its "W-W-W" (four independent writers of
    # four); a full link's scheme and "www" are not read.
    www = "W-W-W dot " if m["www"] and not m["scheme"] else ""
    return www + _domain(m.group(3)) + (f" {_spell_address(path)}" if path else "")


def _email(m: re.Match[str]) -> str:
    user, _, domain = m.group(0).rpartition("@")
    return f"{_spell_address(user)} at {_domain(domain)}"


def spell(text: str) -> str:
    """`text` with every web address and e-mail address spelled out."""
    return _URL.sub(_url, _EMAIL.sub(_email, text))
