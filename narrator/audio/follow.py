"""Follow-along timings: the article as written, with each sentence's and word's time in it.

The transcript a listener reads is the article's own text (its paragraphs, numbers and
punctuation), not the normalized script the engine spoke. `article_text` rebuilds that text
from the sentences' sources, paragraph by paragraph; every sentence gets its span in it as well
as in the script, and every source word a time.

Word times come from the engine where it says when each word begins (espeak's word events,
piper's phoneme alignments: Audio.marks). Where it does not, they are placed within the
sentence's measured span (start and end of its speech, from the engine's trimmed audio) in
proportion to how long each spoken word takes to say: its letters as spoken, plus a pause after
a comma or similar. The spoken words are mapped back to the
source words they read (narrator.text.wordmap), so "twenty twelve" lights "2012".
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from narrator.audio import timings
from narrator.audio.timings import SentenceTiming
from narrator.speech.pace import letters_of
from narrator.text import wordmap
from narrator.text.article import Script

PARAGRAPH_BREAK = "\n\n"
WORD_ONSET = 2.0  # letters' worth of time every word takes beyond its letters
CLAUSE_PAUSE = 4.0  # letters' worth of pause after a word ending a clause (",", ";", ":")
_CLAUSE_ENDS = (",", ";", ":", "\u2014", "\u2013", ")")


def article_text(script: Script) -> tuple[str, list[tuple[int, int]]]:
    """The article as written, paragraphs apart, and each sentence's span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    previous: int | None = None
    for s in script.sentences:
        source = (s.source or s.text).strip()
        if previous is not None:
            gap = PARAGRAPH_BREAK if s.paragraph != previous else " "
            parts.append(gap)
            pos += len(gap)
        parts.append(source)
        spans.append((pos, pos + len(source)))
        pos += len(source)
        previous = s.paragraph
    return "".join(parts), spans


def _weight(word: str) -> float:
    weight = WORD_ONSET + max(letters_of(word), 1)
    if word.rstrip("\"'\u201d\u2019").endswith(_CLAUSE_ENDS):
        weight += CLAUSE_PAUSE
    return weight


def word_times(
    spoken_text: str,
    source_text: str,
    start_ms: int,
    end_ms: int,
    offset: int,
    marks: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int, int, int]]:
    """(start_ms, end_ms, start_char, end_char) of each source word read in this sentence.

    Characters count from `offset` (the sentence's start in the article text). `marks`: the
    engine's word starts, (character in spoken_text, ms from the sentence's start).
    """
    spoken = wordmap.spoken_words(spoken_text)
    spans = wordmap.source_words(source_text)
    owners = wordmap.align(spoken, [source_text[a:b] for a, b in spans])
    if not spoken or not owners:
        return []
    starts = spoken_starts(spoken_text, start_ms, end_ms, marks)
    bounds = [*starts, float(end_ms)]
    times: dict[int, list[int]] = {}
    for k, owner in enumerate(owners):
        a, b = round(bounds[k]), round(bounds[k + 1])
        span = times.setdefault(owner, [a, b])
        span[1] = b
    return [
        (a, b, offset + spans[i][0], offset + spans[i][1]) for i, (a, b) in sorted(times.items())
    ]


def spoken_starts(
    spoken_text: str, start_ms: int, end_ms: int, marks: Sequence[tuple[int, int]] = ()
) -> list[float]:
    """When each spoken word begins: the engine's mark where it gave one; between marks (or
    without any), the time shared out by how long each word takes to say."""
    tokens = wordmap.source_words(spoken_text)  # the spoken words' character spans
    weights = [_weight(spoken_text[a:b]) for a, b in tokens]
    anchors: dict[int, float] = {}
    last_char, last = -1, float(start_ms)
    # In the engine's order, each mark later in the text and in time than the one before: an
    # engine says a number or an abbreviation out of order now and then (espeak's events for
    # "19" can come after the words that follow it), and one such mark must not pull every
    # later word with it.
    for char, ms in marks:
        at = float(start_ms + ms)
        if char <= last_char or not last <= at <= end_ms:
            continue
        k = next((i for i, (_, b) in enumerate(tokens) if b > char), len(tokens))
        if k >= len(tokens):
            continue
        if k not in anchors:  # a mark on spaces or punctuation belongs to the word after it
            anchors[k] = at
            last_char, last = char, at
    anchors.setdefault(0, float(start_ms))
    anchors[len(tokens)] = float(end_ms)
    starts: list[float] = []
    fixed = sorted(anchors)
    for left, right in itertools.pairwise(fixed):
        span = max(anchors[right] - anchors[left], 0.0)
        total = sum(weights[left:right]) or 1.0
        t = anchors[left]
        for w in weights[left:right]:
            starts.append(t)
            t += span * w / total
    return starts


def sentence_timings(
    script: Script,
    spans_ms: Sequence[tuple[int, int]],
    marks: Sequence[Sequence[tuple[int, int]]] = (),
) -> tuple[str, list[SentenceTiming]]:
    """The article text and every sentence's timing, with its words, for timings.json."""
    text, source_spans = article_text(script)
    entries = []
    for i, (a, b) in enumerate(spans_ms):
        sentence = script.sentences[i]
        start, end = source_spans[i]
        entries.append(
            SentenceTiming(
                start_ms=a,
                end_ms=b,
                start_char=script.spans[i][0],
                end_char=script.spans[i][1],
                text=text[start:end],
                paragraph=sentence.paragraph,
                source_start=start,
                source_end=end,
                words=word_times(
                    sentence.text, text[start:end], a, b, start, marks[i] if marks else ()
                ),
            )
        )
    return text, entries


def write_beside(
    audio: Path,
    script: Script,
    spans_ms: Sequence[tuple[int, int]],
    marks: Sequence[Sequence[tuple[int, int]]] = (),
) -> tuple[Path, Path]:
    """timings.json and the WebVTT captions beside `audio` (their paths)."""
    text, entries = sentence_timings(script, spans_ms, marks)
    json_path, vtt_path = audio.with_suffix(".timings.json"), audio.with_suffix(".vtt")
    timings.write_json(json_path, entries, text)
    timings.write_vtt(vtt_path, entries)
    return json_path, vtt_path
