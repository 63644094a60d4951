"""Podcast chapters (Podcasting 2.0 JSON chapters) from the article's headings and timings.

A heading is a paragraph of the script read as one short sentence without a full stop: the
title line, and the subheadings inside the article ("What happens next"). Each one starts a
chapter at the time its sentence starts; the first chapter starts at 0 and is titled by the
article's title (or its first heading).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby

from narrator.audio.timings import SentenceTiming
from narrator.text.article import Sentence

VERSION = "1.2.0"
MEDIA_TYPE = "application/json+chapters"
_HEADING_WORDS = 14
_ENDS = (".", "!", "?", "\u2026", ":", ";", ",")


def _is_heading(sentences: list[Sentence]) -> bool:
    if len(sentences) != 1:
        return False
    text = sentences[0].source.strip().rstrip("\"'\u201d\u2019)")
    return 0 < len(text.split()) <= _HEADING_WORDS and not text.endswith(_ENDS)


def chapters(
    sentences: Sequence[Sentence], entries: Sequence[SentenceTiming], title: str | None
) -> list[dict[str, object]]:
    """[{"startTime": s, "title": ...}] in order; `entries[i]` times `sentences[i]`, and with a
    `title` the script's paragraph 0 is its heading (title and byline), the first chapter."""
    out: list[dict[str, object]] = [{"startTime": 0, "title": title}] if title else []
    index = 0
    for number, group in groupby(sentences, key=lambda s: s.paragraph):
        paragraph = list(group)
        first = index
        index += len(paragraph)
        if (title and number == 0) or first >= len(entries) or not _is_heading(paragraph):
            continue
        out.append({"startTime": entries[first].start_ms / 1000, "title": paragraph[0].source})
    if not out:
        return [{"startTime": 0, "title": "Start"}]
    out[0] = {**out[0], "startTime": 0}  # a chapter list covers the audio from its start
    return out


def to_json(items: list[dict[str, object]]) -> str:
    return json.dumps({"version": VERSION, "chapters": items}, ensure_ascii=False)
