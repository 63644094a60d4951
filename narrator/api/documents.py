"""What podcast apps read beside the audio, made on request from a ready narration's stored
files: SRT and JSON transcripts and JSON chapters from timings.json (and plan.json's script),
and the article's first paragraph for a feed item's description."""

from __future__ import annotations

from itertools import groupby

from narrator import errors
from narrator.audio import chapters, transcripts
from narrator.audio.timings import SentenceTiming, parse_json
from narrator.store import layout
from narrator.store.files import MissingKey, Storage
from narrator.store.models import Narration
from narrator.text.article import Script

# name in the URL -> (media type, summary)
DOCUMENTS = {
    "transcript.srt": (
        f"{transcripts.SRT_TYPE}; charset=utf-8",
        "SubRip transcript, one cue per sentence (podcast:transcript)",
    ),
    "transcript.json": (
        transcripts.JSON_TYPE,
        "Podcasting 2.0 JSON transcript: a segment per sentence (podcast:transcript)",
    ),
    "chapters.json": (
        chapters.MEDIA_TYPE,
        "Podcasting 2.0 JSON chapters from the article's headings and their times",
    ),
}


def _get(storage: Storage, key: str) -> bytes:
    try:
        return storage.get_bytes(key)
    except MissingKey:
        raise errors.StorageError(
            "a stored file of this narration is missing; delete and submit it again"
        ) from None


def timings_of(storage: Storage, n: Narration) -> list[SentenceTiming]:
    key = n.timings_key or layout.narration_key(n.id, layout.TIMINGS)
    return parse_json(_get(storage, key), key)


def script_of(storage: Storage, n: Narration) -> Script:
    return layout.unpack_plan(_get(storage, layout.narration_key(n.id, layout.PLAN))).script


def document(storage: Storage, n: Narration, name: str) -> str:
    """The text of DOCUMENTS[name] for a ready narration."""
    entries = timings_of(storage, n)
    if name == "transcript.srt":
        return transcripts.to_srt(entries)
    if name == "transcript.json":
        return transcripts.to_json(entries)
    script = script_of(storage, n)
    return chapters.to_json(chapters.chapters(script.sentences, entries, script.title))


def first_paragraph(script: Script) -> str:
    """The article's first paragraph as written (the heading, paragraph 0, is skipped when
    the script has a title)."""
    for number, group in groupby(script.sentences, key=lambda s: s.paragraph):
        if script.title and number == 0:
            continue
        return " ".join(s.source or s.text for s in group)
    return ""
