"""piper in two worker processes at once: ONNX threads per core each, or the cores shared out.

    .venv/bin/python bench/piper_threads.py

Each case starts 1 or 2 processes (spawned, as pool processes are after a fresh start) that
load the voice with PiperEngine(threads=...), warm it, then synthesize the same ~30-word
paragraph 4 times; printed is the slowest process's seconds per paragraph. threads=all is
ONNX Runtime's default (a thread per core); threads=1 is what NARRATOR_ENGINE_THREADS gives
each of two worker processes on a 2-core machine.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from typing import Any

TEXT = (
    "The city council approved the harbor cleanup plan on Monday after a long debate. "
    "Officials said the work would start in the spring and take about two years to finish. "
)
RUNS = 4


def work(threads: int, results: Any) -> None:
    from narrator.speech.piper import VOICE_ID, PiperEngine

    engine = PiperEngine(threads=threads)
    engine.synthesize("Warm up.", VOICE_ID)
    started = time.monotonic()
    for _ in range(RUNS):
        engine.synthesize(TEXT, VOICE_ID)
    results.put((time.monotonic() - started) / RUNS)


def main() -> None:
    spawn = mp.get_context("spawn")
    print(f"{os.cpu_count()} cores")
    for threads in (0, 1):
        for processes in (1, 2):
            results = spawn.Queue()
            procs = [spawn.Process(target=work, args=(threads, results)) for _ in range(processes)]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
            slowest = max(results.get() for _ in procs)
            label = threads or "all"
            print(f"threads={label} processes={processes}: {slowest:.2f} s per paragraph")


if __name__ == "__main__":
    main()
