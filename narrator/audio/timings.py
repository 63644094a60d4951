"""Sentence timings: timings.json for the player's highlighting, WebVTT for captions.

timings.json is {"version": 1, "text": ARTICLE, "sentences": [{"start_ms", "end_ms",
"start_char", "end_char", "text", "paragraph", "source_start", "source_end", "words"}, ...]}:
start_char/end_char point into the script (what the engine read, script.txt), source_start/
source_end into ARTICLE (the article as written: its sentences, paragraphs apart, that a
follow-along transcript shows), and `text` is the sentence as written. `words` holds
[start_ms, end_ms, source_start, source_end] for each word of it that is read aloud
(narrator.audio.follow). Files written before the source fields existed lack them.

Captions follow the usual subtitle limits: at most two lines of about 42 characters on
screen. A longer sentence becomes several cues that share its time in proportion to their
length. Both files are written atomically.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.audio.encode import atomic_path

VERSION = 1
LINE_CHARS = 42
LINES_PER_CUE = 2


@dataclass(frozen=True)
class SentenceTiming:
    start_ms: int
    end_ms: int
    start_char: int
    end_char: int
    text: str
    paragraph: int = 0
    source_start: int = 0
    source_end: int = 0
    words: list[tuple[int, int, int, int]] = field(default_factory=list)


def write_json(path: Path, entries: Sequence[SentenceTiming], text: str | None = None) -> None:
    doc: dict[str, Any] = {"version": VERSION}
    if text is not None:
        doc["text"] = text
    doc["sentences"] = [asdict(e) for e in entries]
    # One sentence a line (its words inline): readable, and a third of the size of indent=1.
    lines = ",\n".join(json.dumps(s, ensure_ascii=False) for s in doc.pop("sentences"))
    head = json.dumps(doc, ensure_ascii=False)[:-1]
    _write_text(Path(path), f'{head}, "sentences": [\n{lines}\n]}}\n')


def read_json(path: Path) -> list[SentenceTiming]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise errors.StorageError(f"cannot read timings {path}: {exc}") from exc
    return parse_json(data, str(path))


def parse_json(data: bytes, name: str = "timings.json") -> list[SentenceTiming]:
    """The entries of a timings.json file's bytes; StorageError when it is not one."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise errors.StorageError(f"cannot read timings {name}: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        raise errors.StorageError(f"{name} is not a version {VERSION} timings file")
    try:
        return [_entry(item) for item in doc["sentences"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise errors.StorageError(f"malformed timings in {name}: {exc}") from exc


def _entry(item: Any) -> SentenceTiming:
    ints = {k: item[k] for k in ("start_ms", "end_ms", "start_char", "end_char")}
    for key, value in ints.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{key} must be an integer, got {value!r}")
    if not isinstance(item["text"], str):
        raise ValueError(f"text must be a string, got {item['text']!r}")
    source = {k: int(item.get(k, 0)) for k in ("paragraph", "source_start", "source_end")}
    words = [(int(a), int(b), int(c), int(d)) for a, b, c, d in item.get("words", [])]
    return SentenceTiming(text=item["text"], words=words, **source, **ints)


def write_vtt(path: Path, entries: Sequence[SentenceTiming]) -> None:
    _write_text(Path(path), to_vtt(entries))


def to_vtt(entries: Sequence[SentenceTiming]) -> str:
    """A WebVTT document: one or more cues per sentence, in order, never overlapping."""
    blocks = ["WEBVTT\n"]
    previous_end = 0
    for entry in entries:
        for start, end, text in _cues(entry):
            start = max(start, previous_end)
            end = max(end, start + 1)  # a cue must end after it starts
            blocks.append(f"{len(blocks)}\n{_timestamp(start)} --> {_timestamp(end)}\n{text}\n")
            previous_end = end
    return "\n".join(blocks)


def _cues(entry: SentenceTiming) -> list[tuple[int, int, str]]:
    """Split a sentence into cues of at most LINES_PER_CUE wrapped lines, timed by length."""
    lines = textwrap.wrap(
        " ".join(entry.text.split()),
        width=LINE_CHARS,
        break_long_words=True,
        break_on_hyphens=False,
    )
    if not lines:
        return []
    groups = [lines[i : i + LINES_PER_CUE] for i in range(0, len(lines), LINES_PER_CUE)]
    weights = [sum(len(line) for line in g) for g in groups]
    total, done = sum(weights), 0
    start, span = entry.start_ms, max(0, entry.end_ms - entry.start_ms)
    cues = []
    for group, weight in zip(groups, weights, strict=True):
        done += weight
        end = entry.start_ms + round(span * done / total)
        cues.append((start, end, "\n".join(_escape(line) for line in group)))
        start = end
    return cues


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _timestamp(ms: int) -> str:
    ms = max(0, int(ms))
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def _write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
