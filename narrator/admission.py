"""Whether one more listener can be read to now, and if not, when.

A stream of a narration still rendering needs its audio rendered at least as fast as it plays.
What that costs depends on the voice: piper renders a few seconds of audio per second of a
worker slot, espeak dozens. So demand and capacity are counted in worker slots:

    need(stream)   audio still to render / audio still to play (its required pace, <= MAX_PACE)
                   divided by the voice's pace per slot (audio s per render s: the median over
                   the chunks rendered lately, narrator.store.repo.load, see measured_pace)
    capacity       the slots of the live workers consuming the live or interactive queue (at
                   most a machine's CPUs per machine: repo.load.live_slots), times HEADROOM
                   (the API, the stream encoders and assembly need some CPU too)

A new listener of a narration nobody streams yet is admitted when every stream's need,
plus its own, fits the capacity. Otherwise it is told honestly: 503 with Retry-After, the time
by which enough of the streams already playing will have finished rendering (rendering runs
ahead of playback, earliest deadline first, so each finishes before its playback does). Its
narration keeps rendering in the gaps meanwhile, so when it asks again less of it is left to
render, and it needs less. Listeners already playing are never the ones who pay.

Those told to wait stand in line (narrations.waiting_since): a listener who comes later, or
asks again sooner, is weighed with the needs of everyone in line before it, so nobody is
overtaken by a later arrival. It is told when its stream should start (the estimate) and to
ask again within RECHECK_S; its place is kept until then plus WAIT_GRACE_S.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from narrator import contract

# A stream behind its playback needs more than 1x; past this, more slots would not help much
# (its chunks are rendered one at a time in order) and the estimate should not explode.
MAX_PACE = 1.5
MIN_LEFT_S = 5.0  # audio left to play, at least: a stream about to end still needs its tail
# A voice nobody rendered lately: its pace per slot, audio s per render s, measured on this
# machine (bench/listeners.py, the rendering log of 6 piper and 20 espeak listeners).
DEFAULT_PACE = {"piper": 6.0, "espeak": 40.0}
FALLBACK_PACE = 6.0
MIN_WAIT_S, MAX_WAIT_S = 2, 600
WAIT_GRACE_S = 20  # a place in line is kept this long past the time told to ask again
# Told to wait, a listener asks again at most this much later, whatever the estimate: the
# estimate errs (streams render ahead faster than their needs say), and the line keeps its
# place for it, so asking often costs nothing and starts it as soon as there is room.
RECHECK_S = 10
# Fewer chunks than this rendered lately: the engine's pace above. A worker's first chunk waits
# for its model to load (piper: seconds); a sum over chunks that counted it said one slot
# renders 0.7 s of audio a second, and two listeners of a fresh service were refused for 73 s.
# The median of three or more is past such a chunk.
MIN_SAMPLES = 3


@dataclass(frozen=True)
class Stream:
    """A narration being rendered for a listener (or about to be)."""

    narration_id: str
    voice: str
    audio_s: float  # the whole narration's length, estimated from its words and speed
    done: float  # 0..1 rendered
    listened_at: datetime | None  # when its first stream began; None: not yet


@dataclass(frozen=True)
class Decision:
    admit: bool
    demand: float  # slots the streams playing need, with the newcomer's
    capacity: float  # slots available
    streams: int  # streams playing, the newcomer not counted
    wait_s: int = 0  # when refused: when to ask again


def measured_pace(samples: Sequence[tuple[int, int]]) -> float | None:
    """A voice's pace per slot from its recent chunks' (audio ms, render ms): their median, so
    a cold start or one slow outlier does not move it; None with too few chunks to tell."""
    paces = [audio / rendered for audio, rendered in samples if audio > 0 and rendered > 0]
    if len(paces) < MIN_SAMPLES:
        return None
    return statistics.median(paces)


def pace_of(voice: str, paces: Mapping[str, float]) -> float:
    """Audio seconds one slot renders per second for `voice`: measured, else the engine's."""
    measured = paces.get(voice)
    if measured and measured > 0:
        return measured
    return DEFAULT_PACE.get(contract.engine_of(voice), FALLBACK_PACE)


def audio_left(stream: Stream) -> float:
    return stream.audio_s * (1.0 - min(max(stream.done, 0.0), 1.0))


def play_left(stream: Stream, now: datetime) -> float:
    elapsed = 0.0 if stream.listened_at is None else (now - stream.listened_at).total_seconds()
    return max(stream.audio_s - elapsed, MIN_LEFT_S)


def need(stream: Stream, now: datetime, paces: Mapping[str, float]) -> float:
    """Slots this stream needs to keep ahead of its playback."""
    pace = min(audio_left(stream) / play_left(stream, now), MAX_PACE)
    return pace / pace_of(stream.voice, paces)


def playing(stream: Stream, now: datetime, grace_s: float = 60.0) -> bool:
    """Still rendering for someone: listened, not finished, and not long over (gone)."""
    if stream.listened_at is None or stream.done >= 1.0:
        return False
    return (now - stream.listened_at).total_seconds() <= stream.audio_s + grace_s


def decide(
    new: Stream,
    others: Sequence[Stream],
    paces: Mapping[str, float],
    slots: int,
    now: datetime,
    headroom: float,
    ahead: Sequence[Stream] = (),
) -> Decision:
    """Admit `new` when the streams playing, the listeners told to wait before it (`ahead`:
    they go first, whoever asks again sooner) and its own stream fit the capacity."""
    live = [s for s in others if s.narration_id != new.narration_id and playing(s, now)]
    needs = [need(s, now, paces) for s in live]
    mine = need(new, now, paces) + sum(
        need(s, now, paces) for s in ahead if s.narration_id != new.narration_id
    )
    capacity = max(slots, 1) * headroom
    demand = sum(needs) + mine
    if demand <= capacity or not live:  # alone, a listener is always served
        return Decision(True, demand, capacity, len(live))
    wait = _wait(live, needs, mine, capacity, now, paces)
    return Decision(False, demand, capacity, len(live), wait_s=wait)


def _wait(
    live: Sequence[Stream],
    needs: Sequence[float],
    mine: float,
    capacity: float,
    now: datetime,
    paces: Mapping[str, float],
) -> int:
    """Seconds until the streams still rendering then need no more than capacity - mine.

    Work-conserving earliest-deadline-first gives every stream at least its need, and the spare
    capacity on top: each renders `speedup` times its required pace and so finishes rendering
    by its remaining playback / speedup. Streams drop out in that order, freeing their slots.
    """
    speedup = max(capacity / max(sum(needs), 1e-9), 1.0)
    ends = sorted(
        (min(audio_left(s) / (n * pace_of(s.voice, paces)), play_left(s, now)) / speedup, n)
        for s, n in zip(live, needs, strict=True)
        if n > 0
    )
    left = sum(needs)
    for end, n in ends:
        left -= n
        if left + mine <= capacity:
            return min(max(math.ceil(end), MIN_WAIT_S), MAX_WAIT_S)
    return MAX_WAIT_S
