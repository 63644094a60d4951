"""LocalStorage: files under a root directory, written atomically (temp file + os.replace)."""

from __future__ import annotations

import glob
import hashlib
import math
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.store.files.storage import (
    CHUNK_SIZE,
    InvalidKey,
    MissingKey,
    Storage,
    abandoned,
    check_key,
    check_prefix,
    check_range,
    temp_prefix,
)


class LocalStorage(Storage):
    """Files under a root directory; writes are atomic (temp file + os.replace)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def _joined(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key).split("/"))

    def _path(self, key: str) -> Path:
        return self._inside(key, self._joined(key))

    def _inside(self, key: str, path: Path) -> Path:
        # A symlink inside the root must not lead out of it either.
        if not path.resolve().is_relative_to(self.root):
            raise InvalidKey(f"storage key {key!r} resolves outside the storage root")
        return path

    def _is_file(self, key: str) -> Path | None:
        """The file at `key`, None if there is none. A missing file is told apart without
        resolving its path: a stream asks for the next chunk 50 times a second until it is
        there, and resolving costs a system call per folder."""
        path = self._joined(key)
        return self._inside(key, path) if path.is_file() else None

    def _existing(self, key: str) -> Path:
        path = self._is_file(key)
        if path is None:
            raise MissingKey(key)
        return path

    def _write(self, key: str, write: Any) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                dir=path.parent,
                prefix=temp_prefix(path.name),
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
        self._drop_dead_writes(path)

    @staticmethod
    def _drop_dead_writes(path: Path) -> None:
        """Remove what dead writers of this same file left: a write of it that was cut off (a
        pool process Celery terminates when the broker's connection is lost mid-task) is done
        now, and its work may come back by a path the reaper never sees, so no sweep would run
        before the hourly one. A write in progress in a live process is kept."""
        now = time.time()
        for other in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            if abandoned(other, math.inf, now):
                other.unlink(missing_ok=True)

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
        check_range(start, end)
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
        return self._is_file(key) is not None

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        self._prune(path.parent)

    def delete_prefix(self, prefix: str) -> int:
        folder = self._path(check_prefix(prefix).rstrip("/"))
        if not folder.is_dir():
            return 0
        count = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
        self._prune(folder.parent)
        return count

    def iter_keys(self, prefix: str) -> Iterator[str]:
        folder = self._path(check_prefix(prefix).rstrip("/"))
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
            if path.is_file() and abandoned(path, max_age_s, now):
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
