"""narrator.owners: temp names that say which process made them, and the sweep of leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from narrator import owners
from tests.helpers.crashes import killed_with_temp_dir


def test_tag_names_this_process() -> None:
    scope, pid = owners.tag().rsplit("-", 1)
    assert len(scope) == 12 and int(scope, 16) >= 0
    assert int(pid) == os.getpid()
    folder = owners.mkdtemp("test")
    try:
        assert folder.name.startswith(f"narrator-test-{owners.tag()}-") and folder.is_dir()
    finally:
        folder.rmdir()


def test_alive() -> None:
    assert owners.alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not owners.alive(child.pid)


def test_sweep_removes_only_the_folders_of_processes_that_are_gone(tmp_path: Path) -> None:
    # A real process makes its folder, puts a file in it and is killed: nothing cleans up.
    leftover = killed_with_temp_dir(tmp_path)
    assert leftover.parent == tmp_path
    mine = Path(tempfile.mkdtemp(prefix=f"narrator-assemble-{owners.tag()}-", dir=tmp_path))
    elsewhere = tmp_path / "narrator-espeak-0123456789ab-1-x"  # another machine's: unknowable
    untagged = tmp_path / "narrator-espeak-k2j3h4"  # made before names carried their owner
    unrelated = tmp_path / "other-0123456789ab-1-x"
    for folder in (elsewhere, untagged, unrelated):
        folder.mkdir()

    assert owners.sweep_temp_dirs(tmp_path) == 1
    assert not leftover.exists()
    assert all(p.is_dir() for p in (mine, elsewhere, untagged, unrelated))
    assert owners.sweep_temp_dirs(tmp_path) == 0


def test_espeak_engine_works_in_a_tagged_folder() -> None:
    from narrator.speech import espeak

    engine = espeak.EspeakEngine()
    audio = engine.synthesize("Tagged.", "en-us", 1.0)
    assert audio.pcm
    runtime = espeak._runtime
    assert runtime is not None
    assert runtime.tmpdir.name.startswith(f"narrator-espeak-{owners.tag()}-")
    owners.sweep_temp_dirs(runtime.tmpdir.parent)  # a live engine's folder survives a sweep
    assert runtime.tmpdir.is_dir()
    assert engine.synthesize("Still here.", "en-us", 1.0).pcm
