"""narrator.store.files.storage: the contract both backends keep, run on local disk and on a
real S3-compatible server (moto, as a process): the `storage` fixture runs each test on both."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from narrator import errors
from narrator.store.files import InvalidKey, MissingKey, S3Storage, Storage, check_key
from narrator.store.files.storage import abandoned, temp_prefix

DATA = bytes(range(256)) * 40  # 10 240 bytes

BAD_KEYS = [
    "",
    "../escape",
    "a/../../escape",
    "a/..",
    "..",
    "/etc/passwd",
    "a\\b",
    "..\\escape",
    "a\x00b",
    "a//b",
    "./a",
    "a/./b",
    "a/",
    "line\nbreak",
]


def test_put_get_overwrite_exists_size(storage: Storage) -> None:
    key = "narrations/nar_1/audio.mp3"
    assert not storage.exists(key)
    storage.put_bytes(key, b"first", content_type="audio/mpeg")
    assert storage.exists(key)
    assert storage.get_bytes(key) == b"first"
    storage.put_bytes(key, DATA)
    assert storage.get_bytes(key) == DATA
    assert storage.size(key) == len(DATA)


def test_put_file_copies(storage: Storage, tmp_path: Path) -> None:
    source = tmp_path / "out.ogg"
    source.write_bytes(DATA)
    storage.put_file("a/b/out.ogg", source, content_type="audio/ogg")
    assert source.read_bytes() == DATA  # the caller still owns it
    assert storage.get_bytes("a/b/out.ogg") == DATA


def test_empty_object(storage: Storage) -> None:
    storage.put_bytes("empty", b"")
    assert storage.get_bytes("empty") == b""
    assert storage.size("empty") == 0
    assert storage.read_range("empty", 0) == b""
    assert list(storage.iter_range("empty")) == []


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 1), (0, 100), (100, 200), (5000, None), (0, None), (10_000, 20_000), (10_239, None)],
)
def test_read_range(storage: Storage, start: int, end: int | None) -> None:
    storage.put_bytes("r.bin", DATA)
    assert storage.read_range("r.bin", start, end) == DATA[start:end]


def test_read_range_edges(storage: Storage) -> None:
    storage.put_bytes("r.bin", DATA)
    assert storage.read_range("r.bin", 7, 7) == b""
    assert storage.read_range("r.bin", len(DATA)) == b""  # start at the end
    assert storage.read_range("r.bin", len(DATA) + 5, len(DATA) + 9) == b""
    with pytest.raises(ValueError):
        storage.read_range("r.bin", 10, 5)
    with pytest.raises(ValueError):
        storage.read_range("r.bin", -1, 5)


@pytest.mark.parametrize(("start", "end", "size"), [(0, None, 1000), (123, 9000, 4096), (0, 5, 2)])
def test_iter_range_streams_the_same_bytes(
    storage: Storage, start: int, end: int | None, size: int
) -> None:
    storage.put_bytes("r.bin", DATA)
    pieces = list(storage.iter_range("r.bin", start, end, chunk_size=size))
    assert b"".join(pieces) == DATA[start:end]


def test_etag_changes_with_content(storage: Storage) -> None:
    storage.put_bytes("e", b"one")
    first = storage.etag("e")
    assert first and first == storage.etag("e") and '"' not in first
    storage.put_bytes("e", b"two, longer")
    assert storage.etag("e") != first


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.get_bytes("missing/key"),
        lambda s: s.size("missing/key"),
        lambda s: s.etag("missing/key"),
        lambda s: s.read_range("missing/key", 0, 10),
        lambda s: s.read_range("missing/key", 3, 3),
        lambda s: list(s.iter_range("missing/key")),
    ],
)
def test_missing_keys_raise_not_found(storage: Storage, call: Any) -> None:
    with pytest.raises(MissingKey, match="missing/key") as info:
        call(storage)
    assert isinstance(info.value, errors.NotFound)


def test_delete_is_idempotent(storage: Storage) -> None:
    storage.put_bytes("d/x", b"x")
    storage.delete("d/x")
    assert not storage.exists("d/x")
    storage.delete("d/x")


def test_delete_prefix_deletes_one_folder(storage: Storage) -> None:
    for key in (
        "narrations/nar_a/audio.mp3",
        "narrations/nar_a/t/timings.json",
        "narrations/nar_ab/audio.mp3",
        "other",
    ):
        storage.put_bytes(key, b"x")
    assert list(storage.iter_keys("narrations/nar_a")) == [
        "narrations/nar_a/audio.mp3",
        "narrations/nar_a/t/timings.json",
    ]
    assert storage.delete_prefix("narrations/nar_a/") == 2
    assert not storage.exists("narrations/nar_a/audio.mp3")
    assert storage.exists("narrations/nar_ab/audio.mp3")  # a prefix is a folder, not a string
    assert storage.exists("other")
    assert storage.delete_prefix("narrations/nar_a") == 0


@pytest.mark.slow
def test_delete_prefix_in_batches(storage: Storage) -> None:
    for i in range(1005 if isinstance(storage, S3Storage) else 50):
        storage.put_bytes(f"many/{i:04d}", b"")
    expected = 1005 if isinstance(storage, S3Storage) else 50
    assert storage.delete_prefix("many") == expected
    assert list(storage.iter_keys("many")) == []


@pytest.mark.parametrize("key", BAD_KEYS)
def test_path_tricks_are_rejected(storage: Storage, key: str) -> None:
    for call in (
        lambda: storage.put_bytes(key, b"x"),
        lambda: storage.get_bytes(key),
        lambda: storage.exists(key),
        lambda: storage.delete(key),
        lambda: storage.read_range(key, 0, 1),
        lambda: storage.size(key),
    ):
        with pytest.raises(InvalidKey):
            call()


@pytest.mark.parametrize("prefix", ["", "/", "../x", "a/../..", "/abs"])
def test_prefix_tricks_are_rejected(storage: Storage, prefix: str) -> None:
    storage.put_bytes("keep", b"x")
    with pytest.raises(InvalidKey):
        storage.delete_prefix(prefix)
    assert storage.exists("keep")


def test_check_key_accepts_ordinary_keys() -> None:
    for key in ("a", "narrations/nar_x/audio.mp3", "chunks/ab/ab12.pcm", "a b/ünï.txt", "a..b"):
        assert check_key(key) == key


def test_a_temp_file_of_a_live_writer_is_kept_until_too_old(tmp_path: Path) -> None:
    """The name temp_prefix() gives is the one abandoned() reads back: this process is alive."""
    temp = tmp_path / f"{temp_prefix('audio.mp3')}k2j3h4.tmp"
    temp.write_bytes(b"partial")
    now = time.time()
    assert not abandoned(temp, max_age_s=3600, now=now)
    assert abandoned(temp, max_age_s=3600, now=now + 7200)
    os.unlink(temp)
    assert not abandoned(temp, max_age_s=0, now=now + 7200)  # its write just finished
