"""Many listeners at once: a late listener's first audio does not wait for earlier work.

The deployment of `narrator serve`, on Redis: a worker of two processes (interactive and batch,
hence live) and a live lane (one process, live only), with the fake voice slowed to
DELAY_MS per sentence, so that the work takes wall time but no CPU (the test measures the
order of work, not the speed of this machine). Each sentence is several seconds of audio, so
the workers render far faster than real time: playback never needs to wait, and only the order
in which work is taken decides when a listener hears the first word.

First come, first served, a listener who presses play while three long narrations render waits
for all their queued chunks (here about EARLY_WORK_S); by deadline, only for the first sentence.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from tests.helpers.articles import article_text
from tests.helpers.client import status, submit, wait_ready
from tests.helpers.listeners import Listener, listen, play
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, base_env

# Real `narrator` processes, Redis, real Celery workers; and mostly waits on the slowed voice.
pytestmark = [pytest.mark.slow, pytest.mark.waiting]

DELAY_MS = 250  # per sentence, per process
EARLY = 3  # narrations streamed from the start
PARAGRAPHS = 20  # of 2 sentences: 40 sentences, 10 s of work per narration
EARLY_WORK_S = EARLY * PARAGRAPHS * 2 * DELAY_MS / 1000 / 2  # on the worker's two processes
# A late listener's first audio may exceed the idle service's by this much at most (waiting for
# a process to take its first task). First come, first served it would wait about EARLY_WORK_S.
EXTRA_FIRST_AUDIO_S = 1.5
STALL_LIMIT_S = 2.0


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, _redis_session: RedisServer) -> Any:
    tmp_path = tmp_path_factory.mktemp("listeners")
    _redis_session.fresh()
    env = base_env(tmp_path / "var", broker_url=_redis_session.url, chunk_chars="120")
    s = Stack(tmp=tmp_path)
    api = s.start_lanes(env, concurrency=2, delay_ms=DELAY_MS)
    try:
        yield s, api.url
    finally:
        s.stop_all()


def press(base: str, name: str, text: str, start_s: float, t0: float) -> tuple[Listener, Any]:
    listener = Listener(0, name, start_s)
    thread = threading.Thread(target=listen, args=(base, listener, text, None, t0))
    thread.start()
    return listener, thread


def idle_first_audio(base: str) -> float:
    """First audio of a listener on the idle service (the same machine, the same moment): the
    faster of two, since the first narration a fresh stack reads may also pay for its start
    (a stricter limit, never a looser one)."""
    firsts = []
    for name in ("idle0", "idle1"):
        listener, thread = press(base, name, article_text(3, name, sentences=2), 0.0, 0.0)
        thread.join(timeout=60)
        assert listener.first_audio_s is not None and not listener.error, listener
        firsts.append(listener.first_audio_s)
    return min(firsts)


def test_a_late_listener_hears_the_first_word_at_once(stack: Any) -> None:
    s, base = stack
    idle = idle_first_audio(base)
    limit = idle + EXTRA_FIRST_AUDIO_S
    assert 4 * limit < EARLY_WORK_S, (idle, "the test cannot tell the orders apart")
    t0 = time.monotonic()
    early = [
        press(base, f"early{i}", article_text(PARAGRAPHS, f"early{i}", sentences=2), 0.0, t0)
        for i in range(EARLY)
    ]
    time.sleep(3.0)  # the early narrations' chunks are all queued by now
    late_text = article_text(6, "late", sentences=2)
    late, late_thread = press(base, "late", late_text, 0.0, time.monotonic())
    late_thread.join(timeout=120)

    # And while the early narrations assemble: the first one to have every chunk rendered.
    with httpx.Client(base_url=base, timeout=10) as client:
        deadline = time.monotonic() + 120
        while True:
            states = [status(client, x.narration_id) for x, _ in early if x.narration_id]
            if any(n["status"] == "ready" or n["progress"] >= 1.0 for n in states):
                break
            assert time.monotonic() < deadline, states
            time.sleep(0.05)
    later, later_thread = press(
        base, "later", article_text(6, "later", sentences=2), 0.0, time.monotonic()
    )
    later_thread.join(timeout=120)
    for _, thread in early:
        thread.join(timeout=180)

    logs = s.logs()
    for x in [*(e for e, _ in early), late, later]:
        assert not x.error, (x.article, x.error, logs)
        assert x.first_audio_s is not None and x.ready_s is not None, (x, logs)
    assert late.first_audio_s <= limit, (idle, late, logs)
    assert later.first_audio_s <= limit, (idle, later, logs)
    # Rendering runs far ahead of 1x: with work taken by deadline nobody's playback waits.
    for x in [*(e for e, _ in early), late, later]:
        assert x.stall_s <= STALL_LIMIT_S, (x.article, x.stall_s, x.arrivals[:8])


def test_work_nobody_listens_to_waits_until_someone_does(stack: Any) -> None:
    """A POST without a stream runs in the gaps; the moment a stream starts, by deadline."""
    s, base = stack
    idle = idle_first_audio(base)
    with httpx.Client(base_url=base, timeout=10) as client:
        quiet = submit(client, article_text(PARAGRAPHS, "quiet", sentences=2))["id"]
        time.sleep(1.0)  # its chunks are queued behind what listeners will want
        t0 = time.monotonic()
        early = [
            press(base, f"loud{i}", article_text(PARAGRAPHS, f"loud{i}", sentences=2), 0.0, t0)
            for i in range(2)
        ]
        # Nobody streams it: the streamed narrations go first, though submitted later. When
        # every chunk of theirs is rendered, the quiet one has had only the gaps.
        deadline = time.monotonic() + 120
        while True:
            loud = [status(client, x.narration_id) for x, _ in early if x.narration_id]
            if len(loud) == 2 and all(n["progress"] >= 1.0 for n in loud):
                break
            assert time.monotonic() < deadline, (loud, s.logs())
            time.sleep(0.05)
        quiet_progress = status(client, quiet)["progress"]
        assert quiet_progress <= 0.5, (quiet_progress, s.logs())

        # A listener arrives for it: what is left is sent again by deadline, its stream flows.
        listener = Listener(0, "quiet", 0.0)
        play(base, listener, client.get(f"/v1/narrations/{quiet}").json(), time.monotonic())
        assert not listener.error, (listener.error, s.logs())
        assert listener.first_audio_s is not None, s.logs()
        assert listener.first_audio_s <= idle + EXTRA_FIRST_AUDIO_S, (idle, listener, s.logs())
        assert listener.stall_s <= STALL_LIMIT_S, (listener.stall_s, listener.arrivals[:8])
        whole = wait_ready(client, [quiet], 60, logs=s.logs)[quiet]["duration_s"]
        assert listener.audio_s > whole / 2, (listener.audio_s, whole)  # it streamed through
    for x, t in early:
        t.join(timeout=120)
        assert not x.error, x.error
