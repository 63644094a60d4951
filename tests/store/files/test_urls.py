"""narrator.store.files.urls: a storage URL, or the settings, to the backend they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.config import Settings
from narrator.store.files import LocalStorage, S3Storage, make_storage, storage_from_settings


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


def test_s3_endpoint_from_settings(moto_server: str, s3_bucket: str) -> None:
    settings = Settings(storage_url=f"s3://{s3_bucket}/p", s3_endpoint_url=moto_server)
    storage = storage_from_settings(settings)
    storage.put_bytes("k", b"v")
    assert isinstance(storage, S3Storage) and storage.get_bytes("k") == b"v"
