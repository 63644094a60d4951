"""The Storage interface every backend implements, and the rules they share: which keys are
safe, how ranges read, and how a temp file names the process that writes it."""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path

from narrator import errors, owners

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


def check_prefix(prefix: str) -> str:
    """A prefix names a folder: 'narrations/nar_x' or 'narrations/nar_x/' (never everything)."""
    return check_key(prefix.rstrip("/")) + "/"


def check_range(start: int, end: int | None) -> None:
    if start < 0 or (end is not None and end < start):
        raise ValueError(f"invalid byte range [{start}, {end})")


# A temp file's name says which process wrote it (narrator.owners), so a sweep can tell a
# dead writer's leftover from a write in progress: ".{name}.{scope}-{pid}.{random}.tmp".
_TEMP_NAME = re.compile(rf"\.{owners.TAG_PATTERN}\.[^.]+\.tmp$")


def temp_prefix(name: str) -> str:
    """The start of the temp file's name for a write of `name` by this process."""
    return f".{name}.{owners.tag()}."


def abandoned(path: Path, max_age_s: float, now: float) -> bool:
    """Whether the temp file at `path` is a leftover: its writer is dead, or it is too old."""
    match = _TEMP_NAME.search(path.name)
    if match and owners.gone(match["scope"], int(match["pid"])):
        return True
    try:
        return now - path.stat().st_mtime > max_age_s
    except FileNotFoundError:
        return False  # its write just finished


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
        check_range(start, end)
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
