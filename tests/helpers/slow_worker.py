"""The real Celery app and `narrator` command, with the fake voice slowed down per sentence.

    celery -A tests.helpers.slow_worker worker ...        (the worker tests)
    python -m tests.helpers.slow_worker worker ...        (`narrator worker`, the e2e tests)

NARRATOR_FAKE_DELAY_MS (default 0) is added to every fake synthesis, so a test can kill a
worker or restart Redis while a narration is surely half done. Run from the repository root
(with it on PYTHONPATH), never imported by the tests themselves. Test-only: never deployed.
"""

from __future__ import annotations

import os
import time
from typing import Any

from celery.signals import worker_process_init

from narrator.cli import main
from workers.celery_app import app

__all__ = ["app"]


class _Slow:
    def __init__(self, engine: Any, delay_s: float) -> None:
        self._engine = engine
        self._delay_s = delay_s
        self.name = engine.name
        self.version = engine.version
        self.sound_version = engine.sound_version

    def voices(self) -> Any:
        return self._engine.voices()

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Any:
        time.sleep(self._delay_s)
        return self._engine.synthesize(text, voice, pace)


@worker_process_init.connect
def _slow_fake_voice(**_: Any) -> None:
    from narrator.speech import pace, voices

    delay_s = int(os.environ.get("NARRATOR_FAKE_DELAY_MS", "0")) / 1000
    original = voices.get_engine
    # The fake voice's pace curve is measured on first use (the real voices' come from
    # calibration.json): measure it now, at full speed, so no task pays for it.
    pace.curve_for(original("fake"), "fake")

    def get_engine(name: str) -> Any:
        engine = original(name)
        return _Slow(engine, delay_s) if name == "fake" and delay_s else engine

    voices.get_engine = get_engine


if __name__ == "__main__":
    main()
