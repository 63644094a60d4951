"""A storage URL to its backend: file:///abs/dir (or a plain path) or s3://bucket/prefix."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from narrator.config import Settings
from narrator.store.files.local import LocalStorage
from narrator.store.files.s3 import S3Storage
from narrator.store.files.storage import Storage


def make_storage(url: str, endpoint_url: str | None = None) -> Storage:
    """file:///abs/dir (or a plain path) -> LocalStorage; s3://bucket/prefix -> S3Storage."""
    parsed = urlparse(url)
    if parsed.scheme == "s3":
        return S3Storage(parsed.netloc, unquote(parsed.path), endpoint_url=endpoint_url)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise ValueError(f"file storage URL must be file:///absolute/path, got {url!r}")
        return LocalStorage(unquote(parsed.path))
    if parsed.scheme == "" and url:
        return LocalStorage(url)
    raise ValueError(f"unsupported storage URL {url!r}: use file:///path or s3://bucket/prefix")


def storage_from_settings(settings: Settings) -> Storage:
    """The storage named by NARRATOR_STORAGE_URL (default: files under the data dir)."""
    return make_storage(settings.resolved_storage_url, settings.s3_endpoint_url)
