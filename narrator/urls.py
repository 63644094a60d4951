"""Which URLs the service fetches (feeds, their pages) or posts to (webhooks).

http and https only, and, unless a setting allows them, no host that resolves to a private,
loopback, link-local or reserved address: a URL a user gives must not become a way into the
network the service runs in (its database, a cloud metadata service). Checked when the URL is
given and again before every request and redirect, since a name can point elsewhere later.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from narrator import errors
from narrator.config import Settings

SCHEMES = ("http", "https")
MAX_URL_CHARS = 2000

# What the OpenAPI schema says a URL field takes, as exactly as a pattern can: http(s), a host
# of ASCII labels (an internationalized name in its xn-- form), a port that exists, no user
# part, no spaces or control characters. Resolving and private addresses are checked here.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PORT = (
    r"(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}"
    r"|[1-9][0-9]{0,3}))?"
)
# No space or control character after the host, spelled out: "\s" means one set in Python and
# another in the ECMA regexes of schema tools (Python's has U+0085, ECMA's U+FEFF), and a
# pattern must mean the same to both sides of the contract.
_NO_SPACE = r"[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
URL_PATTERN = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://{_LABEL}(?:\.{_LABEL})*\.?{_PORT}"
    rf"(?:[/?#]{_NO_SPACE}*)?$"
)


def check_url(url: str, *, allow_private: bool, setting: str, example: str) -> str:
    """The URL, stripped, or InvalidUrl saying what to fix.

    setting: the NARRATOR_* variable that allows private addresses (named in the refusal);
    example: a URL of the kind wanted, shown when the URL is not one.
    """
    url = url.strip()
    if not url:
        raise errors.InvalidUrl(f"url: empty; give an address like {example}")
    if len(url) > MAX_URL_CHARS:
        raise errors.InvalidUrl(f"url: longer than {MAX_URL_CHARS} characters")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise errors.InvalidUrl("url: no spaces or control characters (encode them as %20)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise errors.InvalidUrl(f"url: not a valid URL: {e}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"{scheme}://" if scheme else "no scheme"
        raise errors.InvalidUrl(
            f"url: only http:// and https:// URLs are accepted, got {shown}: give an address "
            f"like {example}"
        )
    host = parts.hostname
    if not host:
        raise errors.InvalidUrl(f"url: no host; give an address like {example}")
    try:  # the client's own parse (IDNA host names, ports): what it refuses is never sent
        httpx.URL(url)
    except httpx.InvalidURL as e:
        raise errors.InvalidUrl(f"url: {e}; give an address like {example}") from None
    if not allow_private:
        for address in _addresses(host, port or (443 if scheme == "https" else 80)):
            if not address.is_global or address.is_multicast:
                raise errors.InvalidUrl(
                    f"url: {host} resolves to {address}, a private, loopback or reserved "
                    f"address, which this server refuses ({setting}=true allows it)"
                )
    return url


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise errors.InvalidUrl(f"url: cannot resolve the host {host!r}: {e}") from None
    out = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # an IPv6 scope id is no part of the address
        out.append(ipaddress.ip_address(raw))
    return out


def check_fetch_url(url: str, settings: Settings) -> str:
    """A feed's URL, or a page it links to (narrator.sources)."""
    return check_url(
        url,
        allow_private=settings.fetch_allow_private,
        setting="NARRATOR_FETCH_ALLOW_PRIVATE",
        example="https://example.com/feed.xml",
    )


def check_webhook_url(url: str, settings: Settings) -> str:
    """Where a webhook posts its events (narrator.webhooks)."""
    return check_url(
        url,
        allow_private=settings.webhook_allow_private,
        setting="NARRATOR_WEBHOOK_ALLOW_PRIVATE",
        example="https://cms.example/hooks",
    )
