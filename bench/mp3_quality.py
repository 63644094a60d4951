"""MP3 encoder settings: what each LAME quality level costs, and what it does to speech.

    .venv/bin/python bench/mp3_quality.py [--levels 2,3,5,7] [--articles GLOB]

Each article is spoken by espeak-ng (en-us, en-gb) and by piper (Joe, its own pace), then
encoded as narrator encodes a file (mono 22.05 kHz, 64 kb/s, no bit reservoir) at each LAME
quality level (ffmpeg's `-compression_level`; 0 slowest, 9 fastest), and decoded again. Per
level: the encoder's CPU time per second of audio (the best of three), PESQ wideband (ITU-T
P.862.2, the standard objective stand-in for a listening test of speech codecs; 1 to 4.64) and
segmental SNR of the decoded audio against its input. The raw pipeline's encode (ffmpeg's
default quality, with the reservoir, bench/raw.py) is the first row, in the same run.
"""

from __future__ import annotations

import argparse
import glob
import resource
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from narrator.audio import loudness, probe  # noqa: E402

RATE = 22_050
PESQ_RATE = 16_000  # PESQ wideband works at 16 kHz
PESQ_PIECE_S = 20  # PESQ is defined on utterances of a few to about 20 seconds
ESPEAK_VOICES = ("en-us", "en-gb")


def _ffmpeg(*args: str) -> float:
    """Run ffmpeg; its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(probe.ffmpeg_command("-y", "-loglevel", "error", *args), check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _samples(path: Path, rate: int) -> np.ndarray:
    return loudness.decode(path, rate).astype(np.float64)


def speech(articles: list[Path], workdir: Path) -> list[Path]:
    """WAVs at 22.05 kHz: each article by each espeak voice (200 WPM) and by piper."""
    from narrator.speech import piper

    engine = piper.PiperEngine(threads=1) if piper.available() else None
    out = []
    for article in articles:
        for voice in ESPEAK_VOICES:
            wav = workdir / f"{article.stem}-{voice}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", "200", "-w", str(wav), "-f", str(article)],
                check=True,
            )
            out.append(wav)
        if engine is not None:
            text = " ".join(article.read_text(encoding="utf-8").split())
            pcm = b"".join(
                engine.synthesize(sentence, piper.VOICE_ID).pcm
                for sentence in text.replace(". ", ".\n").splitlines()
                if sentence.strip()
            )
            wav = workdir / f"{article.stem}-piper.wav"
            with wave.open(str(wav), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(RATE)
                w.writeframes(pcm)
            out.append(wav)
    return out


def segmental_snr(ref: np.ndarray, test: np.ndarray) -> float:
    """Mean SNR (dB) of 20 ms frames that carry speech, each clipped to [-10, 35] dB."""
    n = min(len(ref), len(test))
    frame = RATE // 50
    k = n // frame
    signal = (ref[: k * frame].reshape(k, frame) ** 2).sum(axis=1)
    noise = ((ref[: k * frame] - test[: k * frame]).reshape(k, frame) ** 2).sum(axis=1) + 1e-12
    speaking = signal > 1e-4 * signal.max()
    return float(np.clip(10 * np.log10(signal[speaking] / noise[speaking]), -10, 35).mean())


def pesq_wb(ref: np.ndarray, test: np.ndarray) -> list[float]:
    from pesq import pesq

    n = min(len(ref), len(test))
    step = PESQ_RATE * PESQ_PIECE_S
    return [
        float(pesq(PESQ_RATE, ref[i : i + step], test[i : i + step], "wb"))
        for i in range(0, n - step + 1, step)
    ]


# A rendition, decoded once: (its WAV, its samples at RATE, at PESQ_RATE)
Reference = tuple[Path, np.ndarray, np.ndarray]


def measure(
    refs: list[Reference], args: list[str], workdir: Path
) -> tuple[float, float, float, float]:
    """(encoder CPU ms per audio second, PESQ-WB mean, PESQ-WB lowest, segmental SNR dB)."""
    cpu = audio_s = 0.0
    scores: list[float] = []
    snrs = []
    for wav, ref, ref_16k in refs:
        mp3 = workdir / "x.mp3"
        common = ["-i", str(wav), "-ac", "1", "-ar", str(RATE)]
        cpu += min(_ffmpeg(*common, *args, str(mp3)) for _ in range(3))
        audio_s += len(ref) / RATE
        snrs.append(segmental_snr(ref, _samples(mp3, RATE)))
        scores += pesq_wb(ref_16k, _samples(mp3, PESQ_RATE))
    return cpu / audio_s * 1000, float(np.mean(scores)), float(np.min(scores)), float(np.mean(snrs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="2,3,5,7")
    parser.add_argument("--articles", default=str(HERE / "articles" / "0[1-3]*.txt"))
    opts = parser.parse_args()
    from narrator.audio.encode import FORMATS

    shipped = list(FORMATS["mp3"].codec_args)
    level_at = shipped.index("-compression_level") + 1
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        wavs = speech([Path(p) for p in sorted(glob.glob(opts.articles))], workdir)
        refs = [(w, _samples(w, RATE), _samples(w, PESQ_RATE)) for w in wavs]
        seconds = sum(len(ref) for _, ref, _ in refs) / RATE
        print(f"{len(refs)} renditions, {seconds / 60:.1f} minutes of speech")
        print("| encoder | CPU ms per audio s | PESQ-WB mean | PESQ-WB lowest | seg. SNR dB |")
        print("|---|---:|---:|---:|---:|")
        rows = [("raw pipeline: ffmpeg -b:a 64k (LAME default, reservoir)", ["-b:a", "64k"])]
        for level in opts.levels.split(","):
            args = [*shipped]  # the codec settings only: no ID3 tag, same container
            args[level_at] = level
            mark = " (shipped)" if level == shipped[level_at] else ""
            rows.append((f"LAME quality {level}, no reservoir{mark}", args))
        for label, args in rows:
            cpu, mean, low, snr = measure(refs, args, workdir)
            print(f"| {label} | {cpu:.2f} | {mean:.3f} | {low:.3f} | {snr:.1f} |")


if __name__ == "__main__":
    main()
