"""A zip of articles (.html, .md, .txt) to batch items, read in memory within limits.

Nothing is written to disk, so a path like `../x` cannot escape anywhere; it is still refused
(as a failed item), since no publisher's archive holds one by accident. A zip bomb is stopped
twice: the sizes the archive declares are checked before anything is inflated, and no file is
inflated past its declared size (zipfile stops there; the CRC check then fails) nor one byte
past its limit.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath

from narrator import errors
from narrator.batches.intake import Item, Limits, checked_text, refused
from narrator.text.extract.decoding import decode

KINDS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def kind_of(path: str) -> str | None:
    return KINDS.get(PurePosixPath(path).suffix.lower())


def skipped(path: str) -> bool:
    """Folders and the metadata archivers add (__MACOSX/, .DS_Store, dot files): not articles."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return (
        not parts or parts[0] == "__MACOSX" or any(p.startswith(".") and p != ".." for p in parts)
    )


def unsafe(path: str) -> bool:
    """Absolute, on a drive, or climbing out with `..`."""
    p = path.replace("\\", "/")
    return p.startswith("/") or (len(p) > 1 and p[1] == ":") or ".." in p.split("/")


def from_zip(body: bytes, limits: Limits) -> list[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except (zipfile.BadZipFile, ValueError) as e:
        raise errors.InputError(f"the upload is not a readable zip archive ({e})") from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir() and not skipped(i.filename)]
        if len(infos) > limits.max_items:
            raise errors.InputTooLarge(
                f"the zip holds {len(infos)} files; the limit is {limits.max_items} a batch: "
                "split it into several zips"
            )
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_bytes:
            raise errors.InputTooLarge(
                f"the zip holds {declared} bytes uncompressed; the limit is {limits.max_bytes}: "
                "split it into several zips"
            )
        total = [0]
        return [_read(archive, info, limits, total) for info in infos]


def _read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, total: list[int]
) -> Item:
    name = info.filename
    if unsafe(name):
        return refused(name, "unsafe path in the zip (absolute, or with '..'): not read")
    kind = kind_of(name)
    if kind is None:
        return refused(name, f"unsupported file type: a batch zip holds {', '.join(KINDS)} files")
    if info.flag_bits & 0x1:
        return refused(name, "the file is encrypted: zip it without a password")
    limit = limits.max_file_bytes
    if info.file_size > limit:
        return refused(name, f"the file is {info.file_size} bytes; the limit is {limit} a file")
    try:
        with archive.open(info) as f:
            data = f.read(limit + 1)
    except _UNREADABLE as e:
        return refused(name, f"the file could not be read from the zip ({e})")
    total[0] += len(data)
    if total[0] > limits.max_bytes:
        raise errors.InputTooLarge(
            f"the zip inflates to over {limits.max_bytes} bytes, the limit: split it"
        )
    if len(data) > limit:
        return refused(name, f"the file inflates to over {limit} bytes, the limit a file")
    try:
        text = decode(data)
    except errors.BinaryInput as e:
        return refused(name, str(e))
    problem = checked_text(name, text, limits)
    if problem:
        return refused(name, problem)
    return Item(name=name, external_id=name, kind=kind, data=text)
