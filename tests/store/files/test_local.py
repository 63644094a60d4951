"""narrator.store.files.local: atomic writes, symlinks, pruning and the sweep of leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from narrator import errors
from narrator.store.files import InvalidKey, LocalStorage, MissingKey
from narrator.store.files.storage import temp_prefix
from tests.helpers.crashes import killed_mid_write
from tests.helpers.processes import dead_tag, wait_for

DATA = bytes(range(256)) * 40  # 10 240 bytes
BIG = bytes(range(256)) * 1024  # 256 KiB


def test_local_writes_are_atomic_and_leave_no_temp_files(local_storage: LocalStorage) -> None:
    local_storage.put_bytes("x/y.bin", DATA)
    assert sorted(p.name for p in (local_storage.root / "x").iterdir()) == ["y.bin"]


def test_local_failed_write_keeps_the_old_file(local_storage: LocalStorage, tmp_path: Path) -> None:
    local_storage.put_bytes("f", b"old")
    with pytest.raises(errors.StorageError):
        local_storage.put_file("f", tmp_path / "does-not-exist")
    assert local_storage.get_bytes("f") == b"old"
    assert [p.name for p in local_storage.root.iterdir()] == ["f"]


def test_local_path_for_file_responses(local_storage: LocalStorage) -> None:
    local_storage.put_bytes("n/audio.mp3", b"mp3")
    path = local_storage.local_path("n/audio.mp3")
    assert path is not None and path.read_bytes() == b"mp3"
    assert path.is_relative_to(local_storage.root)
    with pytest.raises(MissingKey):
        local_storage.local_path("n/other.mp3")


def test_local_symlink_out_of_root_is_rejected(local_storage: LocalStorage, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_bytes(b"secret")
    os.symlink(outside, local_storage.root / "link")
    with pytest.raises(InvalidKey, match="outside"):
        local_storage.get_bytes("link/secret")
    with pytest.raises(InvalidKey, match="outside"):
        local_storage.exists("link/secret")
    with pytest.raises(InvalidKey):
        local_storage.put_bytes("link/new", b"x")
    assert not (outside / "new").exists()


def test_local_delete_prunes_empty_folders(local_storage: LocalStorage) -> None:
    local_storage.put_bytes("a/b/c/file", b"x")
    local_storage.put_bytes("a/keep", b"x")
    local_storage.delete("a/b/c/file")
    assert not (local_storage.root / "a" / "b").exists()
    assert (local_storage.root / "a" / "keep").exists()
    assert local_storage.root.is_dir()


def test_local_sweep_removes_what_a_killed_writer_left(local_storage: LocalStorage) -> None:
    local_storage.put_bytes("chunks/ab/kept.pcm", DATA)
    temp = killed_mid_write(local_storage.root, "chunks/ab/lost.pcm")
    assert temp.parent == local_storage.root / "chunks" / "ab"
    assert list(local_storage.iter_keys("chunks")) == ["chunks/ab/kept.pcm"]
    # Young, but its writer is dead: no need to wait out the age limit.
    assert local_storage.sweep_temp(max_age_s=3600) == 1
    assert not temp.exists()
    assert [p.name for p in (local_storage.root / "chunks" / "ab").iterdir()] == ["kept.pcm"]
    assert local_storage.get_bytes("chunks/ab/kept.pcm") == DATA
    assert local_storage.sweep_temp(max_age_s=3600) == 0


def test_local_write_removes_what_a_killed_writer_of_the_same_file_left(
    local_storage: LocalStorage,
) -> None:
    """Work cut off mid-write may come back without the reaper (Celery terminates a pool process
    on a broker connection loss, and the message returns): writing the file again cleans up."""
    lost = killed_mid_write(local_storage.root, "narrations/n1/audio.mp3")
    folder = lost.parent
    other = folder / f".captions.vtt.{dead_tag()}.x.tmp"  # a dead writer's, of another file
    mine = folder / (temp_prefix("audio.mp3") + "x.tmp")  # a live writer's: this process
    other.write_bytes(b"")
    mine.write_bytes(b"")
    local_storage.put_bytes("narrations/n1/audio.mp3", DATA)
    assert not lost.exists()
    assert other.exists() and mine.exists()
    assert local_storage.get_bytes("narrations/n1/audio.mp3") == DATA


def test_local_sweep_keeps_a_write_in_progress(local_storage: LocalStorage, tmp_path: Path) -> None:
    fifo = tmp_path / "source"
    os.mkfifo(fifo)
    code = (
        "import sys; from narrator.store.files import LocalStorage; "
        "LocalStorage(sys.argv[1]).put_file('n/audio.mp3', sys.argv[2])"
    )
    writer = subprocess.Popen([sys.executable, "-c", code, str(local_storage.root), str(fifo)])
    try:
        with open(fifo, "wb") as source:
            source.write(BIG[: 64 * 1024])  # one read of put_file's copy loop
            source.flush()
            wait_for(
                lambda: [p for p in local_storage.root.rglob(".*.tmp") if p.stat().st_size],
                20,
                what="the write to be under way",
            )
            assert local_storage.sweep_temp(max_age_s=3600) == 0
            source.write(BIG[64 * 1024 :])
        assert writer.wait(20) == 0
    finally:
        if writer.poll() is None:
            writer.kill()
    assert local_storage.get_bytes("n/audio.mp3") == BIG


def test_local_sweep_by_age_when_the_writer_cannot_be_checked(local_storage: LocalStorage) -> None:
    folder = local_storage.root / "narrations" / "nar_x"
    folder.mkdir(parents=True)
    other_machine = folder / ".audio.mp3.0123456789ab-4242.k2j3h4.tmp"
    older_version = folder / ".audio.mp3.x8y7z6.tmp"  # no writer in its name at all
    for path in (other_machine, older_version):
        path.write_bytes(b"partial")
    assert local_storage.sweep_temp(max_age_s=3600) == 0
    two_hours_ago = time.time() - 7200
    os.utime(other_machine, (two_hours_ago, two_hours_ago))
    assert local_storage.sweep_temp(max_age_s=3600) == 1
    assert not other_machine.exists() and older_version.exists()
    assert local_storage.sweep_temp(max_age_s=0) == 1
    assert not older_version.exists()
