"""Which URLs may receive webhooks: http or https, and (unless allowed) only public addresses.

A URL is checked when an endpoint is created and again before every attempt: a host name may
resolve elsewhere later, and a webhook must not become a way to reach the service's own
network (its database, its metadata service) from outside.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from narrator import errors

MAX_URL_CHARS = 2000


def check_url(url: str, *, allow_private: bool) -> str:
    """The URL unchanged, or InputError saying what is wrong with it."""
    if len(url) > MAX_URL_CHARS:
        raise errors.InvalidWebhookUrl(f"url: at most {MAX_URL_CHARS} characters")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise errors.InvalidWebhookUrl("url: no spaces or control characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise errors.InvalidWebhookUrl(
            f"url: http or https only, like https://cms.example/hooks, got {url[:80]!r}"
        )
    try:
        host, port = parts.hostname, parts.port
    except ValueError as e:
        raise errors.InvalidWebhookUrl(f"url: {e}") from None
    if not host:
        raise errors.InvalidWebhookUrl("url: a host is needed, like https://cms.example/hooks")
    if not allow_private:
        _check_public(host, port or (443 if parts.scheme == "https" else 80))
    return url


def _check_public(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise errors.InvalidWebhookUrl(f"url: cannot resolve {host!r} ({e})") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global:
            raise errors.InvalidWebhookUrl(
                f"url: {host!r} is a private, loopback or reserved address ({address}); "
                "set NARRATOR_WEBHOOK_ALLOW_PRIVATE=true to allow it"
            )
