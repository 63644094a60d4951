"""Raw PCM helpers: silence, trimming with short fades, concatenation. No ffmpeg needed."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from narrator import errors
from narrator.speech.engine import Audio

# Engines leave a few hundred ms of near-silence around speech; we replace it with our own pauses.
SILENCE_THRESHOLD = 300  # |sample| below this (about -40 dBFS) counts as silence
KEEP_MS = 20  # keep this much of the engine's own lead-in/out so consonant tails are not clipped
FADE_MS = 5  # fade at cut points so a cut never lands mid-wave as a click


def _samples(audio: Audio) -> array:
    a = array("h")
    a.frombytes(audio.pcm)
    return a


def silence_frames(ms: float, sample_rate: int) -> int:
    """The samples a pause of `ms` takes."""
    return int(sample_rate * ms / 1000)


def silence(ms: float, sample_rate: int) -> Audio:
    return Audio(pcm=bytes(2 * silence_frames(ms, sample_rate)), sample_rate=sample_rate)


def trim(audio: Audio, threshold: int = SILENCE_THRESHOLD, keep_ms: int = KEEP_MS) -> Audio:
    s = _samples(audio)
    first = _first_loud(s, threshold, range(0, len(s), _BLOCK))
    if first is None:
        return Audio(pcm=b"", sample_rate=audio.sample_rate)
    last = _first_loud(s, threshold, range((len(s) - 1) // _BLOCK * _BLOCK, -1, -_BLOCK), True)
    assert last is not None
    keep = int(audio.sample_rate * keep_ms / 1000)
    cut, end = max(0, first - keep), min(len(s), last + keep + 1)
    out = s[cut:end]
    _fade(out, int(audio.sample_rate * FADE_MS / 1000))
    cut_ms, end_ms = 1000 * cut / audio.sample_rate, 1000 * (end - cut) / audio.sample_rate
    marks = tuple((c, round(min(max(ms - cut_ms, 0.0), end_ms))) for c, ms in audio.marks)
    return Audio(pcm=out.tobytes(), sample_rate=audio.sample_rate, marks=marks)


_BLOCK = 256  # samples looked at as one by trim(): max() and min() of a slice run in C


def _first_loud(s: array, threshold: int, blocks: range, from_end: bool = False) -> int | None:
    """The index of the first sample (the last one with `from_end`) louder than `threshold`,
    looking block by block in the order of `blocks` (each a block's first index)."""
    for b in blocks:
        block = s[b : b + _BLOCK]
        if max(block) > threshold or min(block) < -threshold:
            order = range(len(block) - 1, -1, -1) if from_end else range(len(block))
            return b + next(i for i in order if abs(block[i]) > threshold)
    return None


def settle_marks(
    audio: Audio, threshold: int = SILENCE_THRESHOLD, frame_ms: float = 5.0, max_ms: float = 400.0
) -> Audio:
    """Word marks that fall in silence moved to where the sound begins (within max_ms).

    An engine may mark a word where it starts the pause before it (espeak after a comma), but a
    listener hears the word begin with its first sound.
    """
    if not audio.marks:
        return audio
    s = _samples(audio)
    n = max(1, int(audio.sample_rate * frame_ms / 1000))
    frames = (len(s) + n - 1) // n
    # Only the frames from each mark to its onset are looked at (a few per word): scanning the
    # whole sentence cost as much CPU as espeak's synthesis of it.
    loud: dict[int, bool] = {}

    def is_loud(f: int) -> bool:
        if f not in loud:
            loud[f] = max(map(abs, s[f * n : (f + 1) * n]), default=0) > threshold
        return loud[f]

    marks = []
    for char, ms in audio.marks:
        frame = min(int(ms / frame_ms), frames - 1)
        if frame >= 0 and not is_loud(frame):
            limit = min(frames, frame + int(max_ms / frame_ms) + 1)
            onset = next((f for f in range(frame, limit) if is_loud(f)), None)
            if onset is not None:
                ms = round(onset * frame_ms)
        marks.append((char, ms))
    return Audio(pcm=audio.pcm, sample_rate=audio.sample_rate, marks=tuple(marks))


def _fade(s: array, n: int) -> None:
    n = min(n, len(s) // 2)
    for i in range(n):
        g = i / n
        s[i] = int(s[i] * g)
        s[-1 - i] = int(s[-1 - i] * g)


def concat(parts: Sequence[Audio]) -> Audio:
    if not parts:
        raise errors.AudioError("nothing to join: no audio was rendered")
    rates = {p.sample_rate for p in parts}
    if len(rates) != 1:
        raise errors.AudioError(f"cannot join audio of different sample rates: {sorted(rates)}")
    return Audio(pcm=b"".join(p.pcm for p in parts), sample_rate=parts[0].sample_rate)
