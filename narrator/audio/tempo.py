"""Pitch-preserving tempo change with ffmpeg's atempo filter.

The pipeline uses it to fine-tune a narration onto its target words per minute, so factors
are usually within a few percent of 1. atempo blends every sample only from 0.5 to 2.0 (above
2 it skips samples), so larger changes run as a chain of stages each inside that range.
"""

from __future__ import annotations

import math

from narrator import errors
from narrator.audio import probe
from narrator.speech.engine import Audio

STAGE_MIN, STAGE_MAX = 0.5, 2.0
MIN_FACTOR, MAX_FACTOR = 0.25, 4.0  # speech is unintelligible long before this; catches bugs


def stages(factor: float) -> list[float]:
    """Split `factor` into the fewest equal atempo stages that each lie in 0.5..2."""
    if not math.isfinite(factor) or factor <= 0:
        raise errors.AudioError(f"tempo factor must be a positive number, got {factor!r}")
    n = max(1, math.ceil(abs(math.log(factor)) / math.log(STAGE_MAX) - 1e-9))
    return [factor ** (1 / n)] * n


def change_tempo(audio: Audio, factor: float) -> Audio:
    """Play `audio` `factor` times as fast (1.1 = 10% faster, shorter) at the same pitch."""
    if not MIN_FACTOR <= factor <= MAX_FACTOR:
        raise errors.AudioError(
            f"tempo factor must be from {MIN_FACTOR} to {MAX_FACTOR}, got {factor!r}"
        )
    if factor == 1.0 or not audio.pcm:
        return audio
    chain = ",".join(f"atempo={s:.6f}" for s in stages(factor))
    out, _ = probe.run_ffmpeg(
        [
            *probe.pcm_input(audio),
            "-af",
            chain,
            *["-f", "s16le", "-ar", str(audio.sample_rate), "-ac", "1", "pipe:1"],
        ],
        audio.pcm,
        what=f"tempo change x{factor:.4f}",
    )
    return Audio(pcm=out[: len(out) // 2 * 2], sample_rate=audio.sample_rate)
