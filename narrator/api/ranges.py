"""HTTP Range for objects we cannot hand to Starlette's FileResponse (S3 storage).

Local files go through FileResponse, which implements Range itself. For object storage the API
proxies ranged reads (`storage.read_range`), and this helper decides which bytes to send with
the semantics of Starlette's FileResponse (starlette/responses.py, `_parse_range_header`):

- `bytes=a-b`, `bytes=a-`, `bytes=-n` (suffix); an end past the file is clamped;
- no `=` or a unit other than bytes, no usable range, or start > end -> MalformedRange (400);
- any range starting at or past the end -> RangeNotSatisfiable (416, `bytes */size`);
- overlapping ranges are merged; more than `MAX_RANGES` parts -> the whole file;
- `If-Range` that is weak or names another ETag/Last-Modified -> the whole file.

One difference, documented in the route: after merging, several ranges are served as the whole
file (200) instead of multipart/byteranges. RFC 9110 lets a server ignore Range, and players ask
for one range at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_RANGES = 100


class MalformedRange(Exception):
    pass


class RangeNotSatisfiable(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"requested range not satisfiable for {size} bytes")
        self.size = size


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # exclusive

    @property
    def length(self) -> int:
        return self.end - self.start

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end - 1}/{size}"


def parse_range(header: str, size: int) -> list[ByteRange]:
    """The ranges to send ([] = the whole file); raises MalformedRange or RangeNotSatisfiable."""
    units, sep, spec = header.partition("=")
    if not sep:
        raise MalformedRange("Range header: expected bytes=start-end")
    if units.strip().lower() != "bytes":
        raise MalformedRange("Only support bytes range")
    if spec.count(",") + 1 > MAX_RANGES:
        return []
    ranges: list[tuple[int, int]] = []
    for part in spec.split(","):
        part = part.strip()
        if not part or part == "-" or "-" not in part:
            continue
        first, last = (s.strip() for s in part.split("-", 1))
        try:
            start = int(first) if first else max(size - int(last), 0)
            end = int(last) + 1 if first and last and int(last) < size else size
        except ValueError:
            continue
        ranges.append((start, end))
    if not ranges:
        raise MalformedRange("Range header: range must be requested")
    if any(not 0 <= start < size for start, _ in ranges):
        raise RangeNotSatisfiable(size)
    if any(start >= end for start, end in ranges):
        raise MalformedRange("Range header: start must be less than end")
    ranges.sort()
    merged = [ranges[0]]
    for start, end in ranges[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return [ByteRange(s, e) for s, e in merged]


def if_range_matches(if_range: str | None, etag: str, last_modified: str | None = None) -> bool:
    """True when Range should be honoured: no If-Range, or it names the current version."""
    if if_range is None:
        return True
    if if_range.startswith("W/"):
        return False
    return if_range == etag or (last_modified is not None and if_range == last_modified)
