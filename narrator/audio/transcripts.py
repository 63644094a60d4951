"""Transcripts for podcast apps, from a narration's sentence timings (timings.json).

Two forms the Podcasting 2.0 `podcast:transcript` tag names: SubRip (application/x-subrip),
one cue per sentence, and the JSON transcript (application/json):
{"version": "1.0.0", "segments": [{"startTime": s, "endTime": s, "body": "..."}]}.
WebVTT captions are written by the workers beside the audio (narrator.audio.timings).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from narrator.audio.timings import SentenceTiming

SRT_TYPE = "application/x-subrip"
JSON_TYPE = "application/json"
JSON_VERSION = "1.0.0"


def _srt_time(ms: int) -> str:
    h, rest = divmod(max(ms, 0), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def to_srt(entries: Sequence[SentenceTiming]) -> str:
    cues = [
        f"{i}\n{_srt_time(e.start_ms)} --> {_srt_time(e.end_ms)}\n{' '.join(e.text.split())}\n"
        for i, e in enumerate((e for e in entries if e.text.strip()), start=1)
    ]
    return "\n".join(cues)


def to_json(entries: Sequence[SentenceTiming]) -> str:
    segments = [
        {"startTime": e.start_ms / 1000, "endTime": e.end_ms / 1000, "body": e.text}
        for e in entries
        if e.text.strip()
    ]
    return json.dumps({"version": JSON_VERSION, "segments": segments}, ensure_ascii=False)
