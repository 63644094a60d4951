"""narrator.api.ranges agrees with Starlette's FileResponse range parsing."""

from __future__ import annotations

import pytest
from starlette.responses import FileResponse, MalformedRangeHeader
from starlette.responses import RangeNotSatisfiable as StarletteNotSatisfiable

from narrator.api import ranges

SIZE = 1000

HEADERS = [
    "bytes=0-0",
    "bytes=0-499",
    "bytes=500-",
    "bytes=-100",
    "bytes=-5000",
    "bytes=990-2000",
    "bytes=0-10,5-20",
    "bytes=0-9, 100-109, 200-",
    "bytes=100-109,0-9",
    "bytes= 1-2 , 4-5 ",
    "BYTES=1-2",
    "bytes=1000-",
    "bytes=0-1,1000-1001",
    "bytes",
    "items=0-1",
    "bytes=",
    "bytes=-",
    "bytes=x-y",
    "bytes=5-2",
    "bytes=abc, 1-2",
    "bytes=" + ",".join(["0-1"] * 101),
]


def starlette_result(header: str) -> object:
    try:
        return FileResponse._parse_range_header(header, SIZE)
    except MalformedRangeHeader:
        return "malformed"
    except StarletteNotSatisfiable:
        return "unsatisfiable"


def our_result(header: str) -> object:
    try:
        return [(r.start, r.end) for r in ranges.parse_range(header, SIZE)]
    except ranges.MalformedRange:
        return "malformed"
    except ranges.RangeNotSatisfiable:
        return "unsatisfiable"


@pytest.mark.parametrize("header", HEADERS)
def test_same_answer_as_starlette(header: str) -> None:
    assert our_result(header) == starlette_result(header)


def test_content_range() -> None:
    assert ranges.ByteRange(0, 5).content_range(10) == "bytes 0-4/10"
    assert ranges.ByteRange(0, 5).length == 5


def test_if_range() -> None:
    assert ranges.if_range_matches(None, '"a"')
    assert ranges.if_range_matches('"a"', '"a"')
    assert not ranges.if_range_matches('"b"', '"a"')
    assert not ranges.if_range_matches('W/"a"', '"a"')
    assert ranges.if_range_matches(
        "Tue, 01 Jan 2030 00:00:00 GMT", '"a"', "Tue, 01 Jan 2030 00:00:00 GMT"
    )
