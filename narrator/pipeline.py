"""Article -> script -> chunks -> audio. Used by the CLI and by the workers alike.

The stages are separate functions so that a worker fleet can run them apart:
`prepare` (text), `plan` (pace and chunks), `render_chunk` (speech, any worker),
`assemble` (one file, timings and captions).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from narrator.audio import encode, follow, loudness, pauses, pcm, tempo
from narrator.config import WPM_AT_1X
from narrator.options import check_format, check_speed
from narrator.speech import clauses, pace, voices
from narrator.speech.engine import Audio, Engine
from narrator.text import extract
from narrator.text import script as scripting
from narrator.text.article import Article, Script
from narrator.text.lexicon import Lexicon

# The final file may differ from the target WPM by this much before a tempo filter corrects it.
WPM_TOLERANCE = 0.02
GAIN_KEEPS_TEMPO = 0.05  # tempo factors this close to 1 leave the loudness gain unchanged


def read(
    data: bytes,
    *,
    filename: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    author: str | None = None,
) -> Article:
    article = extract.read_article(data, filename=filename, kind=kind)
    return article.with_overrides(title=title, author=author)


def prepare(article: Article, lexicon: Lexicon | None = None) -> Script:
    return scripting.build_script(article, lexicon=lexicon)


@dataclass(frozen=True)
class Plan:
    """What every chunk render needs: the engine pace and the sentence ranges."""

    voice: str
    engine: str
    engine_version: str
    speed: float
    pace: float
    sentence_pause_ms: int
    paragraph_pause_ms: int
    chunks: list[tuple[int, int]]  # [start, end) sentence indexes
    # The tempo filter the engine pace leaves for the final file (pace.pace_and_tempo); the
    # progressive stream plays at it. The final file measures and decides for itself.
    expected_tempo: float = 1.0
    # Chunk 0's pace when not `pace` (0: the same): a long article's first sentence is spoken
    # before the rest is read, at the pace of its head (narrator.render, head()).
    first_pace: float = 0.0

    def pace_at(self, index: int) -> float:
        return self.first_pace if index == 0 and self.first_pace else self.pace


# A long article's first sentence is spoken once its head is read: these first paragraphs
# (paced as the whole article from them: within 1% in the median, 5.6% at most, on 24 bench
# articles at 1x; from 3 paragraphs, 2.6% and 9%).
HEAD_PARAGRAPHS = 6


def head(article: Article) -> Article | None:
    """The first paragraphs of `article`, which fix how its first sentence is said (the title,
    the byline, the opening); None when that is the whole article."""
    if len(article.paragraphs) <= HEAD_PARAGRAPHS:
        return None
    return replace(article, paragraphs=article.paragraphs[:HEAD_PARAGRAPHS])


def plan(
    script: Script,
    voice: str,
    speed: float,
    chunk_chars: int = 1500,
    *,
    paced_by: Script | None = None,
    earlier: Plan | None = None,
    whole: Article | None = None,
) -> Plan:
    """`paced_by`: the script whose length sets the engine pace (default `script`). The pace
    is part of every chunk's cache key, so a narration read with a lexicon is paced by its
    article read without one: changing an entry then changes only the chunks that say it.

    `earlier`: the plan of an earlier version of this article (an edited feed entry). Read
    with the same voice, engine and speed, its pace is kept when close to this text's
    (pace.kept_pace), so the unchanged paragraphs keep their chunks' keys too.

    `whole`: `script` is the head of this article (head()): paced as the whole will be, from
    the head's measures scaled by the article's written length. The head alone is mostly
    title and pauses: its own pace was a third faster than the article's."""
    speed = check_speed(speed)
    v = voices.resolve_voice(voice)
    engine = voices.get_engine(v.engine)
    basis = paced_by or script
    words, sentences, paragraphs, letters, marks = _measures(basis, whole)
    phonemes = _phonemes(engine, v.id, basis, whole)
    sentence_ms, paragraph_ms = pace.pauses(speed)
    # Same voice, engine and speed: the same calibration and pauses, so its pace is comparable.
    alike = earlier and (earlier.voice, earlier.engine_version, earlier.speed) == (
        (v.id, engine.version, speed)
    )
    p, expected_tempo = pace.pace_and_tempo(
        engine,
        v.id,
        speed,
        words=words,
        sentences=sentences,
        paragraphs=paragraphs,
        letters=letters,
        phonemes=phonemes,
        marks=marks,
        previous=earlier.pace if earlier and alike else None,
    )
    return Plan(
        voice=v.id,
        engine=v.engine,
        engine_version=engine.version,
        speed=speed,
        pace=p,
        sentence_pause_ms=sentence_ms,
        paragraph_pause_ms=paragraph_ms,
        chunks=chunk_ranges(script, chunk_chars),
        expected_tempo=expected_tempo,
    )


def _head_scaling(basis: Script, whole: Article | None) -> tuple[Article, list[int], float] | None:
    """When `basis` is the head of `whole`: (the head, the indexes of basis's body sentences, how
    much longer the whole is than the head, as written). None: `basis` stands for itself."""
    shown = head(whole) if whole is not None else None
    if whole is None or shown is None:
        return None
    # The article's paragraphs follow the title and byline (paragraph 0 when there is one):
    # only those are scaled, by how much longer the whole is than the head, as written.
    first_body = max({s.paragraph for s in basis.sentences}) + 1 - len(shown.paragraphs)
    body = [i for i, s in enumerate(basis.sentences) if s.paragraph >= first_body]
    written = sum(pace.letters_of(x) for x in shown.paragraphs)
    more = sum(pace.letters_of(x) for x in whole.paragraphs) / max(written, 1) - 1
    return shown, body, more


def _measures(basis: Script, whole: Article | None) -> tuple[int, int, int, int, dict[str, int]]:
    """(words, sentences, paragraphs, letters, punctuation marks) that set the pace: `basis`'s
    own, or, when it is the head of `whole`, the whole article's estimated from it."""
    letters = [pace.letters_of(s.text) for s in basis.sentences]
    marks = [clauses.count(s.text) for s in basis.sentences]
    paragraphs = len({s.paragraph for s in basis.sentences})
    scaling = _head_scaling(basis, whole)
    if scaling is None:
        words = basis.words if whole is None else whole.words
        return words, len(basis.sentences), paragraphs, sum(letters), clauses.add(*marks)
    shown, body, more = scaling
    assert whole is not None
    body_marks = clauses.add(*(marks[i] for i in body))
    return (
        whole.words,
        round(len(basis.sentences) + len(body) * more),
        paragraphs + len(whole.paragraphs) - len(shown.paragraphs),
        round(sum(letters) + sum(letters[i] for i in body) * more),
        {k: round(n + body_marks[k] * more) for k, n in clauses.add(*marks).items()},
    )


def _phonemes(engine: Engine, voice_id: str, basis: Script, whole: Article | None) -> int | None:
    """The sounds of `basis` (pace.phonemes_of), or of `whole` when `basis` is its head:
    scaled as _measures scales the letters. None where the engine cannot count them."""
    scaling = _head_scaling(basis, whole)
    if scaling is None:
        return pace.phonemes_of(engine, voice_id, "\n".join(s.text for s in basis.sentences))
    counts: list[int] = []
    for sentence in basis.sentences:
        count = pace.phonemes_of(engine, voice_id, sentence.text)
        if count is None:
            return None
        counts.append(count)
    _, body, more = scaling
    return round(sum(counts) + sum(counts[i] for i in body) * more)


def chunk_ranges(script: Script, chunk_chars: int) -> list[tuple[int, int]]:
    """Chunks end at paragraph ends (so each paragraph caches alone) unless a paragraph is long."""
    ranges: list[tuple[int, int]] = []
    start, size = 0, 0
    sentences = script.sentences
    for i, s in enumerate(sentences):
        size += len(s.text)
        last = i + 1 == len(sentences)
        paragraph_end = last or sentences[i + 1].paragraph != s.paragraph
        if last or paragraph_end or size >= chunk_chars:
            ranges.append((start, i + 1))
            start, size = i + 1, 0
    return ranges


@dataclass(frozen=True)
class Chunk:
    """Rendered audio of sentences [start, end), each sentence's (start_ms, end_ms) within it,
    and each sentence's word marks from the engine: (character in the sentence's text, ms from
    the sentence's start), empty where the engine gave none."""

    audio: Audio
    sentence_ms: list[tuple[int, int]]
    marks: list[list[tuple[int, int]]] = field(default_factory=list)


def render_chunk(
    script: Script,
    p: Plan,
    index: int,
    engine: Engine | None = None,
    *,
    last: bool | None = None,
) -> Chunk:
    start, end = p.chunks[index]
    engine = engine or voices.get_engine(p.engine)
    parts: list[Audio] = []
    spans: list[tuple[int, int]] = []
    marks: list[list[tuple[int, int]]] = []
    pos_ms = 0.0
    for i, gap in zip(range(start, end), pauses_after(script, p, index, last=last), strict=True):
        audio = pcm.settle_marks(
            pcm.trim(engine.synthesize(script.sentences[i].text, p.voice, p.pace_at(index)))
        )
        spans.append((round(pos_ms), round(pos_ms + audio.duration_s * 1000)))
        marks.append(list(audio.marks))
        parts.append(audio)
        pos_ms += audio.duration_s * 1000
        if gap:
            parts.append(pcm.silence(gap, audio.sample_rate))
            pos_ms += gap
    return Chunk(audio=pcm.concat(parts), sentence_ms=spans, marks=marks)


def pauses_after(script: Script, p: Plan, index: int, *, last: bool | None = None) -> list[int]:
    """The silence (ms) after each sentence of chunk `index`, as render_chunk speaks it.

    Part of a chunk's cache key too, so a change of pause lengths re-renders. A paragraph's end
    gets the longer pause; the last sentence of the narration, and of the last chunk (the final
    file ends on speech), none. `last` overrides "is this the last chunk" for a caller that
    renders a chunk on its own (the CLI's preview).
    """
    start, end = p.chunks[index]
    is_last_chunk = index + 1 == len(p.chunks) if last is None else last
    pauses = []
    for i in range(start, end):
        if i + 1 >= len(script.sentences) or (is_last_chunk and i + 1 == end):
            pauses.append(0)
        elif script.sentences[i + 1].paragraph != script.sentences[i].paragraph:
            pauses.append(p.paragraph_pause_ms)
        else:
            pauses.append(p.sentence_pause_ms)
    return pauses


@dataclass(frozen=True)
class Result:
    audio: str
    duration_s: float
    words: int
    wpm: float
    voice: str
    speed: float
    format: str
    timings: str
    captions: str
    lufs: float
    tempo: float  # the tempo filter applied after the engine (1.0: none)
    pause_scale: float = 1.0  # our pauses' length over the planned (pauses.fit)

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def _tempo_and_gain(audio: Audio, factor: float) -> tuple[Audio, loudness.Gain | None]:
    """`audio` at `factor` times the tempo, and its gain when that can be planned alongside.

    A small tempo change leaves the planned gain where it was (measured on 5 minutes of
    espeak: 8.36 dB after x1.05 against 8.37 dB before; but 7.82 dB after x0.9 and 9.05 dB
    after x1.3), so within GAIN_KEEPS_TEMPO the gain search runs on the audio as it is, in
    parallel with the tempo filter (two ffmpeg processes, two cores). None: plan it after.
    """
    if abs(factor - 1) > GAIN_KEEPS_TEMPO:
        return tempo.change_tempo(audio, factor), None
    with ThreadPoolExecutor(max_workers=1) as pool:
        planned = pool.submit(loudness.plan_gain, audio)
        changed = tempo.change_tempo(audio, factor)
        return changed, planned.result()


def join(
    chunks: Sequence[Chunk],
) -> tuple[Audio, list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """The chunks' audio joined, with each sentence's (start_ms, end_ms) in it and its marks."""
    spans: list[tuple[int, int]] = []
    marks: list[list[tuple[int, int]]] = []
    offset = 0.0
    for chunk in chunks:
        spans.extend((round(a + offset), round(b + offset)) for a, b in chunk.sentence_ms)
        marks.extend(chunk.marks or [[] for _ in chunk.sentence_ms])
        offset += chunk.audio.duration_s * 1000
    return pcm.concat([c.audio for c in chunks]), spans, marks


def fit_pauses(
    script: Script, p: Plan, chunks: Sequence[Chunk], audio: Audio, spans: list[tuple[int, int]]
) -> pauses.Fit | None:
    """The joined narration on 200 x speed WPM by its pauses, or as near as natural pauses
    bring it where it misses by more than WPM_TOLERANCE (narrator.audio.pauses)."""
    wanted = round(script.words / (WPM_AT_1X * p.speed) * 60 * audio.sample_rate)
    gaps_ms = [g for i in range(len(chunks)) for g in pauses_after(script, p, i)]
    return pauses.fit(audio, spans, gaps_ms, wanted, tolerance=WPM_TOLERANCE)


def assemble(
    script: Script,
    p: Plan,
    chunks: Sequence[Chunk],
    out: Path,
    fmt: str,
) -> Result:
    """Join chunks, fine-tune pace, normalize loudness, encode; write timings and captions."""
    check_format(fmt)
    audio, spans, marks = join(chunks)
    target_wpm = WPM_AT_1X * p.speed
    factor, scale = 1.0, 1.0
    gain: loudness.Gain | None = None
    if script.words and audio.duration_s:
        # Our pauses take what they can: the speech stays as the engine said it.
        fitted = fit_pauses(script, p, chunks, audio, spans)
        if fitted is not None:
            audio, spans, scale = fitted.audio, fitted.spans, fitted.scale
        measured = script.words / (audio.duration_s / 60)
        if abs(measured / target_wpm - 1) > WPM_TOLERANCE:
            factor = tempo.correction(target_wpm / measured, p.expected_tempo)
            audio, gain = _tempo_and_gain(audio, factor)
            spans = [(round(a / factor), round(b / factor)) for a, b in spans]
            marks = [[(c, round(ms / factor)) for c, ms in m] for m in marks]
    out = Path(out)
    # The timings are written while the file is encoded: its encoders leave a core some time.
    with ThreadPoolExecutor(max_workers=1) as pool:
        beside = pool.submit(follow.write_beside, out, script, spans, marks)
        # Gain and limiter applied by the same ffmpeg run that encodes (loudness.normalize's
        # result, without a separate pass over the whole narration).
        loud = encode.encode_normalized(
            audio,
            out,
            fmt,
            tags={"title": script.title or "", "artist": script.author or ""},
            gain=gain,
        )
        timings_path, captions_path = beside.result()
    duration = audio.duration_s
    return Result(
        audio=str(out),
        duration_s=round(duration, 3),
        words=script.words,
        wpm=round(script.words / (duration / 60), 1) if duration else 0.0,
        voice=p.voice,
        speed=p.speed,
        format=fmt,
        timings=str(timings_path),
        captions=str(captions_path),
        lufs=round(loud.integrated_lufs, 2),
        tempo=round(factor, 4),
        pause_scale=round(scale, 4),
    )


def narrate(
    script: Script,
    out: Path,
    *,
    voice: str,
    speed: float,
    fmt: str,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """The whole pipeline in this process (the CLI path)."""
    p = plan(script, voice, speed)
    chunks = []
    for i in range(len(p.chunks)):
        chunks.append(render_chunk(script, p, i))
        if progress:
            progress(i + 1, len(p.chunks))
    return assemble(script, p, chunks, out, fmt)
