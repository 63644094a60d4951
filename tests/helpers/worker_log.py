"""What a worker's INFO log says about the tasks in its hands."""

from __future__ import annotations

import re


def in_flight(log: str) -> dict[str, str]:
    """Tasks a worker has received and not yet finished, from its INFO log: {id: task name}."""
    received = {
        task_id: name
        for name, task_id in re.findall(r"Task ([\w.]+)\[([0-9a-f-]+)\] received", log)
    }
    finished = set(re.findall(r"Task [\w.]+\[([0-9a-f-]+)\] (?:succeeded|failed|retry)", log))
    return {task_id: name for task_id, name in received.items() if task_id not in finished}
