import sys
from pathlib import Path

import pytest

from narrator.config import Settings
from narrator.supervisor import WorkerProcess, describe
from tests.helpers.processes import wait_for

AUTOGROUP = Path("/proc/self/autogroup")


def _started(tmp_path: Path, settings: Settings, niceness: int) -> tuple[WorkerProcess, str]:
    """A WorkerProcess running a program that writes down its autogroup and its nice value."""
    said = tmp_path / f"said-{niceness}"
    program = (
        "import os, pathlib, time\n"
        f"text = pathlib.Path('/proc/self/autogroup').read_text().strip()\n"
        f"pathlib.Path({str(said)!r}).write_text(text + ' ' + str(os.nice(0)))\n"
        "time.sleep(60)\n"
    )
    worker = WorkerProcess(settings, argv=[sys.executable, "-c", program], niceness=niceness)
    worker.start()
    wait_for(lambda: said.exists() and said.read_text(), 10, what="the child to report")
    return worker, said.read_text()


@pytest.mark.skipif(not AUTOGROUP.exists(), reason="no autogroup scheduling in this kernel")
def test_a_nicer_worker_is_nicer_in_its_own_session_too(tmp_path: Path, settings: Settings):
    # Each worker child has a session, hence an autogroup, of its own; with autogroup
    # scheduling a nice value counts only inside its group, so the group must be nicer too.
    # Empty when this process is in the root group (a session never set up since boot,
    # as under some CI runners): the kernel then shows no line for it.
    mine = AUTOGROUP.read_text().split()
    worker, said = _started(tmp_path, settings, 5)
    plain, plain_said = _started(tmp_path, settings, 0)
    try:
        group, _, group_nice, nice = said.split()
        assert (group_nice, nice) == ("5", "5")
        assert group.startswith("/autogroup-")
        assert not mine or group != mine[0]  # its own session's group, not this process's
        assert plain_said.split()[2:] == ["0", "0"]
        assert AUTOGROUP.read_text().split() == mine  # the parent's group is left as it was
    finally:
        worker.kill()
        plain.kill()


def test_a_worker_says_what_it_runs() -> None:
    said = describe(2, ["live", "interactive", "batch"], ["live", "interactive"])
    assert said.startswith("narrator worker: 2 pool processes (live, interactive, batch) and ")
    assert "a lane of 1 process (live, interactive)" in said and "--no-lane" in said
    assert describe(1, ["batch"], []) == "narrator worker: 1 pool process (batch)"
