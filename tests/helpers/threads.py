"""Threads released together, for the tests of concurrent writers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def run_threads(n: int, target: Callable[[int], Any]) -> list[Any]:
    """Run target(i) in n threads released together; re-raise the first failure."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    if failures:
        raise failures[0]
    return results
