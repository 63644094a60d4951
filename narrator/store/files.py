"""Audio and timing files: local directory or an S3-compatible bucket, behind one interface.

    storage = make_storage(settings.resolved_storage_url, settings.s3_endpoint_url)
    storage.put_file("narrations/nar_x/audio.mp3", path, content_type="audio/mpeg")
    storage.local_path(key)         # a Path for FileResponse (local), None for S3
    storage.read_range(key, 0, 1024) / storage.iter_range(key, start, end) for S3 streaming

Keys are relative, '/'-separated names like "narrations/nar_x/audio.mp3". Every method checks
its key first (no '..', '.', empty segment, absolute path, backslash, NUL or control
character): raising InvalidKey is the defense against path tricks, on both backends alike.
Ranges are Python-style: [start, end), `end=None` meaning the end of the object.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from narrator import errors, owners
from narrator.config import Settings

CHUNK_SIZE = 64 * 1024


class InvalidKey(errors.StorageError, ValueError):
    """A storage key that could escape its root or be read differently by another backend."""


class MissingKey(errors.NotFound):
    """No object is stored under the key."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no stored file {key!r}")


def check_key(key: str) -> str:
    """Return `key` unchanged if it is a safe relative key, else raise InvalidKey."""
    if not isinstance(key, str) or not key:
        raise InvalidKey(f"storage key must be a non-empty string, got {key!r}")
    if "\\" in key:
        raise InvalidKey(f"storage key {key!r} contains a backslash; use '/'")
    if any(ord(c) < 32 or ord(c) == 127 for c in key):
        raise InvalidKey(f"storage key {key!r} contains NUL or a control character")
    if key.startswith("/"):
        raise InvalidKey(f"storage key {key!r} is absolute; keys are relative to the storage root")
    for part in key.split("/"):
        if part in ("", ".", ".."):
            raise InvalidKey(f"storage key {key!r} has an empty, '.' or '..' segment")
    return key


def _check_prefix(prefix: str) -> str:
    """A prefix names a folder: 'narrations/nar_x' or 'narrations/nar_x/' (never everything)."""
    return check_key(prefix.rstrip("/")) + "/"


def _check_range(start: int, end: int | None) -> None:
    if start < 0 or (end is not None and end < start):
        raise ValueError(f"invalid byte range [{start}, {end})")


class Storage(ABC):
    """Where finished audio, timings, captions and cached chunks live."""

    @abstractmethod
    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> None: ...

    @abstractmethod
    def put_file(
        self, key: str, path: str | os.PathLike[str], content_type: str | None = None
    ) -> None:
        """Store a copy of a local file (the caller still owns `path`)."""

    @abstractmethod
    def get_bytes(self, key: str) -> bytes: ...

    @abstractmethod
    def read_range(self, key: str, start: int, end: int | None = None) -> bytes:
        """Bytes [start, end) of the object, clipped to its size."""

    def iter_range(
        self, key: str, start: int = 0, end: int | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        """Stream bytes [start, end) in pieces, e.g. for a StreamingResponse."""
        _check_range(start, end)
        stop = self.size(key) if end is None else end
        pos = start
        while pos < stop:
            piece = self.read_range(key, pos, min(pos + chunk_size, stop))
            if not piece:
                return
            yield piece
            pos += len(piece)

    @abstractmethod
    def size(self, key: str) -> int: ...

    @abstractmethod
    def etag(self, key: str) -> str:
        """An opaque version tag, unquoted; changes when the object changes."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Delete the object; deleting a missing key is not an error."""

    @abstractmethod
    def delete_prefix(self, prefix: str) -> int:
        """Delete every object under the folder `prefix`; returns how many were deleted."""

    @abstractmethod
    def iter_keys(self, prefix: str) -> Iterator[str]:
        """Keys under the folder `prefix`, sorted."""

    def local_path(self, key: str) -> Path | None:
        """The file on local disk (serve it with FileResponse), or None for remote storage."""
        return None

    @abstractmethod
    def sweep_temp(self, max_age_s: float) -> int:
        """Remove what interrupted writes left behind; returns how many were removed.

        A write in progress is never touched: only leftovers whose writer is known to be dead,
        or that are older than `max_age_s` (pass more than the longest a write can take).
        """


# A temp file's name says which process wrote it (narrator.owners), so a sweep can tell a
# dead writer's leftover from a write in progress: ".{name}.{scope}-{pid}.{random}.tmp".
_TEMP_NAME = re.compile(rf"\.{owners.TAG_PATTERN}\.[^.]+\.tmp$")


def _abandoned(path: Path, max_age_s: float, now: float) -> bool:
    match = _TEMP_NAME.search(path.name)
    if match and owners.gone(match["scope"], int(match["pid"])):
        return True
    try:
        return now - path.stat().st_mtime > max_age_s
    except FileNotFoundError:
        return False  # its write just finished


class LocalStorage(Storage):
    """Files under a root directory; writes are atomic (temp file + os.replace)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def _path(self, key: str) -> Path:
        path = self.root.joinpath(*check_key(key).split("/"))
        # A symlink inside the root must not lead out of it either.
        if not path.resolve().is_relative_to(self.root):
            raise InvalidKey(f"storage key {key!r} resolves outside the storage root")
        return path

    def _existing(self, key: str) -> Path:
        path = self._path(key)
        if not path.is_file():
            raise MissingKey(key)
        return path

    def _write(self, key: str, write: Any) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                dir=path.parent,
                prefix=f".{path.name}.{owners.tag()}.",
                suffix=".tmp",
            )
            try:
                with os.fdopen(fd, "wb") as handle:
                    write(handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise errors.StorageError(f"could not write {key!r}: {exc.strerror or exc}") from exc

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> None:
        self._write(key, lambda handle: handle.write(data))

    def put_file(
        self, key: str, path: str | os.PathLike[str], content_type: str | None = None
    ) -> None:
        def copy(handle: Any) -> None:
            with open(path, "rb") as source:
                shutil.copyfileobj(source, handle, CHUNK_SIZE)

        self._write(key, copy)

    def get_bytes(self, key: str) -> bytes:
        return self._existing(key).read_bytes()

    def read_range(self, key: str, start: int, end: int | None = None) -> bytes:
        _check_range(start, end)
        with self._existing(key).open("rb") as handle:
            handle.seek(start)
            return handle.read() if end is None else handle.read(end - start)

    def size(self, key: str) -> int:
        return self._existing(key).stat().st_size

    def etag(self, key: str) -> str:
        stat = self._existing(key).stat()
        return hashlib.md5(
            f"{stat.st_mtime_ns}-{stat.st_size}".encode(), usedforsecurity=False
        ).hexdigest()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        self._prune(path.parent)

    def delete_prefix(self, prefix: str) -> int:
        folder = self._path(_check_prefix(prefix).rstrip("/"))
        if not folder.is_dir():
            return 0
        count = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
        self._prune(folder.parent)
        return count

    def iter_keys(self, prefix: str) -> Iterator[str]:
        folder = self._path(_check_prefix(prefix).rstrip("/"))
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                if not path.name.endswith(".tmp"):
                    yield path.relative_to(self.root).as_posix()

    def local_path(self, key: str) -> Path | None:
        return self._existing(key)

    def sweep_temp(self, max_age_s: float) -> int:
        now = time.time()
        removed = 0
        for path in self.root.rglob(".*.tmp"):
            if path.is_file() and _abandoned(path, max_age_s, now):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _prune(self, folder: Path) -> None:
        """Remove emptied folders up to (not including) the root."""
        while folder != self.root and folder.is_relative_to(self.root):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent


class S3Storage(Storage):
    """Objects in an S3-compatible bucket under an optional prefix (s3://bucket/prefix).

    Credentials and region come from the usual AWS environment; nothing is created here.
    """

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        client: Any = None,
    ) -> None:
        if not bucket:
            raise ValueError("S3 storage needs a bucket: s3://bucket/prefix")
        self.bucket = bucket
        prefix = prefix.strip("/")
        self.prefix = _check_prefix(prefix) if prefix else ""
        if client is None:
            import boto3

            client = boto3.client(
                "s3",
                endpoint_url=endpoint_url or os.environ.get("AWS_ENDPOINT_URL_S3") or None,
                region_name=os.environ.get("AWS_REGION")
                or os.environ.get("AWS_DEFAULT_REGION")
                or "us-east-1",
            )
        self.client = client

    def __repr__(self) -> str:
        return f"S3Storage(s3://{self.bucket}/{self.prefix})"

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _call(self, key: str, method: str, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, method)(Bucket=self.bucket, **kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound"):
                raise MissingKey(key) from None
            if code == "InvalidRange":
                return None
            raise errors.StorageError(
                f"S3 {method} of {key!r} in bucket {self.bucket!r} failed: "
                f"{code} {error.get('Message', '')}".rstrip()
            ) from exc
        except BotoCoreError as exc:
            raise errors.StorageError(f"S3 {method} of {key!r} failed: {exc}") from exc

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> None:
        extra = {"ContentType": content_type} if content_type else {}
        self._call(key, "put_object", Key=self._key(key), Body=data, **extra)

    def put_file(
        self, key: str, path: str | os.PathLike[str], content_type: str | None = None
    ) -> None:
        from boto3.exceptions import S3UploadFailedError

        extra = {"ContentType": content_type} if content_type else None
        try:
            self.client.upload_file(os.fspath(path), self.bucket, self._key(key), ExtraArgs=extra)
        except (S3UploadFailedError, OSError) as exc:
            raise errors.StorageError(f"S3 upload of {key!r} failed: {exc}") from exc

    def get_bytes(self, key: str) -> bytes:
        response = self._call(key, "get_object", Key=self._key(key))
        return _read_body(response)

    def read_range(self, key: str, start: int, end: int | None = None) -> bytes:
        _check_range(start, end)
        if end == start:
            self.size(key)  # still a MissingKey for a missing object
            return b""
        last = "" if end is None else str(end - 1)  # HTTP ranges are inclusive
        response = self._call(key, "get_object", Key=self._key(key), Range=f"bytes={start}-{last}")
        if response is None:  # InvalidRange: start is at or past the end
            return b""
        return _read_body(response)

    def iter_range(
        self, key: str, start: int = 0, end: int | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        # One ranged GET, streamed, rather than one request per piece.
        _check_range(start, end)
        if end == start:
            return
        last = "" if end is None else str(end - 1)
        response = self._call(key, "get_object", Key=self._key(key), Range=f"bytes={start}-{last}")
        if response is None:
            return
        body = response["Body"]
        try:
            yield from body.iter_chunks(chunk_size)
        finally:
            body.close()

    def _head(self, key: str) -> dict[str, Any]:
        return dict(self._call(key, "head_object", Key=self._key(key)))

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def etag(self, key: str) -> str:
        return str(self._head(key)["ETag"]).strip('"')

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except MissingKey:
            return False
        return True

    def delete(self, key: str) -> None:
        self._call(key, "delete_object", Key=self._key(key))

    def delete_prefix(self, prefix: str) -> int:
        keys = [self._key(k) for k in self.iter_keys(prefix)]
        for i in range(0, len(keys), 1000):  # DeleteObjects takes at most 1000 keys
            batch = [{"Key": k} for k in keys[i : i + 1000]]
            response = self._call(
                prefix, "delete_objects", Delete={"Objects": batch, "Quiet": True}
            )
            if response and response.get("Errors"):
                first = response["Errors"][0]
                raise errors.StorageError(
                    f"S3 could not delete {first.get('Key')!r}: {first.get('Message', '')}"
                )
        return len(keys)

    def iter_keys(self, prefix: str) -> Iterator[str]:
        full = self.prefix + _check_prefix(prefix)
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=full
            )
            keys = [obj["Key"] for page in pages for obj in page.get("Contents", [])]
        except (ClientError, BotoCoreError) as exc:
            raise errors.StorageError(f"S3 listing of {prefix!r} failed: {exc}") from exc
        for key in sorted(keys):
            yield key[len(self.prefix) :]

    def sweep_temp(self, max_age_s: float) -> int:
        # S3 writes are atomic; what a killed upload leaves is an unfinished multipart upload,
        # invisible to readers but billed until aborted. Its writer cannot be asked, so: by age.
        from botocore.exceptions import BotoCoreError, ClientError

        cutoff = datetime.now(UTC) - timedelta(seconds=max_age_s)
        try:
            pages = self.client.get_paginator("list_multipart_uploads").paginate(
                Bucket=self.bucket, Prefix=self.prefix
            )
            stale = [
                (upload["Key"], upload["UploadId"])
                for page in pages
                for upload in page.get("Uploads", [])
                if upload["Initiated"] < cutoff
            ]
            for key, upload_id in stale:
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
        except (ClientError, BotoCoreError) as exc:
            raise errors.StorageError(f"S3 sweep of unfinished uploads failed: {exc}") from exc
        return len(stale)


def _read_body(response: dict[str, Any]) -> bytes:
    body = response["Body"]
    try:
        return bytes(body.read())
    finally:
        body.close()


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
