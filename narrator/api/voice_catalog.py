"""The voices the workers can speak, as data the API can check requests against.

The API process never loads a speech engine (pyttsx3/espeak is not fork-safe and piper loads an
ONNX runtime). Instead the catalog is probed once in a child process -- `python -m
narrator.api.voice_catalog` prints every voice with its engine version as JSON -- and cached.
Resolution is narrator.speech.matching's rule (the engines' too) applied to that data: any
case, "en_US" for "en-us", "auto" for the best installed English voice, a language code for its
voice, "base+variant" for an installed espeak voice, and the closest ids in UnknownVoice.
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
from dataclasses import asdict, dataclass, replace

from narrator import errors
from narrator.speech import matching

PROBE_TIMEOUT_S = 60.0
RETRY_AFTER_FAILURE_S = 30.0
_VARIANT = re.compile(r"^[a-z0-9]{1,20}$")


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
    id=matching.FAKE, name="Fake tone", language="en-us", engine="fake", engine_version="fake-1"
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
        if matching.normalize(voice_id) == FAKE.id:
            return FAKE
        voices = self.voices()
        by_id = {v.id.lower(): v for v in voices}

        def espeak_variant(wanted: str) -> CatalogVoice | None:
            # The probe lists a few variants, not every variant file espeak has: any
            # well-formed variant name of an installed espeak voice is accepted.
            base, _, variant = wanted.partition("+")
            v = by_id.get(base)
            if v is None or v.engine != "espeak" or not _VARIANT.match(variant):
                return None
            return replace(v, id=wanted, name=f"{v.name} ({variant})")

        return matching.resolve(voice_id, voices, espeak_variant)


def _probe() -> list[dict[str, object]]:
    from narrator.speech import voices as speech_voices

    found = speech_voices.list_voices()
    versions = {name: speech_voices.get_engine(name).version for name in {v.engine for v in found}}
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
