"""Which URLs the service fetches: http and https only, and, when the settings say so, no host
that resolves to a private, loopback, link-local or reserved address (a feed URL must not be a
way into the network the service runs in). Checked at submission and again before every fetch
and redirect, since a name can point elsewhere later.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from narrator import errors

SCHEMES = ("http", "https")
MAX_URL_CHARS = 2000


def check_url(url: str, *, allow_private: bool) -> str:
    """The URL, stripped, or InvalidUrl saying what to fix."""
    url = url.strip()
    if not url:
        raise errors.InvalidUrl("url is empty: give the http(s) address of an RSS or Atom feed")
    if len(url) > MAX_URL_CHARS:
        raise errors.InvalidUrl(f"url is longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise errors.InvalidUrl(f"url is not a valid URL: {e}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"{scheme}://" if scheme else "no scheme"
        raise errors.InvalidUrl(
            f"only http:// and https:// URLs can be fetched, got {shown}: "
            "give the feed's web address"
        )
    host = parts.hostname
    if not host:
        raise errors.InvalidUrl("url has no host: give an address like https://example.com/feed")
    if not allow_private:
        for address in _addresses(host, port or (443 if scheme == "https" else 80)):
            if not address.is_global or address.is_multicast:
                raise errors.InvalidUrl(
                    f"{host} resolves to {address}, a private or reserved address, which this "
                    "server does not fetch (NARRATOR_FETCH_ALLOW_PRIVATE)"
                )
    return url


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise errors.InvalidUrl(f"cannot resolve the host {host!r}: {e}") from None
    out = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # an IPv6 scope id is no part of the address
        out.append(ipaddress.ip_address(raw))
    return out
