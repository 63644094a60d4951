"""Word timings bench: where timings.json puts each word against where Whisper hears it.

For each article and voice, the pipeline narrates the first paragraphs at 1x (WAV) and writes
timings.json; faster-whisper (bench/intelligibility.py's model) says where each word is. Words
are paired where both read the same (letters and digits, lower case; a rewritten number or
abbreviation is left out), and the bench prints the median and 95th percentile of |our start -
the reference's start|, and the median signed difference (bias). Four references:

  heard     Whisper's word timestamps on its own transcript (word_timestamps=True)
  aligned   Whisper's alignment of the words that were really said (the script each sentence
            was read from) with the audio: the same cross-attention alignment, but no word is
            misheard, and "$350 million for" is aligned as "350 million dollars for", so the
            word after a rewritten amount keeps its place
  forced    CMU Sphinx's forced alignment of the words said (bench/forced.py): an HMM
            acoustic model, phone by phone in 10 ms frames, silence optional between words;
            the method speech corpora are time-aligned with, and independent of Whisper
  ... +out of pauses  the same, where a reference start that falls inside a pause (100 ms or
            more below -40 dB of the audio's peak) moves to where the sound resumes: no word
            begins in silence, and Whisper base puts a word that follows a pause up to 300 ms
            early, inside the pause (see the README)

and two word starts to measure: ours (timings.json) and `even`, the naive baseline (each
sentence's span split evenly among its words). Whisper's alignment is not exact either (its
frames are 20 ms and its alignment heads blur), so `--worst N` prints the N words we disagree
on most, with our start and the reference's, for a look at the audio.

A second, purely acoustic reference says whose the error is: where a word follows a pause, the
word begins where the sound does. For those words the bench prints the median |start - onset|
and the median signed difference, for our starts and for Whisper's.

    .venv/bin/python bench/word_timings.py [--voices en-us,piper/en_US-joe-medium] [--words 250]
        [--articles 3] [--worst 0]
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
import tempfile
import wave
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import forced
from bench.anchor import windows
from bench.intelligibility import ARTICLES, DECODE, Article, load_model
from narrator import pipeline
from narrator.text import wordmap
from narrator.text.article import Article as NarratorArticle

Words = list[tuple[str, float]]  # (key, start ms)

PAUSE_MS = 100.0  # a pause: this long or more ...
PAUSE_DB = -40.0  # ... below the audio's peak by this much, in 5 ms frames
WINDOW_S = 25.0  # aligned windows (Whisper sees 30 s at most), cut halfway through a pause
SAMPLE_RATE = 16000  # Whisper's


def heard_words(audio: Path) -> Words:
    """(key, start ms) of every word Whisper heard."""
    segments, _ = load_model(cpu_threads=2).transcribe(
        str(audio), **{**DECODE, "word_timestamps": True}
    )
    return [(wordmap.key(w.word), w.start * 1000) for s in segments for w in s.words or []]


def aligned_words(audio: Path, spans: Sequence[tuple[int, int]], said: Sequence[str]) -> Words:
    """(key, start ms) of the words said, aligned by Whisper with the audio.

    `spans`: each sentence's (start ms, end ms) in the audio; `said`: its text as read. Windows
    of whole sentences, at most WINDOW_S long, are cut halfway through the pause between two
    sentences, so no word is cut in two and each window's text is exactly what it holds.
    """
    from faster_whisper.audio import decode_audio, pad_or_trim
    from faster_whisper.tokenizer import Tokenizer

    model = load_model(cpu_threads=2)
    samples = decode_audio(str(audio), sampling_rate=SAMPLE_RATE)
    tokenizer = Tokenizer(
        model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
    )
    out: Words = []
    total_ms = len(samples) * 1000 // SAMPLE_RATE
    for start, end in windows(list(spans), total_ms, WINDOW_S * 1000):
        text = " ".join(t for (a, _), t in zip(spans, said, strict=True) if start <= a < end)
        features = model.feature_extractor(
            samples[start * SAMPLE_RATE // 1000 : end * SAMPLE_RATE // 1000]
        )[..., :-1]
        encoded = model.encode(pad_or_trim(features))
        tokens = tokenizer.encode(" " + text)
        for w in model.find_alignment(tokenizer, [tokens], encoded, features.shape[-1])[0]:
            if wordmap.key(w["word"]):
                out.append((wordmap.key(w["word"]), start + float(w["start"]) * 1000))
    return out


def our_words(doc: dict, even: bool) -> Words:
    text, out = doc["text"], []
    for s in doc["sentences"]:
        words = s["words"]
        step = (s["end_ms"] - s["start_ms"]) / max(len(words), 1)
        for i, w in enumerate(words):
            start = s["start_ms"] + i * step if even else w[0]
            out.append((wordmap.key(text[w[2] : w[3]]), start))
    return out


def errors(ours: Words, reference: Words) -> list[float]:
    return [d for d, _, _ in pairs(ours, reference)]


def pairs(ours: Words, reference: Words) -> list[tuple[float, int, float]]:
    """(our start - the reference's, index in ours, the reference's start) for paired words."""
    a, b = [k for k, _ in ours], [k for k, _ in reference]
    out = []
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            i, j = block.a + k, block.b + k
            out.append((ours[i][1] - reference[j][1], i, reference[j][1]))
    return out


def pauses(wav: Path, step_ms: float = 5.0) -> list[tuple[float, float]]:
    """(start ms, end ms) of every pause: PAUSE_MS or more below PAUSE_DB of the peak."""
    with wave.open(str(wav), "rb") as w:
        rate, data = w.getframerate(), w.readframes(w.getnframes())
    samples = np.frombuffer(data, dtype=np.int16).astype(np.float64)
    n = max(1, int(rate * step_ms / 1000))
    frames = len(samples) // n
    levels = np.sqrt((samples[: frames * n].reshape(frames, n) ** 2).mean(axis=1))
    quiet = np.concatenate(([False], levels < levels.max() * 10 ** (PAUSE_DB / 20), [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    # Frames are n samples (4.99 ms at 22050 Hz), not step_ms: counting them as 5 ms drifted
    # 2 ms a second, and put a pause 0.15 s off by a minute into the audio.
    frame_ms = n * 1000 / rate
    return [
        (a * frame_ms, b * frame_ms)
        for a, b in zip(edges[::2], edges[1::2], strict=True)
        if (b - a) * frame_ms >= PAUSE_MS
    ]


def out_of_pauses(words: Words, quiet: Sequence[tuple[float, float]]) -> Words:
    """`words` with every start that falls inside a pause moved to where the sound resumes."""
    starts = np.array([a for a, _ in quiet])
    out = []
    for key, t in words:
        i = int(np.searchsorted(starts, t, side="right")) - 1
        if i >= 0 and quiet[i][0] <= t < quiet[i][1]:
            t = quiet[i][1]
        out.append((key, t))
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


def opening(path: Path, words: int) -> tuple[Article, list[str]]:
    art = Article.load(path)
    paragraphs: list[str] = []
    count = 0
    for p in art.paragraphs:
        if count >= words:
            break
        paragraphs.append(p)
        count += len(p.split())
    return art, paragraphs


REFERENCES = ("heard", "heard, out of pauses", "aligned", "aligned, out of pauses", "forced")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--voices", default="en-us,piper/en_US-joe-medium")
    ap.add_argument("--words", type=int, default=250, help="words per article (first paragraphs)")
    ap.add_argument("--articles", type=int, default=3)
    ap.add_argument("--worst", type=int, default=0, help="print the N words furthest off")
    ap.add_argument("--worst-against", default="aligned, out of pauses", choices=REFERENCES)
    args = ap.parse_args()
    paths = sorted(glob.glob(str(ARTICLES)))[: args.articles]
    print(
        f"{'voice':28} {'reference':24} {'words':>6} {'ours median':>12} {'ours p95':>9} "
        f"{'ours bias':>10} {'even median':>12} {'even p95':>9}"
    )
    for voice in args.voices.split(","):
        ours_err: dict[str, list[float]] = {r: [] for r in REFERENCES}
        even_err: dict[str, list[float]] = {r: [] for r in REFERENCES}
        ours_onset: list[float] = []
        heard_onset: list[float] = []
        worst: list[tuple[float, str, float, float]] = []
        for path in paths:
            art, paragraphs = opening(Path(path), args.words)
            script = pipeline.prepare(NarratorArticle(paragraphs=paragraphs, title=art.title))
            with tempfile.TemporaryDirectory() as tmp:
                result = pipeline.narrate(
                    script, Path(tmp) / "a.wav", voice=voice, speed=1.0, fmt="wav"
                )
                doc = json.loads(Path(result.timings).read_text())
                heard = heard_words(Path(result.audio))
                spans = [(s["start_ms"], s["end_ms"]) for s in doc["sentences"]]
                said = [s.text for s in script.sentences]
                aligned = aligned_words(Path(result.audio), spans, said)
                forced_words = forced.aligned_words(Path(result.audio), spans, said)
                quiet = pauses(Path(result.audio))
            onsets = [end for _, end in quiet]
            references = dict(
                zip(
                    REFERENCES,
                    (
                        heard,
                        out_of_pauses(heard, quiet),
                        aligned,
                        out_of_pauses(aligned, quiet),
                        forced_words,
                    ),
                    strict=True,
                )
            )
            ours, even = our_words(doc, even=False), our_words(doc, even=True)
            for name, reference in references.items():
                ours_err[name] += errors(ours, reference)
                even_err[name] += errors(even, reference)
            ours_onset += onset_errors([t for _, t in ours], onsets)
            heard_onset += onset_errors([t for _, t in heard], onsets)
            keys = [k for k, _ in ours]
            for d, i, ref in pairs(ours, references[args.worst_against]):
                context = " ".join([*keys[max(0, i - 3) : i], f"[{keys[i]}]", *keys[i + 1 : i + 3]])
                worst.append((d, f"{Path(path).name[:2]} {context}", ours[i][1], ref))
        for name in REFERENCES:
            o, e = ours_err[name], even_err[name]
            print(
                f"{voice:28} {name:24} {len(o):6d} {absolute_median(o):10.0f}ms "
                f"{p95(o):7.0f}ms {statistics.median(o):+8.0f}ms "
                f"{absolute_median(e):10.0f}ms {p95(e):7.0f}ms"
            )
        print(
            f"{'':28} after a pause ({len(ours_onset)} words): ours vs sound onset "
            f"{absolute_median(ours_onset):.0f} ms (bias {statistics.median(ours_onset):+.0f}), "
            f"Whisper vs sound onset {absolute_median(heard_onset):.0f} ms "
            f"(bias {statistics.median(heard_onset):+.0f})"
        )
        for d, context, ours_ms, ref_ms in sorted(worst, key=lambda w: -abs(w[0]))[: args.worst]:
            print(
                f"{'':28} {d:+5.0f} ms  ours {ours_ms / 1000:7.2f} s  reference "
                f"{ref_ms / 1000:7.2f} s  {context}"
            )


if __name__ == "__main__":
    main()
