"""What a listener's browser may ask for without an API key, and how often.

A listener's browser holds no key, yet the widget must switch voice and speed, which renders a
new narration. So with API keys configured, a keyless POST /v1/articles/{id}/narrations is
still accepted when it only asks to hear an article that already exists another way: a voice
the server has, one of the widget's speeds, the article's own format, the interactive queue.
Those renders are cached (one per voice, speed and format), so what a keyless client can cost
is bounded; the per-client limit bounds how fast it can get there. Every other write needs a
key. The client is the connection's address (behind a proxy, the proxy's: set the limit
accordingly).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from fastapi import Request

from narrator import contract, errors
from narrator.api.errors import Forbidden, TooManyRequests
from narrator.config import Settings
from narrator.store.models import Narration, Status

# The widget's speed steps: 1x to 2x in quarters (1.25x = 250 WPM).
SPEEDS = (1.0, 1.25, 1.5, 1.75, 2.0)
WINDOW_S = 60.0


class RateLimit:
    """At most `per_minute` events per key in any 60 s (a sliding window, in memory)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> int:
        """0 when allowed (and counted); otherwise the seconds until it would be."""
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= WINDOW_S:
                events.popleft()
            if len(events) >= self.per_minute:
                return max(1, math.ceil(WINDOW_S - (now - events[0])))
            events.append(now)
            if len(self._events) > 10_000:  # forget idle clients
                for k in [k for k, v in self._events.items() if not v]:
                    del self._events[k]
            return 0


def check_origin(request: Request, settings: Settings) -> None:
    """With an embedding allow-list, a browser request from another site is refused."""
    origin = request.headers.get("origin")
    if settings.embed_origins and origin and origin.lower() not in settings.embed_origins:
        raise Forbidden(f"{origin} may not embed this player (NARRATOR_EMBED_ORIGINS)")


def check_listener_request(
    speed: float | None, fmt: str | None, queue: str, existing: list[Narration]
) -> None:
    """Unauthorized unless this is another voice or speed of an existing article."""
    formats = sorted({n.format for n in existing})
    problems = []
    if speed is not None and round(speed, 3) not in SPEEDS:
        problems.append(f"speed one of {', '.join(f'{s:g}' for s in SPEEDS)}")
    if fmt is not None and fmt not in formats:
        problems.append(f"format {' or '.join(formats) or 'of an existing narration'}")
    if queue != contract.INTERACTIVE:
        problems.append(f"queue {contract.INTERACTIVE}")
    if problems:
        raise errors.Unauthorized(
            "this request needs an API key: Authorization: Bearer <key>. Without one, a "
            "listener may only ask for another voice or speed of this article: "
            + "; ".join(problems)
        )


def exists(existing: list[Narration], voice: str, speed: float | None, fmt: str | None) -> bool:
    """Whether this voice, speed and format of the article is rendered or rendering."""
    speed = 1.0 if speed is None else round(speed, 3)
    return any(
        (n.voice, n.speed, n.format) == (voice, speed, fmt) and n.status != Status.FAILED
        for n in existing
    )


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def take(request: Request, limit: RateLimit) -> None:
    wait = limit.take(_client(request))
    if wait:
        raise TooManyRequests(
            f"too many new voices or speeds from this client: at most {limit.per_minute} a "
            f"minute without an API key; try again in {wait} s",
            retry_after=wait,
        )
