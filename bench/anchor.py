"""Native speed against the anchor: is our 2x clearer than the browser speeding up our 1x?

For each English voice, speed and run, on the same articles:

  native  our pipeline at that speed (in process: `pipeline.narrate`, WAV and timings.json)
  anchor  our 1x rendition of the same run, time-stretched with ffmpeg `atempo` to exactly the
          native file's length (pitch kept, the WSOLA family browsers use for playbackRate)
  raw     (1x only) the bare engine at its own pace, one paragraph per file

Whisper base (bench/intelligibility.py, deterministic decoding) transcribes each rendition in
windows of at most --window-s seconds, cut in the pauses between sentences (timings.json), and
the joined transcripts are scored against the joined article text (bench/intelligibility.score).
Whisper decodes 30-second windows; left to cut the audio itself, at 2x it now and then loses or
loops over a whole window, and a rendition stretched 0.5% differently moved WER from 35% to
73%. Short windows that end between sentences make such a failure cost less (not nothing).

Run r uses piper noise seed r (`--runs N`: seeds 0..N-1) for both native and anchor; espeak
has no noise, so its runs are identical (and cached). The figures per run and their spread
are printed; the goal is native <= anchor everywhere and native 2x <= 0.8 x anchor for the
default voice, in every run.

    nice -n 19 .venv/bin/python bench/intelligibility.py --anchor --runs 2 --limit-seconds 60 \\
        --articles 'bench/articles/0[1-3]*.txt'

Levers (`--exponents`, `--stretch`, `--max-pace`, `--pauses`, `--squeeze-from`,
`--squeeze-exponents`) override the shipped settings for the run, so the tables of alternatives
in the README can be made again.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import wave
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.intelligibility import ARTICLES, Article, RawEngines, audio_seconds, score, transcribe
from bench.wer import Errors

DEFAULT_VOICES = ("piper/en_US-joe-medium", "en-us", "en-gb")
SPEEDS = (1.0, 1.25, 1.5, 1.75, 2.0)
# 10 s, not 25: one 2x anchor stretched 0.5% more or less scored 86.2/42.1/73.6% in 25 s
# windows and 61.6/50.3/53.5% in 10 s ones (bench/window_noise.py, README "Fast speech").
WINDOW_S = 10.0
WORK = Path(__file__).resolve().parent.parent / "var" / "bench-cache" / "anchor"
_TAG = "shipped"  # the settings' hash: runs with other levers can run side by side


# ---- windows -----------------------------------------------------------------------------


def windows(spans: list[tuple[int, int]], total_ms: int, window_ms: float) -> list[tuple[int, int]]:
    """(start, end) ms of windows grouping whole sentences, each at most `window_ms` long.

    Each cut lies halfway through the pause between two sentences; a sentence longer than a
    window is a window alone.
    """
    cuts = [0]
    for (_, end), (nxt, nxt_end) in itertools.pairwise(spans):
        if nxt_end - cuts[-1] > window_ms:
            cuts.append((end + nxt) // 2)
    cuts.append(total_ms)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def cut_wav(src: Path, start_ms: int, end_ms: int, out: Path) -> Path:
    with wave.open(str(src), "rb") as w:
        rate, width = w.getframerate(), w.getsampwidth()
        w.setpos(min(w.getnframes(), start_ms * rate // 1000))
        frames = w.readframes(max(0, (end_ms - start_ms) * rate // 1000))
    with wave.open(str(out), "wb") as o:
        o.setnchannels(1)
        o.setsampwidth(width)
        o.setframerate(rate)
        o.writeframes(frames)
    return out


def heard(wav: Path, spans: list[tuple[int, int]], opts: argparse.Namespace) -> str:
    """What Whisper hears in `wav`, window by window, joined."""
    total = round(audio_seconds(wav) * 1000)
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (a, b) in enumerate(windows(spans, total, opts.window_s * 1000)):
            part = cut_wav(wav, a, b, Path(tmp) / f"w{i}.wav")
            texts.append(transcribe(part, opts.model_dir, opts.threads).text)
    return " ".join(texts)


# ---- renditions --------------------------------------------------------------------------


def native(
    article: Article, voice: str, speed: float, run: int, reuse: bool = False
) -> tuple[Path, list[tuple[int, int]], float]:
    """Our rendition: the WAV, its sentence spans (ms) and its WPM as the pipeline counts it.

    `reuse`: a rendition this bench already left for the same settings is taken as it is, to
    score it again (another window length) without rendering again.
    """
    from narrator import pipeline

    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / f"{article.name}-{voice.replace('/', '_')}-{speed:g}x-r{run}-{_TAG}.wav"
    timings = out.with_suffix(".timings.json")
    script = pipeline.prepare(pipeline.read(article.file_text.encode(), filename="a.txt"))
    if not (reuse and out.is_file() and timings.is_file()):
        pipeline.narrate(script, out, voice=voice, speed=speed, fmt="wav")
    spans = [(s["start_ms"], s["end_ms"]) for s in json.loads(timings.read_text())["sentences"]]
    return out, spans, script.words / (audio_seconds(out) / 60)  # as the pipeline counts it


def anchor(
    one_x: Path, spans: list[tuple[int, int]], seconds: float, out: Path
) -> tuple[Path, list[tuple[int, int]]]:
    """`one_x` stretched by atempo to last `seconds`, and its sentence spans scaled alike."""
    factor = audio_seconds(one_x) / seconds
    stages = []
    f = factor
    while f > 2.0:
        stages.append(2.0)
        f /= 2.0
    stages.append(f)
    chain = ",".join(f"atempo={s:.6f}" for s in stages)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(one_x), "-af", chain, str(out)], check=True
    )
    return out, [(round(a / factor), round(b / factor)) for a, b in spans]


def raw_text(article: Article, engines: RawEngines, voice: str, opts: argparse.Namespace) -> str:
    """The bare engine at its own pace, a paragraph per file (each well under 30 s)."""
    texts = []
    for para in (article.title, *article.paragraphs):
        wav = engines.synthesize(para, voice, 1.0)
        texts.append(transcribe(wav, opts.model_dir, opts.threads).text)
    return " ".join(texts)


# ---- the run -----------------------------------------------------------------------------


def set_seed(run: int) -> None:
    """Piper noise seed `run` for this process's engine (other engines have no noise)."""
    from narrator.speech import piper, voices

    if piper.available():
        import os

        from narrator.config import get_settings

        voices._engines[(os.getpid(), "piper")] = piper.PiperEngine(
            threads=get_settings().engine_threads or 1, seed=run
        )


def apply_levers(opts: argparse.Namespace) -> dict[str, Any]:
    from narrator.audio import tempo, wsola
    from narrator.speech import pace, piper

    if opts.exponents:
        c, v, p = (float(x) for x in opts.exponents.split(","))
        piper.CONSONANT_EXPONENT, piper.VOWEL_EXPONENT, piper.PAUSE_EXPONENT = c, v, p
    if opts.stretch:
        tempo.METHOD = opts.stretch
    if opts.max_pace:
        lo, _ = pace.PACE_RANGE["piper"]
        pace.PACE_RANGE["piper"] = (lo, opts.max_pace)
    if opts.espeak_max_pace:
        lo, _ = pace.PACE_RANGE["espeak"]
        pace.PACE_RANGE["espeak"] = (lo, opts.espeak_max_pace)
    if opts.squeeze_from is not None:  # 0: piper's own length scale only, as before
        piper.SQUEEZE_FROM = opts.squeeze_from or None
        lo, shipped = pace.PACE_RANGE["piper"]
        fastest = shipped if opts.squeeze_from else 1 / piper.MIN_LENGTH_SCALE
        pace.PACE_RANGE["piper"] = (lo, opts.max_pace or fastest)
    if opts.squeeze_exponents:
        c, v, q = (float(x) for x in opts.squeeze_exponents.split(","))
        piper.SQUEEZE_EXPONENTS = (c, v, q)
    if opts.wsola:
        frame, tolerance, score = opts.wsola.split(",")
        wsola.FRAME, wsola.TOLERANCE = int(frame), int(tolerance)
        wsola.NORMALISED = score == "normalised"
    if opts.noise:
        audio_noise, duration_noise = (float(x) for x in opts.noise.split(","))
        piper.NOISE = (audio_noise, duration_noise)
    if opts.fast_noise:
        fast_from, fast_scale = (float(x) for x in opts.fast_noise.split(","))
        piper.FAST_FROM, piper.FAST_NOISE_SCALE = fast_from, fast_scale or None
    if opts.pauses:
        a, b = (int(x) for x in opts.pauses.split(","))
        pace.SENTENCE_PAUSE_MS, pace.PARAGRAPH_PAUSE_MS = a, b
    return {
        "exponents": [piper.CONSONANT_EXPONENT, piper.VOWEL_EXPONENT, piper.PAUSE_EXPONENT],
        "stretch": tempo.METHOD,
        "piper_pace_range": list(pace.PACE_RANGE["piper"]),
        "espeak_pace_range": list(pace.PACE_RANGE["espeak"]),
        "pauses_1x_ms": [pace.SENTENCE_PAUSE_MS, pace.PARAGRAPH_PAUSE_MS],
        "squeeze": [piper.SQUEEZE_FROM, list(piper.SQUEEZE_EXPONENTS)],
        "wsola": [wsola.FRAME, wsola.TOLERANCE, wsola.NORMALISED],
        "noise": list(piper.NOISE) if piper.NOISE else None,
        "fast_noise": [piper.FAST_FROM, piper.FAST_NOISE_SCALE],
    }


def _wer(sides: list[tuple[Errors, int]]) -> float:
    return sum((e for e, _ in sides), Errors()).wer


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--voices", default=",".join(DEFAULT_VOICES))
    p.add_argument("--speeds", default=",".join(f"{s:g}" for s in SPEEDS))
    p.add_argument("--articles", default=str(ARTICLES))
    p.add_argument("--limit-seconds", type=float, default=None)
    p.add_argument("--runs", type=int, default=1, help="runs, with piper noise seeds 0..N-1")
    p.add_argument("--first-seed", type=int, default=0)
    p.add_argument("--window-s", type=float, default=WINDOW_S)
    p.add_argument("--no-raw", action="store_true", help="skip the raw engines at 1x")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="score renditions left by an earlier run of the same settings again",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--model-dir", default=None)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--exponents", help="lever: piper consonant,vowel,pause duration exponents")
    p.add_argument("--stretch", choices=("atempo", "rubberband"), help="lever: native stretch")
    p.add_argument("--max-pace", type=float, help="lever: piper's fastest engine pace")
    p.add_argument("--espeak-max-pace", type=float, help="lever: espeak's fastest engine pace")
    p.add_argument("--pauses", help="lever: sentence,paragraph pause at 1x in ms")
    p.add_argument(
        "--squeeze-from",
        type=float,
        help="lever: piper pace past which WSOLA does the rest (0: off)",
    )
    p.add_argument("--squeeze-exponents", help="lever: consonant,vowel,pause squeeze exponents")
    p.add_argument(
        "--wsola",
        help="lever: FRAME,TOLERANCE,raw|normalised: frame and search (samples), match score",
    )
    p.add_argument("--noise", help="lever: piper AUDIO,DURATION noise scales (voice's: 0.667,0.8)")
    p.add_argument(
        "--fast-noise",
        help="lever: FROM,SCALE: piper's audio noise scale from engine pace FROM (SCALE 0: off)",
    )
    p.add_argument("-v", "--verbose", action="store_true")
    opts = p.parse_args(argv)

    settings = apply_levers(opts)
    global _TAG
    _TAG = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:8]
    voices = [v for v in opts.voices.split(",") if v]
    speeds = [float(s) for s in opts.speeds.split(",") if s]
    if 1.0 not in speeds:
        speeds.insert(0, 1.0)  # the anchor is made from the 1x rendition
    articles = [
        Article.load(Path(x)).opening(opts.limit_seconds) for x in sorted(glob.glob(opts.articles))
    ]
    engines = RawEngines(opts.threads)
    results: list[dict[str, Any]] = []
    for voice in voices:
        raw = None
        if not opts.no_raw:
            raw = _wer([score(a, raw_text(a, engines, voice, opts)) for a in articles])
        for run in range(opts.first_seed, opts.first_seed + opts.runs):
            set_seed(run)
            per_speed: dict[float, dict[str, list[tuple[Errors, int]]]] = {}
            wpm: dict[float, list[tuple[float, float]]] = {}
            for article in articles:
                one_x, one_spans, one_wpm = native(article, voice, 1.0, run, opts.reuse)
                for speed in speeds:
                    wav, spans, got_wpm = (
                        (one_x, one_spans, one_wpm)
                        if speed == 1.0
                        else (native(article, voice, speed, run, opts.reuse))
                    )
                    got = per_speed.setdefault(speed, {"native": [], "anchor": []})
                    got["native"].append(score(article, heard(wav, spans, opts)))
                    seconds = audio_seconds(wav)
                    wpm.setdefault(speed, []).append((got_wpm * seconds / 60, seconds))
                    if speed != 1.0:
                        stretched, s2 = anchor(
                            one_x, one_spans, seconds, wav.with_name(wav.stem + "-anchor.wav")
                        )
                        got["anchor"].append(score(article, heard(stretched, s2, opts)))
                    if opts.verbose:
                        print(
                            f"{voice} r{run} {speed:g}x {article.name}: native "
                            f"{got['native'][-1][0].wer:.1%}"
                            + (f" anchor {got['anchor'][-1][0].wer:.1%}" if speed != 1.0 else ""),
                            file=sys.stderr,
                            flush=True,
                        )
            for speed in speeds:
                words = sum(w for w, _ in wpm[speed])
                secs = sum(s for _, s in wpm[speed])
                results.append(
                    {
                        "voice": voice,
                        "speed": speed,
                        "run": run,
                        "native": round(_wer(per_speed[speed]["native"]), 4),
                        "anchor": (
                            round(_wer(per_speed[speed]["anchor"]), 4)
                            if per_speed[speed]["anchor"]
                            else None
                        ),
                        "raw": raw if speed == 1.0 else None,
                        "wpm": round(words / secs * 60, 1),
                    }
                )
    report = {
        "articles": [a.name for a in articles],
        "limit_seconds": opts.limit_seconds,
        "window_s": opts.window_s,
        "settings": settings,
        "results": results,
    }
    if opts.json:
        print(json.dumps(report, indent=1))
    else:
        print_table(report)
    return 0


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.1%}"
    return (
        f"{statistics.mean(values):.1%} ({min(values):.1%}-{max(values):.1%}; "
        + " ".join(f"{v:.1%}" for v in values)
        + ")"
    )


def print_table(report: dict[str, Any]) -> None:
    print(
        f"articles {', '.join(report['articles'])}; ~{report['limit_seconds']}s each; "
        f"windows <= {report['window_s']:g}s; settings {json.dumps(report['settings'])}"
    )
    print(
        "voice | speed | WPM | native WER mean (min-max; runs) | anchor WER | "
        "native/anchor per run | raw at own pace"
    )
    keys = sorted(
        {(r["voice"], r["speed"]) for r in report["results"]},
        key=lambda k: (list(DEFAULT_VOICES).index(k[0]) if k[0] in DEFAULT_VOICES else 99, k),
    )
    for voice, speed in keys:
        rows = [r for r in report["results"] if (r["voice"], r["speed"]) == (voice, speed)]
        nat = [r["native"] for r in rows]
        anc = [r["anchor"] for r in rows if r["anchor"] is not None]
        ratio = " ".join(f"{r['native'] / r['anchor']:.2f}" if r["anchor"] else "-" for r in rows)
        raw = rows[0]["raw"]
        print(
            f"{voice} | {speed:g}x | {statistics.mean(r['wpm'] for r in rows):.0f} | "
            f"{_spread(nat)} | {_spread(anc) if anc else '-'} | "
            f"{ratio if anc else '-'} | {f'{raw:.1%}' if raw is not None else '-'}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
