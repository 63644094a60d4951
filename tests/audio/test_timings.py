"""timings: JSON round trip, and WebVTT that a strict reader accepts."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from narrator import errors
from narrator.audio import timings
from narrator.audio.timings import SentenceTiming

CUE_TIME = re.compile(
    r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$"
)
RAW_MARKUP = re.compile(r"<|&(?!amp;|lt;|gt;)")


def _ms(h: str, m: str, s: str, ms: str) -> int:
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)


def parse_vtt(text: str) -> list[tuple[int, int, list[str]]]:
    """A small strict WebVTT reader: header, cue timings, ordered non-overlapping cues,
    escaped text, at most two lines of at most 42 characters."""
    assert text.startswith("WEBVTT\n"), "missing header"
    assert text.endswith("\n") and "\r" not in text
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    previous_end = 0
    for block in blocks[1:]:
        lines = block.strip("\n").split("\n")
        if not CUE_TIME.match(lines[0]):
            lines = lines[1:]  # a cue identifier
        m = CUE_TIME.match(lines[0])
        assert m, f"bad cue timing line {lines[0]!r}"
        start, end = _ms(*m.groups()[:4]), _ms(*m.groups()[4:])
        payload = lines[1:]
        assert previous_end <= start < end, (previous_end, start, end)
        assert 1 <= len(payload) <= timings.LINES_PER_CUE, payload
        for line in payload:
            assert line.strip() and "-->" not in line
            assert not RAW_MARKUP.search(line), line
            visible = line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            assert len(visible) <= timings.LINE_CHARS, line
        cues.append((start, end, payload))
        previous_end = end
    return cues


ENTRIES = [
    SentenceTiming(0, 1850, 0, 41, "City Council Approves Harbor Cleanup Plan"),
    SentenceTiming(2100, 3000, 43, 58, "By Maria López."),
    SentenceTiming(3200, 4000, 60, 90, "Fish & chips <em> cost > £5 -->"),
]
LONG = SentenceTiming(
    5000,
    17_000,
    100,
    400,
    "The plan, which the council approved by a vote of seven to two after a debate that ran "
    "past midnight, commits forty million dollars over five years to dredging, new storm "
    "drains and a monitoring program run with the state university.",
)


def test_json_round_trip_with_the_article_text_and_words(tmp_path: Path) -> None:
    path = tmp_path / "w.timings.json"
    words = [(10, 300, 7, 9), (300, 900, 10, 18)]
    entry = SentenceTiming(10, 900, 0, 9, "It cost $5.", 1, 8, 19, words)
    timings.write_json(path, [entry], "Title.\n\nIt cost $5.")
    assert timings.read_json(path) == [entry]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["text"][8:19] == "It cost $5."
    assert doc["sentences"][0]["words"] == [[10, 300, 7, 9], [300, 900, 10, 18]]


def test_json_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a.timings.json"
    timings.write_json(path, [*ENTRIES, LONG])
    assert timings.read_json(path) == [*ENTRIES, LONG]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert doc["sentences"][1] == {
        "start_ms": 2100,
        "end_ms": 3000,
        "start_char": 43,
        "end_char": 58,
        "text": "By Maria López.",
        "paragraph": 0,
        "source_start": 0,
        "source_end": 0,
        "words": [],
    }
    assert [p.name for p in tmp_path.iterdir()] == ["a.timings.json"]


def test_json_empty(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "t.json"
    timings.write_json(path, [])
    assert timings.read_json(path) == []


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"version": 2, "sentences": []}',
        '{"version": 1}',
        '{"version": 1, "sentences": [{"start_ms": 0}]}',
        '{"version": 1, "sentences": [{"start_ms": "0", "end_ms": 1, "start_char": 0,'
        ' "end_char": 1, "text": "a"}]}',
        "[]",
    ],
)
def test_bad_json_is_a_storage_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(content)
    with pytest.raises(errors.StorageError):
        timings.read_json(path)


def test_vtt_parses_and_escapes() -> None:
    cues = parse_vtt(timings.to_vtt(ENTRIES))
    assert [(a, b) for a, b, _ in cues] == [(0, 1850), (2100, 3000), (3200, 4000)]
    assert cues[2][2] == ["Fish &amp; chips &lt;em&gt; cost &gt; £5 --&gt;"]


def test_long_sentence_is_split_into_cues_that_share_its_time() -> None:
    cues = parse_vtt(timings.to_vtt([LONG]))
    assert len(cues) >= 3
    assert cues[0][0] == LONG.start_ms and cues[-1][1] == LONG.end_ms
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cues))  # back to back
    assert " ".join(" ".join(lines) for _, _, lines in cues) == LONG.text
    # Time follows text length: characters per second roughly even across the cues.
    rates = [sum(map(len, lines)) / (b - a) for a, b, lines in cues[:-1]]
    assert max(rates) / min(rates) < 1.3


def test_hours_and_timestamp_format() -> None:
    entry = SentenceTiming(3_723_004, 3_725_500, 0, 5, "Late.")
    assert "01:02:03.004 --> 01:02:05.500" in timings.to_vtt([entry])


def test_degenerate_timings_still_make_valid_cues() -> None:
    entries = [
        SentenceTiming(1000, 1000, 0, 1, "Zero length."),
        SentenceTiming(900, 1500, 2, 3, "Starts before the previous one ends."),
        SentenceTiming(1600, 1601, 4, 5, LONG.text),  # far more cues than milliseconds
        SentenceTiming(2000, 2500, 6, 7, "   \n "),  # nothing to show
        SentenceTiming(2600, 3000, 8, 9, "Line\nbreaks\n\nand  spaces"),
        SentenceTiming(3000, 3500, 10, 11, "x" * 100),  # one unbreakable word
    ]
    cues = parse_vtt(timings.to_vtt(entries))
    assert ["Line breaks and spaces"] in [lines for _, _, lines in cues]


def test_empty_vtt_is_just_the_header() -> None:
    assert parse_vtt(timings.to_vtt([])) == []


def test_write_vtt_atomically(tmp_path: Path) -> None:
    path = tmp_path / "a.vtt"
    timings.write_vtt(path, ENTRIES)
    assert path.read_text(encoding="utf-8") == timings.to_vtt(ENTRIES)
    assert [p.name for p in tmp_path.iterdir()] == ["a.vtt"]
