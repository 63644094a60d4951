"""More listeners than the workers can keep ahead of: the newcomer is told when to come back.

The deployment of `narrator serve` on Redis, small: a worker of one process and a live lane of
one (two slots), the fake voice slowed to DELAY_MS a sentence (wall time, no CPU, so the
machine's own load does not change the capacity under test). A sentence is several seconds of
audio, so one slot keeps a few streams ahead of playback, and two slots a handful.

Listeners press play one after another. Each is admitted while every stream's need fits the
slots; then one is answered 503 busy with a Retry-After, and the listeners already playing
never wait. The refused one waits as told, asks again, and is served without stalls.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from narrator import admission
from tests.helpers.articles import article_text
from tests.helpers.listeners import Listener, listen
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, base_env

# Real `narrator` processes, Redis, real Celery workers; and mostly waits on the slowed voice.
pytestmark = [pytest.mark.slow, pytest.mark.waiting]

DELAY_MS = 1500  # per sentence: a few seconds of audio each, so 2-3 s of audio per slot-second
PARAGRAPHS = 6  # of 2 sentences: over a minute of audio
STALL_LIMIT_S = 2.0
MAX_LISTENERS = 14


@pytest.fixture
def stack(tmp_path: Any, _redis_session: RedisServer) -> Any:
    _redis_session.fresh()
    env = base_env(tmp_path / "var", broker_url=_redis_session.url, chunk_chars="120")
    s = Stack(tmp=tmp_path)
    api = s.start_lanes(env, concurrency=1, delay_ms=DELAY_MS)
    try:
        yield s, api.url
    finally:
        s.stop_all()


def test_a_listener_over_capacity_is_told_when_and_the_others_never_wait(stack: Any) -> None:
    s, base = stack
    # One listener first: the voice's pace is measured on what the workers render.
    warm = Listener(0, "warm", 0.0)
    listen(base, warm, article_text(2, "warm", sentences=2), None, time.monotonic())
    assert not warm.error and not warm.told, (warm, s.logs())

    listeners: list[tuple[Listener, threading.Thread]] = []
    refused: Listener | None = None
    for i in range(MAX_LISTENERS):
        x = Listener(i, f"l{i}", 0.0)
        text = article_text(PARAGRAPHS, f"l{i}", sentences=2)
        thread = threading.Thread(target=listen, args=(base, x, text, None, time.monotonic()))
        thread.start()
        listeners.append((x, thread))
        deadline = time.monotonic() + 20
        while not (x.arrivals or x.told or x.error) and time.monotonic() < deadline:
            time.sleep(0.05)
        if x.told:
            refused = x
            break
        time.sleep(1.0)
    assert refused is not None, ("never refused", [x for x, _ in listeners], s.logs())
    told_at, ask_again, told_wait = refused.told[0]
    assert 1 <= ask_again <= min(told_wait, admission.RECHECK_S), refused.told
    # The busy answer, as a client sees it: documented code, Retry-After, narration rendering.
    with httpx.Client(base_url=base, timeout=10) as client:
        n = client.get(f"/v1/narrations/{refused.narration_id}").json()
        head = client.head(n["audio_url"])
        if head.status_code == 503:
            assert 1 <= int(head.headers["Retry-After"]) <= admission.RECHECK_S
            assert int(head.headers["Retry-After"]) <= int(head.headers["Narrator-Starts-In"])
        else:  # its wait is over already (the estimate rounds up)
            assert head.status_code == 200, head
    for _, thread in listeners:
        thread.join(timeout=400)
    logs = s.logs()
    admitted = [x for x, _ in listeners if x is not refused]
    assert len(admitted) >= 2, admitted
    for x in admitted:
        assert not x.error and not x.told, (x, logs)
        assert x.stall_s <= STALL_LIMIT_S, (x.article, x.stall_s, x.arrivals[:10])
    assert not refused.error, (refused, logs)
    assert refused.first_audio_s is not None and refused.stall_s <= STALL_LIMIT_S, refused
    # Told honestly: served by the start it was told, not strung along; it kept asking
    # within RECHECK_S and lost its place in line to nobody.
    assert refused.first_audio_s <= told_at + told_wait + STALL_LIMIT_S, refused.told
    print(
        f"admitted {len(admitted)} listeners on 2 slots; the next told to start in "
        f"{told_wait} s, "
        f"asked {len(refused.told) + 1} times, first audio {refused.first_audio_s:.1f} s; "
        f"worst stall of the admitted {max(x.stall_s for x in admitted):.2f} s"
    )
