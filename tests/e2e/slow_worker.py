"""`python slow_worker.py worker ...`: the `narrator` command, fake voice slowed per sentence.

tests/workers/slow_app.py hooks worker_process_init to add NARRATOR_FAKE_DELAY_MS to every fake
synthesis; importing it here and then running the CLI keeps `narrator worker` (run_worker) the
code under test while a narration surely stays half done long enough to kill its worker.
"""

from __future__ import annotations

import slow_app  # noqa: F401  (tests/workers, on PYTHONPATH: registers the hook)

from narrator.cli import main

if __name__ == "__main__":
    main()
