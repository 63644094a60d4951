"""A worker process's voices, started before its first task.

warm.warm_up()                    # in the pool process, before it takes a task (workers/tasks.py)
warm.warms_piper(default_voice)   # whether that loads piper's model (benches wait for it)
"""

from __future__ import annotations

import logging
import threading

from narrator import pipeline
from narrator.config import get_settings
from narrator.speech import piper, voices

log = logging.getLogger(__name__)
# Logged by each pool process once piper is loaded: a benchmark waits for it, so that a
# throughput figure is the steady state's, not one worker start's (about 3 CPU-seconds).
WARM_LOG = "piper voice warm"


def warms_piper(default_voice: str) -> bool:
    """Whether warm_up loads piper: only where piper speaks the default voice ("auto" included
    when the neural extra is installed). Its model costs a pool process about 3 CPU-seconds to
    load and about 340 MB to hold (README, Memory): a service whose default is an espeak voice
    does not pay that in every process on every start, and its first piper narration in a
    process loads the model then.
    """
    if not piper.available():
        return False
    return voices.resolve_voice(default_voice).engine == "piper"


def warm_up() -> None:
    """Start the engines now, so the first sentence of the first narration is not a cold start.

    Call it in a worker process before it takes a task: the engine objects are made here, in the
    calling thread (two threads must never race to create one). piper's model then loads in a
    thread (about 0.5 s, plus a first run that warms ONNX), so a slow load never trips the
    pool's start-up timeout; a task that needs piper meanwhile waits on the engine's lock.
    """
    try:
        voices.get_engine("espeak").synthesize("Ready.", "en-us")
        # The text stages' first run loads their tables and the pace calibration (~0.4 s).
        script = pipeline.prepare(pipeline.read(b"Warm up. The first narration is fast.\n"))
        pipeline.plan(script, "en-us", 1.0)
        if not warms_piper(get_settings().default_voice):
            return
        engine = voices.get_engine("piper")
    except Exception:  # warming is an optimization; the first task loads lazily instead
        log.warning("could not warm the voices", exc_info=True)
        return

    def load() -> None:
        try:
            engine.synthesize("Ready.", piper.VOICE_ID)
        except Exception:
            log.warning("could not warm the piper voice", exc_info=True)
        else:
            log.info(WARM_LOG)

    threading.Thread(target=load, name="narrator-warm-piper", daemon=True).start()
