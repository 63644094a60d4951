"""Forced alignment with CMU Sphinx: where each word said begins, from an HMM acoustic model.

A second, independent reference for bench/word_timings.py. Whisper's word times come from its
cross-attention (20 ms frames, heads that blur, a word placed in the syllable next to it);
pocketsphinx aligns the known words with the audio through its own acoustic model (the
CMU en-us continuous model shipped in its wheel), phone by phone, in 10 ms frames, with
optional silence between words: the classic way speech corpora are time-aligned.

Words come from cmudict (in the wheel). A word it lacks (a name, "Hochul") is given the
sounds espeak-ng says for it, mapped from IPA to the model's phones; both of our engines
speak from espeak-ng's phonemes, so that is what was said. A number left in digits by the
normalizer is said as num2words says it. Each sentence is aligned alone, in a window cut
halfway through the pauses around it.
"""

# ruff: noqa: RUF001 - IPA symbols and typographic quotes are matched on purpose

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from num2words import num2words

from bench.anchor import windows
from narrator.text import wordmap

Words = list[tuple[str, float]]  # (key, start ms)
RATE = 16000  # the model's
FRAME_MS = 10.0
# One sentence a window, cut halfway through the pauses around it: a window the aligner
# cannot fit loses one sentence, not a paragraph (in windows of 25 s, 222 of espeak's 827
# words on three articles were placed at all).
WINDOW_MS = 1.0
# Beams wide enough that no path is pruned: the model was trained on people, and at the
# default 1e-48 (or at 1e-100) it prunes the one path through espeak's formant voice for half
# the sentences; at 1e-300 all of them align, in about 2 s a minute of audio.
BEAM = 1e-300

# espeak-ng's IPA (en-us) -> the model's phones; longest symbols first.
_IPA = {
    "aɪə": "AY ER",
    "aɪ": "AY",
    "aʊ": "AW",
    "eɪ": "EY",
    "oʊ": "OW",
    "əʊ": "OW",
    "ɔɪ": "OY",
    "tʃ": "CH",
    "dʒ": "JH",
    "ɑː": "AA",
    "ɔː": "AO",
    "ɜː": "ER",
    "iː": "IY",
    "uː": "UW",
    "ɚ": "ER",
    "ɜ": "ER",
    "ə": "AH",
    "ɐ": "AH",
    "ʌ": "AH",
    "æ": "AE",
    "a": "AE",
    "ɑ": "AA",
    "ɒ": "AA",
    "ɔ": "AO",
    "ɛ": "EH",
    "e": "EY",
    "ɪ": "IH",
    "ᵻ": "IH",
    "i": "IY",
    "ʊ": "UH",
    "u": "UW",
    "o": "OW",
    "b": "B",
    "d": "D",
    "ð": "DH",
    "f": "F",
    "ɡ": "G",
    "g": "G",
    "h": "HH",
    "j": "Y",
    "k": "K",
    "x": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "ŋ": "NG",
    "p": "P",
    "ɹ": "R",
    "r": "R",
    "s": "S",
    "ʃ": "SH",
    "t": "T",
    "ɾ": "T",
    "ʔ": "T",
    "θ": "TH",
    "v": "V",
    "w": "W",
    "z": "Z",
    "ʒ": "ZH",
}
_IGNORED = set("ˈˌː̩ .-_‍")


def arpabet(ipa: str) -> str:
    """ "hoʊtʃʊl" -> "HH OW CH UH L" (unknown symbols are skipped)."""
    phones, i = [], 0
    while i < len(ipa):
        for size in (3, 2, 1):
            piece = ipa[i : i + size]
            if piece in _IPA:
                phones.append(_IPA[piece])
                i += size
                break
        else:
            i += 1  # stress, length and syllable marks; anything the table lacks
    return " ".join(phones)


def espeak_ipa(words: Sequence[str]) -> list[str]:
    """espeak-ng's IPA for each word (en-us), one run for all of them."""
    espeak = shutil.which("espeak-ng")
    assert espeak is not None, "espeak-ng is needed"
    out = subprocess.run(
        [espeak, "-q", "--ipa", "-v", "en-us"],
        input="\n".join(f"{w}." for w in words),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    return lines if len(lines) == len(words) else [""] * len(words)


_NUMBER = re.compile(r"^(\d[\d,]*)(\.\d+)?(st|nd|rd|th)?$")


def spoken(token: str) -> list[str]:
    """The dictionary words a script token is said as: "fifty-five" -> ["fifty", "five"],
    "25th" -> ["twenty", "fifth"], "3.5" -> ["three", "point", "five"]."""
    word = token.strip(".,;:!?\"'()[]“”‘’").lower().replace("’", "'")
    number = _NUMBER.match(word)
    if number:
        whole, decimals, ordinal = number.groups()
        n = int(whole.replace(",", ""))
        said = str(num2words(n, to="ordinal" if ordinal else "cardinal"))
        if decimals:
            said += " point " + " ".join(str(num2words(int(d))) for d in decimals[1:])
        word = said.replace(" and ", " ").replace(",", "")
    return [w for w in re.split(r"[\s\-]+", word) if w and re.search(r"[a-z0-9]", w)]


@lru_cache(maxsize=1)
def _decoder():  # type: ignore[no-untyped-def]
    from pocketsphinx import Decoder

    return Decoder(
        samprate=RATE, bestpath=False, loglevel="FATAL", beam=BEAM, wbeam=BEAM, pbeam=BEAM
    )


def _known(decoder, words: set[str]) -> None:  # type: ignore[no-untyped-def]
    """Teach the decoder the words its dictionary lacks, as espeak-ng says them."""
    missing = sorted(w for w in words if decoder.lookup_word(w) is None)
    for word, ipa in zip(missing, espeak_ipa(missing), strict=True):
        phones = arpabet(ipa)
        if phones:
            decoder.add_word(word, phones, True)


def _samples(audio: Path) -> np.ndarray:
    raw = subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-i",
            str(audio),
            "-ac",
            "1",
            "-ar",
            str(RATE),
            "-f",
            "s16le",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16)


def aligned_words(audio: Path, spans: Sequence[tuple[int, int]], said: Sequence[str]) -> Words:
    """(key, start ms) of each word of `said` (each sentence's script), force-aligned.

    A token said as several words ("25th": "twenty fifth") starts where its first one does.
    A window the aligner cannot fit (it happens on a garbled stretch) is left out.
    """
    decoder = _decoder()
    samples = _samples(audio)
    total_ms = len(samples) * 1000 // RATE
    out: Words = []
    for start, end in windows(list(spans), total_ms, WINDOW_MS):
        tokens = [
            t
            for (a, _), text in zip(spans, said, strict=True)
            if start <= a < end
            for t in wordmap.spoken_words(text)
        ]
        parts = [spoken(t) for t in tokens]
        _known(decoder, {w for p in parts for w in p})
        flat = [w for p in parts for w in p if decoder.lookup_word(w) is not None]
        if not flat:
            continue
        decoder.set_align_text(" ".join(flat))
        decoder.start_utt()
        piece = samples[start * RATE // 1000 : end * RATE // 1000]
        decoder.process_raw(piece.tobytes(), full_utt=True)
        decoder.end_utt()
        if decoder.hyp() is None:
            continue
        starts = [
            start + seg.start_frame * FRAME_MS
            for seg in decoder.seg()
            if not seg.word.startswith(("<", "["))  # <s>, <sil>, </s>, [NOISE]
        ]
        # The segments follow `flat` one for one: hand each token its first word's start.
        at = 0
        for token, words in zip(tokens, parts, strict=True):
            kept = [w for w in words if decoder.lookup_word(w) is not None]
            if kept and at < len(starts):
                out.append((wordmap.key(token), starts[at]))
            at += len(kept)
    return out
