"""Chapters from the script's headings and their sentence times; SRT and JSON transcripts."""

from __future__ import annotations

import json

from narrator.audio import chapters, transcripts
from narrator.audio.timings import SentenceTiming
from narrator.text.article import Sentence


def timed(texts: list[tuple[int, str]]) -> tuple[list[Sentence], list[SentenceTiming]]:
    sentences = [Sentence(text=t, paragraph=p, source=t) for p, t in texts]
    entries = [SentenceTiming(i * 2000, i * 2000 + 1500, 0, 0, t) for i, (_, t) in enumerate(texts)]
    return sentences, entries


def test_the_title_and_each_subheading_start_a_chapter() -> None:
    s, e = timed(
        [(0, "Bridge vote."), (0, "By Jane Doe."), (1, "The council met."), (1, "It voted."),
         (2, "What happens next"), (3, "A plan comes later."), (4, "He declined.")]
    )  # fmt: skip
    assert chapters.chapters(s, e, "Bridge vote") == [
        {"startTime": 0, "title": "Bridge vote"},
        {"startTime": 8.0, "title": "What happens next"},
    ]


def test_without_a_title_the_first_chapter_still_starts_at_zero() -> None:
    s, e = timed([(0, "The council met."), (1, "Costs"), (2, "They rose.")])
    assert chapters.chapters(s, e, None) == [{"startTime": 0, "title": "Costs"}]
    s, e = timed([(0, "The council met.")])
    assert chapters.chapters(s, e, None) == [{"startTime": 0, "title": "Start"}]


def test_srt_and_json_transcripts() -> None:
    _, e = timed([(0, "Bridge vote."), (1, "The council   met.")])
    assert transcripts.to_srt(e) == (
        "1\n00:00:00,000 --> 00:00:01,500\nBridge vote.\n\n"
        "2\n00:00:02,000 --> 00:00:03,500\nThe council met.\n"
    )
    doc = json.loads(transcripts.to_json(e))
    assert doc["version"] == "1.0.0"
    assert doc["segments"][1] == {"startTime": 2.0, "endTime": 3.5, "body": "The council   met."}
