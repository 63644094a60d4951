"""narrator.store.files on local disk and on a real S3-compatible server (moto, as a process)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from narrator import errors
from narrator.config import Settings
from narrator.store.files import (
    InvalidKey,
    LocalStorage,
    MissingKey,
    S3Storage,
    Storage,
    check_key,
    make_storage,
    storage_from_settings,
)
from tests.helpers.crashes import killed_mid_write
from tests.helpers.processes import wait_for

DATA = bytes(range(256)) * 40  # 10 240 bytes
BIG = bytes(range(256)) * 1024  # 256 KiB

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


# --- local ---------------------------------------------------------------------------------------


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


# --- S3 ------------------------------------------------------------------------------------------


def test_s3_has_no_local_path_and_keeps_content_type(
    s3_storage: S3Storage, s3_client: Any, s3_bucket: str
) -> None:
    s3_storage.put_bytes("n/audio.mp3", b"mp3", content_type="audio/mpeg")
    assert s3_storage.local_path("n/audio.mp3") is None
    head = s3_client.head_object(Bucket=s3_bucket, Key="narrator/n/audio.mp3")
    assert head["ContentType"] == "audio/mpeg"


def test_s3_prefixes_isolate(moto_server: str, s3_bucket: str) -> None:
    a = make_storage(f"s3://{s3_bucket}/tenant-a", moto_server)
    b = make_storage(f"s3://{s3_bucket}/tenant-b/", moto_server)
    bare = make_storage(f"s3://{s3_bucket}", moto_server)
    a.put_bytes("k", b"a")
    b.put_bytes("k", b"b")
    assert (a.get_bytes("k"), b.get_bytes("k")) == (b"a", b"b")
    assert a.delete_prefix("k") == 0  # "k" is an object, not a folder
    assert list(bare.iter_keys("tenant-a")) == ["tenant-a/k"]


def test_s3_sweep_aborts_old_unfinished_uploads_under_its_prefix(
    s3_storage: S3Storage, s3_client: Any, s3_bucket: str
) -> None:
    mine = s3_client.create_multipart_upload(Bucket=s3_bucket, Key="narrator/n/audio.mp3")
    theirs = s3_client.create_multipart_upload(Bucket=s3_bucket, Key="other-app/big.bin")
    s3_client.upload_part(
        Bucket=s3_bucket,
        Key="narrator/n/audio.mp3",
        UploadId=mine["UploadId"],
        PartNumber=1,
        Body=DATA,
    )

    def open_uploads() -> list[str]:
        listed = s3_client.list_multipart_uploads(Bucket=s3_bucket)
        return sorted(u["Key"] for u in listed.get("Uploads", []))

    # moto dates every upload in 2010, so here both are old; the age cut is tested below.
    assert s3_storage.sweep_temp(max_age_s=3600) == 1
    assert open_uploads() == ["other-app/big.bin"]
    s3_client.abort_multipart_upload(
        Bucket=s3_bucket, Key="other-app/big.bin", UploadId=theirs["UploadId"]
    )


def test_s3_sweep_keeps_young_uploads() -> None:
    now = datetime.now(UTC)
    uploads = [
        {"Key": "p/young", "UploadId": "1", "Initiated": now - timedelta(minutes=5)},
        {"Key": "p/old", "UploadId": "2", "Initiated": now - timedelta(hours=2)},
    ]
    aborted: list[str] = []

    class Client:  # the two calls sweep_temp makes, answering like S3
        def get_paginator(self, name: str) -> Any:
            assert name == "list_multipart_uploads"
            return SimpleNamespace(paginate=lambda **kw: [{"Uploads": uploads}])

        def abort_multipart_upload(self, **kw: Any) -> None:
            aborted.append(kw["Key"])

    storage = S3Storage("bucket", "p", client=Client())
    assert storage.sweep_temp(max_age_s=3600) == 1
    assert aborted == ["p/old"]


def test_s3_missing_bucket_is_a_storage_error(moto_server: str) -> None:
    storage = make_storage("s3://no-such-bucket-here/x", moto_server)
    with pytest.raises(errors.StorageError, match="no-such-bucket-here"):
        storage.put_bytes("k", b"x")


def test_s3_endpoint_from_settings(moto_server: str, s3_bucket: str) -> None:
    settings = Settings(storage_url=f"s3://{s3_bucket}/p", s3_endpoint_url=moto_server)
    storage = storage_from_settings(settings)
    storage.put_bytes("k", b"v")
    assert isinstance(storage, S3Storage) and storage.get_bytes("k") == b"v"


# --- make_storage --------------------------------------------------------------------------------


def test_make_storage_urls(tmp_path: Path) -> None:
    local = make_storage(f"file://{tmp_path / 'files'}")
    assert isinstance(local, LocalStorage) and local.root == (tmp_path / "files").resolve()
    assert isinstance(make_storage(str(tmp_path / "plain")), LocalStorage)
    s3 = make_storage("s3://bucket/some/prefix", "http://127.0.0.1:1")
    assert isinstance(s3, S3Storage)
    assert (s3.bucket, s3.prefix) == ("bucket", "some/prefix/")
    for bad in ("ftp://x/y", "file://host/path", "s3:///prefix", ""):
        with pytest.raises(ValueError):
            make_storage(bad)


def test_default_storage_is_under_the_data_dir(tmp_path: Path) -> None:
    storage = storage_from_settings(Settings(data_dir=tmp_path / "var"))
    assert isinstance(storage, LocalStorage)
    assert storage.root == (tmp_path / "var" / "files").resolve()
