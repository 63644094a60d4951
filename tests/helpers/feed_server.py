"""A real HTTP server on localhost serving an RSS feed the test edits between polls.

    with FeedServer() as feed:          # http.server in a thread, on a free port
        feed.entries["a"] = FeedEntry(title="A", content="<p>...</p>")
        feed.pages["/a.html"] = "<html>...</html>"     # an entry's linked page
        feed.mode = "500" | "garbage" | "slow" | "ok"
        feed.feed_requests, feed.conditional, feed.answered_304, feed.fetch_times

The feed answers conditional GETs as a careful server does: its ETag is a hash of the body,
its Last-Modified the time the body last changed, 304 when either validator matches.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class FeedEntry:
    title: str
    content: str | None = None  # content:encoded (HTML); None: only a link and a description
    link: str | None = None  # a path on this server ("/a.html") or an absolute URL
    description: str = "A short summary."


@dataclass
class FeedServer:
    title: str = "The Riverton Post"
    entries: dict[str, FeedEntry] = field(default_factory=dict)  # guid -> entry, newest first
    pages: dict[str, str | Callable[[], str]] = field(default_factory=dict)  # a callable: called
    mode: str = "ok"
    feed_requests: int = 0
    conditional: int = 0  # requests carrying If-None-Match or If-Modified-Since
    answered_304: int = 0
    page_requests: int = 0
    fetch_times: list[float] = field(default_factory=list)  # monotonic time of each feed GET
    _body: bytes = b""
    _changed: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.feed_url = f"{self.url}/feed.xml"

    def __enter__(self) -> FeedServer:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: tuple[type[BaseException], BaseException, TracebackType]) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def rss(self) -> bytes:
        items = []
        for guid, e in self.entries.items():
            link = e.link and (e.link if "://" in e.link else self.url + e.link)
            parts = [f"<guid isPermaLink='false'>{escape(guid)}</guid>"]
            parts.append(f"<title>{escape(e.title)}</title>")
            if link:
                parts.append(f"<link>{escape(link)}</link>")
            parts.append(f"<description>{escape(e.description)}</description>")
            if e.content is not None:
                parts.append(f"<content:encoded><![CDATA[{e.content}]]></content:encoded>")
            items.append("<item>" + "".join(parts) + "</item>")
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{escape(self.title)}</title><link>{self.url}/</link>"
            f"<description>News</description>{''.join(items)}</channel></rss>"
        ).encode()

    def _current(self) -> tuple[bytes, str, str]:
        body = self.rss()
        with self._lock:
            if body != self._body:
                self._body, self._changed = body, time.time()
            changed = self._changed
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        return body, etag, formatdate(changed, usegmt=True)

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        if path == "/feed.xml":
            self._feed(h)
        elif path in self.pages:
            self.page_requests += 1
            page = self.pages[path]
            text = page() if callable(page) else page
            self._send(h, 200, text.encode(), "text/html; charset=utf-8")
        else:
            self._send(h, 404, b"not found", "text/plain")

    def _feed(self, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.feed_requests += 1
            self.fetch_times.append(time.monotonic())
        if self.mode == "500":
            self._send(h, 500, b"oops", "text/plain")
            return
        if self.mode == "garbage":
            self._send(h, 200, b"<html><body>Not a feed at all", "text/html")
            return
        if self.mode == "slow":
            time.sleep(3)
        body, etag, modified = self._current()
        match = h.headers.get("If-None-Match")
        since = h.headers.get("If-Modified-Since")
        if match or since:
            self.conditional += 1
            if match == etag or (match is None and since == modified):
                self.answered_304 += 1
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return
        self._send(h, 200, body, "application/rss+xml", {"ETag": etag, "Last-Modified": modified})

    @staticmethod
    def _send(
        h: BaseHTTPRequestHandler,
        code: int,
        body: bytes,
        ctype: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        h.send_response(code)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)
