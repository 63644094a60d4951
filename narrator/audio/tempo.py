"""Pitch-preserving tempo change with ffmpeg: atempo (WSOLA) or rubberband (phase vocoder).

The pipeline uses it to fine-tune a narration onto its target words per minute, and for the
part of a high speed that the engine leaves to a time-stretch. atempo blends every sample only
from 0.5 to 2.0 (above 2 it skips samples), so larger changes run as a chain of stages each
inside that range. `METHOD` is the filter the pipeline uses, chosen by bench/anchor.py.
"""

from __future__ import annotations

import math

from narrator import errors
from narrator.audio import probe
from narrator.speech.engine import Audio

STAGE_MIN, STAGE_MAX = 0.5, 2.0
MIN_FACTOR, MAX_FACTOR = 0.25, 4.0  # speech is unintelligible long before this; catches bugs
# A pace correction past this either way of the tempo the plan expected says the text's written
# words do not stand for its speech (one long figure said digit by digit, an address spelled
# out): it is read at the planned pace changed by at most this much, and its narration reports
# the pace it has.
MAX_CORRECTION = 1.25
METHODS = ("atempo", "rubberband")
METHOD = "atempo"
# rubberband for speech: crisp transients, smooth (not "mixed") window, formants kept.
RUBBERBAND = "rubberband=tempo={factor:.6f}:transients=crisp:detector=compound:window=standard"


def correction(factor: float, expected: float = 1.0) -> float:
    """The tempo factor a pace correction of `factor` gets: within MAX_CORRECTION either way of
    the `expected` tempo (the part of a high speed the engine leaves to the filter)."""
    return min(max(factor, expected / MAX_CORRECTION), expected * MAX_CORRECTION)


def stages(factor: float) -> list[float]:
    """Split `factor` into the fewest equal atempo stages that each lie in 0.5..2."""
    if not math.isfinite(factor) or factor <= 0:
        raise errors.AudioError(f"tempo factor must be a positive number, got {factor!r}")
    n = max(1, math.ceil(abs(math.log(factor)) / math.log(STAGE_MAX) - 1e-9))
    return [factor ** (1 / n)] * n


def filter_chain(factor: float, method: str | None = None) -> str:
    """The ffmpeg audio filter for `factor` with `method` (default METHOD)."""
    method = method or METHOD
    if method not in METHODS:
        raise errors.AudioError(f"tempo method must be one of {', '.join(METHODS)}: {method!r}")
    if method == "rubberband":
        return RUBBERBAND.format(factor=factor)
    return ",".join(f"atempo={s:.6f}" for s in stages(factor))


def change_tempo(audio: Audio, factor: float, method: str | None = None) -> Audio:
    """Play `audio` `factor` times as fast (1.1 = 10% faster, shorter) at the same pitch."""
    if not MIN_FACTOR <= factor <= MAX_FACTOR:
        raise errors.AudioError(
            f"tempo factor must be from {MIN_FACTOR} to {MAX_FACTOR}, got {factor!r}"
        )
    chain = filter_chain(factor, method)
    if factor == 1.0 or not audio.pcm:
        return audio
    out, _ = probe.run_ffmpeg(
        [
            *probe.pcm_input(audio),
            "-af",
            chain,
            *["-f", "s16le", "-ar", str(audio.sample_rate), "-ac", "1", "pipe:1"],
        ],
        audio.pcm,
        what=f"tempo change x{factor:.4f} ({chain.split('=')[0]})",
    )
    return Audio(pcm=out[: len(out) // 2 * 2], sample_rate=audio.sample_rate)
