"""What `narrator batch PATH` reads: a folder of articles, an NDJSON file or a zip.

A folder becomes a zip in memory (its files named by their paths under the folder), so a
folder, a zip and the server's upload go through the same reader (narrator.batches.archive),
with the same limits and the same reasons for a file that cannot be narrated.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from narrator import errors
from narrator.batches import archive, intake

NDJSON_SUFFIXES = (".ndjson", ".jsonl")


@dataclass(frozen=True)
class Upload:
    """A batch as the server takes it: the body and its Content-Type."""

    body: bytes
    content_type: str

    def items(self, limits: intake.Limits) -> list[intake.Item]:
        """The items the server would make of this body (what --local narrates)."""
        if self.content_type == "application/zip":
            items = archive.from_zip(self.body, limits)
        else:
            items = intake.from_ndjson(self.body, limits)
        return intake.finish(items, limits)


def folder_zip(folder: Path) -> bytes:
    """The folder's article files (recursive, hidden ones skipped), zipped under their paths."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and archive.kind_of(rel) and not archive.skipped(rel):
                z.write(path, rel)
    return buf.getvalue()


def read_path(path: Path) -> Upload:
    if path.is_dir():
        body = folder_zip(path)
        if len(zipfile.ZipFile(io.BytesIO(body)).namelist()) == 0:
            kinds = ", ".join(archive.KINDS)
            raise errors.InputError(f"{path}: no article files ({kinds}) in this folder")
        return Upload(body, "application/zip")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise errors.InputError(f"no such file or folder: {path}") from None
    except PermissionError:
        raise errors.InputError(f"cannot read {path}: permission denied") from None
    if archive.is_zip(data):
        return Upload(data, "application/zip")
    if path.suffix.lower() in NDJSON_SUFFIXES:
        return Upload(data, "application/x-ndjson")
    raise errors.InputError(
        f"{path}: give a folder of .txt/.html/.md files, an NDJSON file (.ndjson, .jsonl: one "
        '{"text"|"html"|"markdown": ...} object a line) or a .zip'
    )


def item_label(name: str | None, external_id: str | None, index: int) -> str:
    """How the command names an item: its file, its external_id, or its position."""
    return name if name and not name.startswith("line ") else external_id or name or f"item {index}"
