"""One GET of a feed or an entry's page: within a timeout and a size limit, conditional when
validators are known, redirects followed by hand so that each hop is checked like the first.

    fetched = fetch(url, settings, etag='"abc"')   # FeedError when unreachable or too large
    fetched.not_modified                            # 304: nothing changed since that ETag
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from narrator import __version__, errors
from narrator.config import Settings
from narrator.urls import check_fetch_url

MAX_REDIRECTS = 5
USER_AGENT = f"Narrator/{__version__} (feed poller)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def fetch(
    url: str,
    settings: Settings,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = FEED_ACCEPT,
) -> Fetched:
    """GET url; FeedError says why when it cannot be had (unreachable, an HTTP error, slower
    than fetch_timeout_s in all, larger than fetch_max_bytes)."""
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.fetch_timeout_s
    timeout = httpx.Timeout(settings.fetch_timeout_s)
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(MAX_REDIRECTS + 1):
                try:
                    check_fetch_url(url, settings)
                except errors.InvalidUrl as e:
                    raise errors.FeedError(str(e)) from None
                with client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(response, url, settings.fetch_max_bytes, deadline)
    except httpx.TimeoutException:
        raise errors.FeedError(
            f"{url} did not answer within {settings.fetch_timeout_s:g} s"
        ) from None
    except httpx.HTTPError as e:
        raise errors.FeedError(f"could not fetch {url}: {e or type(e).__name__}") from None
    raise errors.FeedError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read(response: httpx.Response, url: str, limit: int, deadline: float) -> Fetched:
    if response.status_code == 304:
        return Fetched(url=url, not_modified=True, etag=response.headers.get("etag"))
    if response.status_code >= 400:
        raise errors.FeedError(f"{url} answered HTTP {response.status_code}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise errors.FeedError(f"{url} is {declared} bytes; the limit is {limit} bytes")
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > limit:
            raise errors.FeedError(f"{url} is larger than the limit of {limit} bytes")
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole answer took too long")
    return Fetched(
        url=url,
        body=bytes(body),
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
