"""narrator.store.files.s3 against a real S3-compatible server (moto, as a process)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from narrator import errors
from narrator.store.files import S3Storage, make_storage

DATA = bytes(range(256)) * 40  # 10 240 bytes


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
