"""Word timings bench: where timings.json puts each word against where Whisper hears it.

For each article and voice, the pipeline narrates the first paragraphs at 1x (WAV) and writes
timings.json; faster-whisper (bench/intelligibility.py's model, word_timestamps=True) says when
it heard each word. Words are paired where both read the same (letters and digits, lower case;
a rewritten number or abbreviation is left out), and the bench prints the median and 95th
percentile of |our start - Whisper's start|, and the median signed difference (bias), for:

  ours   timings.json's word starts (narrator.audio.follow: spoken letters within the
         sentence's measured span, mapped to source words)
  even   the naive reference: each sentence's span split evenly among its words

Whisper's own word timestamps are not exact (tens of ms), so small differences are noise. A
second, acoustic reference says whose they are: where a word follows a pause (100 ms or more
below -40 dB of the audio's peak), the word begins where the sound does. For those words the
bench prints the median |start - onset| and the median signed difference, for our starts and for
Whisper's.

    .venv/bin/python bench/word_timings.py [--voices en-us,piper/en_US-joe-medium] [--words 250]
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
import tempfile
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.intelligibility import ARTICLES, DECODE, Article, load_model
from narrator import pipeline
from narrator.text import wordmap
from narrator.text.article import Article as NarratorArticle


def heard_words(audio: Path) -> list[tuple[str, float]]:
    """(key, start ms) of every word Whisper heard."""
    segments, _ = load_model(cpu_threads=2).transcribe(
        str(audio), **{**DECODE, "word_timestamps": True}
    )
    return [(wordmap.key(w.word), w.start * 1000) for s in segments for w in s.words or []]


def our_words(doc: dict, even: bool) -> list[tuple[str, float]]:
    text, out = doc["text"], []
    for s in doc["sentences"]:
        words = s["words"]
        step = (s["end_ms"] - s["start_ms"]) / max(len(words), 1)
        for i, w in enumerate(words):
            start = s["start_ms"] + i * step if even else w[0]
            out.append((wordmap.key(text[w[2] : w[3]]), start))
    return out


def errors(ours: list[tuple[str, float]], heard: list[tuple[str, float]]) -> list[float]:
    a, b = [k for k, _ in ours], [k for k, _ in heard]
    out = []
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            out.append(ours[block.a + k][1] - heard[block.b + k][1])
    return out


def sound_onsets(wav: Path, min_pause_ms: float = 100.0, step_ms: float = 5.0) -> list[float]:
    """ms where sound begins after a pause of min_pause_ms or more (5 ms RMS frames)."""
    import array
    import wave

    with wave.open(str(wav), "rb") as w:
        rate, data = w.getframerate(), w.readframes(w.getnframes())
    samples = array.array("h", data)
    n = max(1, int(rate * step_ms / 1000))
    levels = [
        (sum(x * x for x in samples[i : i + n]) / n) ** 0.5 for i in range(0, len(samples), n)
    ]
    threshold = max(levels) * 10 ** (-40 / 20)
    out, quiet = [], 0
    for i, level in enumerate(levels):
        if level < threshold:
            quiet += 1
            continue
        if quiet * step_ms >= min_pause_ms:
            out.append(i * step_ms)
        quiet = 0
    return out


def onset_errors(starts: list[float], onsets: list[float], within_ms: float = 250.0) -> list[float]:
    """For each onset, the nearest word start (if within_ms): start - onset."""
    out = []
    for onset in onsets:
        nearest = min(starts, key=lambda t: abs(t - onset), default=None)
        if nearest is not None and abs(nearest - onset) <= within_ms:
            out.append(nearest - onset)
    return out


def absolute_median(values: list[float]) -> float:
    return statistics.median(map(abs, values))


def p95(values: list[float]) -> float:
    ordered = sorted(map(abs, values))
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--voices", default="en-us,piper/en_US-joe-medium")
    ap.add_argument("--words", type=int, default=250, help="words per article (first paragraphs)")
    ap.add_argument("--articles", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(glob.glob(str(ARTICLES)))[: args.articles]
    print(
        f"{'voice':28} {'words':>6} {'ours median':>12} {'ours p95':>9} {'ours bias':>10} "
        f"{'even median':>12} {'even p95':>9}"
    )
    for voice in args.voices.split(","):
        ours_err: list[float] = []
        even_err: list[float] = []
        ours_onset: list[float] = []
        heard_onset: list[float] = []
        for path in paths:
            art = Article.load(Path(path))
            paragraphs, count = [], 0
            for p in art.paragraphs:
                if count >= args.words:
                    break
                paragraphs.append(p)
                count += len(p.split())
            script = pipeline.prepare(NarratorArticle(paragraphs=paragraphs, title=art.title))
            with tempfile.TemporaryDirectory() as tmp:
                result = pipeline.narrate(
                    script, Path(tmp) / "a.wav", voice=voice, speed=1.0, fmt="wav"
                )
                doc = json.loads(Path(result.timings).read_text())
                heard = heard_words(Path(result.audio))
                onsets = sound_onsets(Path(result.audio))
            ours_err += errors(our_words(doc, even=False), heard)
            ours_onset += onset_errors([t for _, t in our_words(doc, even=False)], onsets)
            heard_onset += onset_errors([t for _, t in heard], onsets)
            even_err += errors(our_words(doc, even=True), heard)
        print(
            f"{voice:28} {len(ours_err):6d} {absolute_median(ours_err):10.0f}ms "
            f"{p95(ours_err):7.0f}ms {statistics.median(ours_err):+8.0f}ms "
            f"{absolute_median(even_err):10.0f}ms {p95(even_err):7.0f}ms"
        )
        print(
            f"{'':28} after a pause ({len(ours_onset)} words): ours vs sound onset "
            f"{absolute_median(ours_onset):.0f} ms (bias {statistics.median(ours_onset):+.0f}), "
            f"Whisper vs sound onset {absolute_median(heard_onset):.0f} ms "
            f"(bias {statistics.median(heard_onset):+.0f})"
        )


if __name__ == "__main__":
    main()
