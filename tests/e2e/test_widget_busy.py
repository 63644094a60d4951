"""The listen widget on another origin, told the service is busy, in real headless Chromium.

`narrator serve`'s deployment on Redis with the fake voice slowed to DELAY_MS a sentence and
admission headroom so small that a second listener never fits beside a first. One listener
streams; a publisher's page on another port embeds a widget for a second narration still
rendering. The widget must read the busy answer across origins (Retry-After and the start
told are exposed by CORS), say when it starts, ask again, and play once there is room.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.helpers.articles import article_text
from tests.helpers.browser import chromium
from tests.helpers.listeners import Listener, listen
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, base_env
from tests.helpers.widget import shadow, state, wait

# Real `narrator` processes, Redis, Celery workers, Chromium; and mostly waits on the slowed voice.
pytestmark = [pytest.mark.slow, pytest.mark.waiting]

DELAY_MS = 400


def test_a_busy_widget_says_when_it_starts_then_plays(
    stack: Stack, data_dir: Path, _redis_session: RedisServer, third_party: tuple[str, Path]
) -> None:
    _redis_session.fresh()
    env = base_env(data_dir, broker_url=_redis_session.url, admission_headroom="0.01")
    api = stack.start_lanes(env, concurrency=1, delay_ms=DELAY_MS)
    first = Listener(1, "first", 0.0)
    playing = threading.Thread(
        target=listen,
        args=(api.url, first, article_text(6, "first", sentences=2), None, time.monotonic()),
    )
    playing.start()
    deadline = time.monotonic() + 30
    while not (first.arrivals or first.error) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.arrivals, first
    with api.client() as c:
        second = c.post("/v1/narrations", json={"text": article_text(3, "second")}).json()
        head = c.head(second["audio_url"], headers={"Origin": "http://elsewhere.example"})
    assert head.status_code == 503, head
    exposed = head.headers["Access-Control-Expose-Headers"].lower()
    assert "retry-after" in exposed and "narrator-starts-in" in exposed, exposed

    site, root = third_party
    (root / "article.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News</title>'
        f'</head><body><h1>Second story</h1><script async src="{api.url}/widget.js" '
        f'data-narration="{second["id"]}"></script></body></html>',
        encoding="utf-8",
    )
    with chromium(1024, 800) as browser:
        browser.get(f"{site}/article.html")
        told = wait(
            browser,
            lambda d: (
                shadow(d).find_elements("css selector", ".status")
                and "Many listeners right now" in state(d)["status"]
                and state(d)["status"]
            ),
            30,
            "the widget to say the service is busy",
        )
        assert "starting in about" in told, told
        assert state(browser)["paused"], "it must not play a 503"
        # Play pressed while told to wait: it plays once there is room, whether the widget is
        # admitted when it asks again or the narration is ready first.
        shadow(browser).find_element("css selector", ".play").click()
        playing.join(timeout=180)
        assert not first.error and not first.told, first
        wait(browser, lambda d: state(d)["t"] > 0.5, 90, "the second narration to play")
    assert first.stall_s <= 2.0, first
