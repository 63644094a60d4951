"""Chunk joins are inaudible: the pause there is the planned one, and the waveform is smooth.

A multi-chunk narration in real espeak, chunked as the workers chunk it (first sentence alone,
then paragraphs, a long paragraph split at chunk_chars), is checked three ways:
  * sentence timings of the final file: at every join the gap between the two sentences is the
    planned pause (sentence or paragraph), never a gap or an overlap beyond it;
  * every sentence is read exactly once, in order (no doubled or missing words at a join);
  * the waveform around each join, in the joined PCM and in the progressive stream's single
    encoder output, has no sample-to-sample jump larger than speech itself makes.
"""

from __future__ import annotations

import json
import subprocess
from array import array
from pathlib import Path

import pytest

from narrator import chunks as narrator_chunks
from narrator import pipeline
from narrator.api import stream
from narrator.speech.engine import Audio

ARTICLE = """Harbor Opens New Ferry Line

The city opened a new ferry line on Monday. Officials said the route will carry two thousand \
riders a day. The first boat left the east pier at six in the morning, and it was full.

Service runs every twenty minutes from six in the morning until midnight. Tickets cost three \
dollars, and children under twelve ride free. Monthly passes go on sale next week at the \
terminal and online. The operator expects most riders to buy them.

Critics worry about noise near the old pier. The mayor promised a quieter engine by spring.

Fishermen asked for a separate lane at the harbor mouth. The port authority agreed to study it."""

WINDOW_MS = 10


def samples(audio: Audio) -> array:
    a = array("h")
    a.frombytes(audio.pcm)
    return a


def max_jump(s: array, start: int, end: int) -> int:
    start, end = max(1, start), min(len(s), end)
    return max((abs(s[i] - s[i - 1]) for i in range(start, end)), default=0)


def speech_jump(s: array) -> float:
    """A typical large sample-to-sample step of this voice: the 99th percentile over speech."""
    steps = sorted(abs(s[i] - s[i - 1]) for i in range(1, len(s)) if abs(s[i]) > 300)
    return steps[int(len(steps) * 0.99)]


@pytest.fixture(scope="module")
def narration(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    script = pipeline.prepare(pipeline.read(ARTICLE.encode(), kind="text"))
    plan = narrator_chunks.first_chunk_alone(pipeline.plan(script, "en-us", 1.0, chunk_chars=160))
    rendered = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    out = tmp_path_factory.mktemp("joins") / "audio.wav"
    result = pipeline.assemble(script, plan, rendered, out, "wav")
    return script, plan, rendered, result


def test_chunks_cover_every_sentence_once_in_order(narration) -> None:  # type: ignore[no-untyped-def]
    script, plan, chunks, result = narration
    assert len(plan.chunks) >= 5, plan.chunks
    assert plan.chunks[0] == (0, 1)  # the first sentence alone: the first audio comes fast
    covered = [i for a, b in plan.chunks for i in range(a, b)]
    assert covered == list(range(len(script.sentences)))
    assert [len(c.sentence_ms) for c in chunks] == [b - a for a, b in plan.chunks]
    entries = json.loads(Path(result.timings).read_text())["sentences"]
    assert [e["text"] for e in entries] == [s.source or s.text for s in script.sentences]


def test_no_gap_or_overlap_at_joins_beyond_the_planned_pause(narration) -> None:  # type: ignore[no-untyped-def]
    script, plan, _chunks, result = narration
    entries = json.loads(Path(result.timings).read_text())["sentences"]
    factor, scale = result.tempo, result.pause_scale
    joins = {a for a, _ in plan.chunks[1:]}
    checked = 0
    for i in range(1, len(entries)):
        gap = entries[i]["start_ms"] - entries[i - 1]["end_ms"]
        new_paragraph = script.sentences[i].paragraph != script.sentences[i - 1].paragraph
        planned = plan.paragraph_pause_ms if new_paragraph else plan.sentence_pause_ms
        # The same pause as between any two sentences, after the file's pace correction (by
        # the pauses or by a tempo filter; timings are rounded to the ms twice: 2 ms of slack).
        assert abs(gap - planned * scale / factor) <= 2, (i, gap, planned, scale, factor)
        checked += i in joins
    assert checked == len(joins)


def test_no_discontinuity_at_joins_in_the_joined_pcm(narration) -> None:  # type: ignore[no-untyped-def]
    _script, _plan, chunks, _result = narration
    joined = pipeline.pcm.concat([c.audio for c in chunks])
    s = samples(joined)
    rate = joined.sample_rate
    typical = speech_jump(s)
    half = rate * WINDOW_MS // 1000
    at = 0
    for chunk in chunks[:-1]:
        at += chunk.audio.frames
        jump = max_jump(s, at - half, at + half)
        assert jump <= typical, (at / rate, jump, typical)


def test_no_discontinuity_at_joins_in_the_progressive_stream(narration) -> None:  # type: ignore[no-untyped-def]
    """The stream's one MP3 encoder fed chunk after chunk: decoded, the joins stay smooth."""
    _script, _plan, chunks, _result = narration
    rate = chunks[0].audio.sample_rate
    encoded = subprocess.run(
        stream.encoder_args("mp3", rate, "espeak", {}),
        input=b"".join(c.audio.pcm for c in chunks),
        capture_output=True,
        check=True,
    ).stdout
    decoded = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-xerror",
            "-f",
            "mp3",
            "-i",
            "pipe:0",
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            str(rate),
            "pipe:1",
        ],
        input=encoded,
        capture_output=True,
        check=True,
    ).stdout
    s = array("h")
    s.frombytes(decoded[: len(decoded) // 2 * 2])
    total = sum(c.audio.frames for c in chunks)
    # Only the encoder's priming and final padding differ from the input length.
    assert abs(len(s) - total) < rate * 0.08, (len(s), total)
    typical = speech_jump(s)
    half = rate * WINDOW_MS // 1000
    # LAME's decoder delay (1105 samples at 22.05 kHz; ffmpeg trims it when it can): search
    # for the join in a window wide enough for either.
    delay = 1105 if len(s) > total else 0
    at = 0
    for chunk in chunks[:-1]:
        at += chunk.audio.frames
        jump = max_jump(s, at + delay - half, at + delay + half)
        assert jump <= typical, (at / rate, jump, typical)
