"""Our pauses between sentences, all lengthened or shortened by one factor, to put a
narration exactly on its pace without touching its speech.

A narration whose engine lands a few percent off 200 x speed WPM went through a tempo filter:
a WSOLA time-stretch of every sample (audible on speech) and a pass over the whole narration
in another process. The pauses that render_chunk puts between sentences are digital silence
of known length, so the same correction can come from them alone, exactly and for nothing.
Only within bounds that keep them natural: past them the pauses take what they can, and a
tempo filter does the rest where that is still more than the pipeline tolerates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from narrator.audio.pcm import silence_frames
from narrator.speech.engine import Audio

# A reader's own pauses vary this much; beyond it a fit would be heard as rushed or halting.
MIN_SCALE, MAX_SCALE = 0.7, 1.4
# How far a pause may sit from where the sentence timings put it: they are rounded to the ms
# and drift by a sample per pause within a chunk.
SLACK_MS = 10


@dataclass(frozen=True)
class Gap:
    """A pause of `frames` samples of silence, after speech that ends at about `at`."""

    at: int
    frames: int


@dataclass(frozen=True)
class Fit:
    audio: Audio
    scale: float  # every pause's new length over its old
    spans: list[tuple[int, int]]  # the sentences' (start_ms, end_ms), moved with the pauses


def fit(
    audio: Audio,
    spans_ms: Sequence[tuple[int, int]],
    pauses_ms: Sequence[int],
    frames_wanted: int,
    *,
    tolerance: float = 0.0,
) -> Fit | None:
    """`audio` lasting `frames_wanted`, the pause after each sentence (`pauses_ms`, as
    rendered after the speech that `spans_ms` places) scaled by one factor, each rounded so
    that the total is exact. Where that factor would be outside MIN_SCALE..MAX_SCALE the
    pauses go to the bound and take what they can, if the miss is over `tolerance` (a share
    of frames_wanted over the audio's length): the narration is then as near its pace as
    natural pauses bring it, and the caller decides whether the rest needs a tempo filter.
    A smaller miss is left as it is: it needs no filter, and pauses pushed to their bound
    would change the sound for nothing (at 2x, lengthened pauses set Whisper looping on a
    test clip that reads clearly as the engine spoke it).
    None when nothing is to change, or when a pause is not silence where it should be."""
    rate = audio.sample_rate
    after = [i for i, ms in enumerate(pauses_ms) if silence_frames(ms, rate)]
    gaps = [
        Gap(round(spans_ms[i][1] * rate / 1000), silence_frames(pauses_ms[i], rate)) for i in after
    ]
    planned = sum(g.frames for g in gaps)
    if planned <= 0 or audio.frames == frames_wanted:
        return None
    exact = (planned + frames_wanted - audio.frames) / planned
    if not MIN_SCALE <= exact <= MAX_SCALE and abs(frames_wanted / audio.frames - 1) <= tolerance:
        return None
    scale = min(max(exact, MIN_SCALE), MAX_SCALE)
    x = np.frombuffer(audio.pcm, dtype="<i2")
    slack = silence_frames(SLACK_MS, rate)
    centres = [_silent_run_centre(x, gap, slack) for gap in gaps]
    if None in centres:
        return None
    pieces, shifts, done, before, now = [], {}, 0, 0, 0
    for i, gap, centre in zip(after, gaps, centres, strict=True):
        assert centre is not None
        before += gap.frames
        shift = round(before * scale) - now - gap.frames
        now += gap.frames + shift
        # Cut or pad at the middle of the silence: every sample taken away there is a zero.
        cut = centre - max(0, -shift) // 2
        pieces.append(x[done:cut])
        if shift > 0:
            pieces.append(np.zeros(shift, dtype="<i2"))
        done = cut + max(0, -shift)
        shifts[i] = shift
    pieces.append(x[done:])
    moved, total = [], 0
    for i, (a, b) in enumerate(spans_ms):
        ms = total * 1000 / rate
        moved.append((round(a + ms), round(b + ms)))
        total += shifts.get(i, 0)
    out = Audio(pcm=np.concatenate(pieces).tobytes(), sample_rate=rate)
    return Fit(audio=out, scale=scale, spans=moved)


def _silent_run_centre(x: np.ndarray, gap: Gap, slack: int) -> int | None:
    """The middle of the longest run of zero samples near `gap`, if it is as long as the gap."""
    lo, hi = max(0, gap.at - slack), min(len(x), gap.at + gap.frames + slack)
    if hi - lo < gap.frames:
        return None
    silent = np.concatenate(([False], x[lo:hi] == 0, [False]))
    edges = np.flatnonzero(np.diff(silent.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    if not len(starts):
        return None
    longest = int(np.argmax(ends - starts))
    if ends[longest] - starts[longest] < gap.frames:
        return None
    return lo + int(starts[longest] + ends[longest]) // 2
