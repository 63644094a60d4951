"""What our loudness step (gain to -16 LUFS, the peak limiter) costs Whisper's intelligibility.

    .venv/bin/python bench/loudness_wer.py [--voice en-us] [--articles GLOB] [--limit-seconds 60]

For each article's opening, the narration as our pipeline joins it (chunks spoken, pauses
fitted to 200 WPM: bench/pipeline.py's stages before the final file) is scored by Whisper base
in 10 s windows cut between sentences (bench/anchor.py), four ways in one run:

  before     as joined, before the loudness step (the engine's own level)
  delivered  after it: loudness.normalize, as the final file is made (WAV, no codec)
  delivered, quieter   the same, then a plain gain down to the joined audio's loudness
  before, quieter      the joined audio, then the same plain gain down

Whisper's features are not level-free (log mel, offset and scaled), so the last two tell a
level effect (delivered vs delivered-quieter) from what the limiter does to the sound
(before vs delivered-quieter, at one level). WER over all articles; the limiter's work is
printed too (the share of speech samples it lowers by more than 1, 3 and 6 dB).
"""

from __future__ import annotations

import argparse
import glob
import sys
import wave
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script or imported

from bench import anchor  # noqa: E402
from bench.intelligibility import ARTICLES, Article, score  # noqa: E402
from bench.wer import Errors  # noqa: E402
from narrator import pipeline  # noqa: E402
from narrator.audio import loudness, r128  # noqa: E402
from narrator.speech.engine import Audio  # noqa: E402

WORK = HERE.parent / "var" / "bench-cache" / "loudness"
SPEECH_FLOOR = 0.01  # |sample| above which a sample counts as speech in the limiter's figures
WAYS = ("before", "delivered", "delivered, quieter", "before, quieter")


def write_wav(path: Path, audio: Audio) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(audio.sample_rate)
        w.writeframes(audio.pcm)
    return path


def quieter(audio: Audio, db: float) -> Audio:
    x = r128.floats(r128.pcm_view(audio.pcm)) * 10 ** (-db / 20)
    return Audio(pcm=r128.to_pcm(x), sample_rate=audio.sample_rate)


def limited_shares(before: Audio, after: Audio, gain_db: float) -> tuple[float, float, float]:
    """Of the speech samples, the shares the limiter lowered below `gain_db` (the gain the
    loudness step applied ahead of it) by more than 1, 3 and 6 dB."""
    x = r128.floats(r128.pcm_view(before.pcm)) * 10 ** (gain_db / 20)
    y = r128.floats(r128.pcm_view(after.pcm))
    speech = np.abs(x) > SPEECH_FLOOR
    ratio = np.abs(y[speech]) / np.maximum(np.abs(x[speech]), 1e-12)
    lowered = -20 * np.log10(np.maximum(ratio, 1e-6))
    one, three, six = (float(np.mean(lowered > d)) for d in (1.0, 3.0, 6.0))
    return one, three, six


def renditions(
    article: Article, voice: str
) -> tuple[dict[str, Audio], list[tuple[int, int]], float, float]:
    """The four ways of one article, its sentence spans (ms), the loudness gained (dB) and
    the gain applied ahead of the limiter (dB)."""
    script = pipeline.prepare(pipeline.read(article.file_text.encode(), filename="a.txt"))
    plan = pipeline.plan(script, voice, 1.0)
    chunks = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    audio, spans, _ = pipeline.join(chunks)
    fitted = pipeline.fit_pauses(script, plan, chunks, audio, spans)
    if fitted is not None:
        audio, spans = fitted.audio, fitted.spans
    # loudness.normalize's own search (an opening is short: searched on all of it), with its gain
    planned = loudness.plan_gain(audio)
    if planned is None:
        raise SystemExit(f"{article.name}: too short or quiet to measure")
    # (searched on an excerpt if the opening is long: then applied to all of it, as encode does)
    whole = planned.audio.frames == audio.frames
    delivered = planned.audio if whole else loudness.apply(audio, planned)
    down = loudness.measure(delivered).integrated_lufs - loudness.measure(audio).integrated_lufs
    ways = {
        "before": audio,
        "delivered": delivered,
        "delivered, quieter": quieter(delivered, down),
        "before, quieter": quieter(audio, down),
    }
    return ways, spans, down, planned.gain_db


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--voice", default="en-us")
    p.add_argument("--articles", default=str(ARTICLES), help="glob of article .txt files")
    p.add_argument("--limit-seconds", type=float, default=60.0, help="each article's opening")
    p.add_argument("--threads", type=int, default=2, help="CPU threads for Whisper")
    p.add_argument("--window-s", type=float, default=anchor.WINDOW_S)
    opts = p.parse_args(argv)
    opts.model_dir = None
    WORK.mkdir(parents=True, exist_ok=True)
    paths = [Path(x) for x in sorted(glob.glob(opts.articles))]
    if not paths:
        p.error(f"no article matches {opts.articles}")
    totals = {way: Errors() for way in WAYS}
    limited = []
    for path in paths:
        article = Article.load(path).opening(opts.limit_seconds)
        ways, spans, down, gain_db = renditions(article, opts.voice)
        limited.append(limited_shares(ways["before"], ways["delivered"], gain_db))
        cells = []
        for way in WAYS:
            wav = write_wav(
                WORK / f"{article.name}-{opts.voice.replace('/', '_')}-{way}.wav", ways[way]
            )
            errors, _ = score(article, anchor.heard(wav, spans, opts))
            totals[way] = totals[way] + errors
            cells.append(f"{way} {errors.wer:.1%}")
        print(
            f"{article.name}: {'; '.join(cells)} (louder by {down:.1f} dB, gain {gain_db:.1f})",
            flush=True,
        )
    print(f"voice {opts.voice}, {len(paths)} articles, openings of ~{opts.limit_seconds:g} s:")
    for way in WAYS:
        print(f"  {way:<20} WER {totals[way].wer:.1%}")
    one, three, six = np.mean(np.array(limited), axis=0)
    print(f"  the limiter lowered {one:.0%} / {three:.0%} / {six:.0%} of speech samples")
    print("  by over 1 / 3 / 6 dB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
