"""Audio and timing files: local directory or an S3-compatible bucket, behind one interface.

    storage = make_storage(settings.resolved_storage_url, settings.s3_endpoint_url)
    storage.put_file("narrations/nar_x/audio.mp3", path, content_type="audio/mpeg")
    storage.local_path(key)         # a Path for FileResponse (local), None for S3
    storage.read_range(key, 0, 1024) / storage.iter_range(key, start, end) for S3 streaming

Keys are relative, '/'-separated names like "narrations/nar_x/audio.mp3". Every method checks
its key first (no '..', '.', empty segment, absolute path, backslash, NUL or control
character): raising InvalidKey is the defense against path tricks, on both backends alike.
Ranges are Python-style: [start, end), `end=None` meaning the end of the object.

    storage     the Storage interface, key checks, errors, temp-file naming
    local       LocalStorage: files under a directory, atomic writes
    s3          S3Storage: objects in a bucket under a prefix
    urls        make_storage / storage_from_settings: a storage URL to its backend
"""

from narrator.store.files.local import LocalStorage
from narrator.store.files.s3 import S3Storage
from narrator.store.files.storage import CHUNK_SIZE, InvalidKey, MissingKey, Storage, check_key
from narrator.store.files.urls import make_storage, storage_from_settings

__all__ = [
    "CHUNK_SIZE",
    "InvalidKey",
    "LocalStorage",
    "MissingKey",
    "S3Storage",
    "Storage",
    "check_key",
    "make_storage",
    "storage_from_settings",
]
