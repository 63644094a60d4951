"""narrator.admission: demand and capacity in worker slots, and the wait told when full."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from narrator import admission
from narrator.admission import Stream

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PACES = {"piper/joe": 5.0, "en-us": 50.0}


def stream(
    i: int,
    *,
    voice: str = "piper/joe",
    audio_s: float = 300.0,
    done: float = 0.0,
    ago_s: float | None = 0.0,
) -> Stream:
    listened = None if ago_s is None else NOW - timedelta(seconds=ago_s)
    return Stream(f"nar_{i}", voice, audio_s, done, listened)


def test_a_fresh_stream_needs_its_voice_s_share_of_a_slot() -> None:
    # 300 s to render in 300 s of playback, at 5 s of audio per slot-second: 0.2 slot.
    assert admission.need(stream(1), NOW, PACES) == pytest.approx(0.2)
    assert admission.need(stream(1, voice="en-us"), NOW, PACES) == pytest.approx(0.02)


def test_a_stream_rendered_ahead_needs_less_and_one_behind_more() -> None:
    ahead = stream(1, done=0.5, ago_s=30)  # 150 s left to render, 270 s left to play
    assert admission.need(ahead, NOW, PACES) == pytest.approx(150 / 270 / 5)
    behind = stream(2, done=0.1, ago_s=200)  # 270 s to render in 100 s: capped
    assert admission.need(behind, NOW, PACES) == pytest.approx(admission.MAX_PACE / 5)


def test_unmeasured_voices_use_their_engine_s_pace() -> None:
    assert admission.pace_of("piper/amy", {}) == admission.DEFAULT_PACE["piper"]
    assert admission.pace_of("en-gb", {}) == admission.DEFAULT_PACE["espeak"]


def test_finished_and_abandoned_streams_do_not_count() -> None:
    assert not admission.playing(stream(1, done=1.0), NOW)
    assert not admission.playing(stream(1, audio_s=60, ago_s=200), NOW)
    assert not admission.playing(stream(1, ago_s=None), NOW)
    assert admission.playing(stream(1, audio_s=60, ago_s=30), NOW)


def test_admits_while_the_slots_suffice_then_refuses_with_a_wait() -> None:
    # 2 slots x 0.85 = 1.7 slots; each piper stream rendered in step with its playback takes 0.2.
    def on_track(i: int) -> Stream:
        return stream(i, ago_s=10 * i, done=10 * i / 300)

    others = [on_track(i) for i in range(7)]
    ok = admission.decide(stream(99, ago_s=None), others, PACES, 2, NOW, 0.85)
    assert ok.admit and ok.demand <= ok.capacity and ok.streams == 7
    full = [on_track(i) for i in range(9)]
    no = admission.decide(stream(99, ago_s=None), full, PACES, 2, NOW, 0.85)
    assert not no.admit and no.demand == pytest.approx(2.0)
    # Two streams must end for 0.2 more to fit: the oldest, with 220 s of playback left, then
    # the next, with 230 s (no spare slot to render them sooner).
    assert no.wait_s == 230


def test_the_wait_is_shorter_when_streams_are_nearly_rendered() -> None:
    def wait(done: float) -> int:
        full = [stream(i, done=done, ago_s=5) for i in range(20)]
        d = admission.decide(stream(99, ago_s=None), full, PACES, 2, NOW, 0.85)
        assert not d.admit
        return d.wait_s

    assert wait(0.6) < wait(0.0)


def test_a_lone_listener_is_always_served_and_a_cheap_voice_fits_beside_many() -> None:
    assert admission.decide(stream(1, ago_s=None), [], {"piper/joe": 0.1}, 1, NOW, 0.85).admit
    many = [stream(i, ago_s=5) for i in range(8)]  # 1.6 of 1.7 slots
    assert admission.decide(stream(99, voice="en-us", ago_s=None), many, PACES, 2, NOW, 0.85).admit
    assert not admission.decide(stream(99, ago_s=None), many, PACES, 2, NOW, 0.85).admit


def test_the_newcomer_s_own_earlier_stream_is_not_counted_twice() -> None:
    others = [stream(i) for i in range(8)]
    again = admission.decide(stream(3), others, PACES, 2, NOW, 0.85)
    assert again.streams == 7


def test_a_later_listener_does_not_overtake_those_told_to_wait() -> None:
    many = [stream(i, ago_s=5) for i in range(7)]  # 1.4 of 1.7 slots: room for one more
    assert admission.decide(stream(99, ago_s=None), many, PACES, 2, NOW, 0.85).admit
    in_line = [stream(50, ago_s=None)]  # told to wait before 99 came: its 0.2 goes first
    late = admission.decide(stream(99, ago_s=None), many, PACES, 2, NOW, 0.85, in_line)
    assert not late.admit and late.demand == pytest.approx(1.8, rel=0.02)
    # The one in line asking again does not count itself twice.
    first = admission.decide(stream(50, ago_s=None), many, PACES, 2, NOW, 0.85, in_line)
    assert first.admit


def test_the_pace_is_the_median_of_enough_chunks_so_a_cold_start_does_not_count() -> None:
    warm = [(4000, 800)] * 3  # 5 s of audio a second
    cold = [(3000, 4500)] * 2  # the first chunk of two processes waited for their model
    assert admission.measured_pace(warm + cold) == pytest.approx(5.0)
    assert admission.measured_pace(cold) is None  # too few to tell: the engine's default
    assert admission.measured_pace([(0, 10), (10, 0)] * 8) is None
