"""What the queue a task came from means for the worker process running it.

Batch work yields the CPU: while a task from the batch queue runs, the programs it starts
(ffmpeg: tempo, loudness, encoding, most of a batch narration's final file) run at background
priority, so a listener's narration and the API on the same machine go first
(narrator.audio.probe.set_background). Other queues run at the process's own priority.
"""

from __future__ import annotations

from narrator.audio import probe
from narrator.contract import BATCH


def started(queue: str | None) -> None:
    """A task from `queue` starts in this process."""
    probe.set_background(queue == BATCH)


def ended() -> None:
    """The task is over: the next one starts at the process's own priority unless told."""
    probe.set_background(False)
