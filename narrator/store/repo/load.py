"""What admission (narrator.admission) weighs: the streams rendering, the pace of each voice,
and the worker slots there are.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from narrator import admission, owners
from narrator.config import WPM_AT_1X
from narrator.store.models import ArticleRecord, ChunkCache, ChunkDone, Narration, Status, Worker

PACE_SAMPLES = 2000  # the newest chunks weighed for the voices' paces


# Below this share of its script rendered, a narration's length is estimated from its words at
# the voice's nominal pace: one sentence says too little about how long the whole will last.
MEASURED_SHARE = 0.1


def _stream(n: Narration, words: int, rendered: tuple[int, float] | None) -> admission.Stream:
    """What admission weighs of narration `n`: its length and how much of it is rendered,
    measured on its chunks done (`rendered`: their audio ms and share of the script) once
    there are enough of them, otherwise estimated from the article's words (a voice off its
    nominal pace, or a first sentence shorter than the chunks after it, would skew that)."""
    audio_ms, share = rendered or (0, 0.0)
    if audio_ms > 0 and share >= MEASURED_SHARE:
        return admission.Stream(n.id, n.voice, audio_ms / 1000 / share, share, n.listened_at)
    audio_s = 60.0 * max(words, 1) / (WPM_AT_1X * max(n.speed, 0.1))
    done = (n.chunks_done / n.chunks_total) if n.chunks_total else 0.0
    return admission.Stream(n.id, n.voice, audio_s, done, n.listened_at)


def _rendered(session: Session, narration_ids: list[str]) -> dict[str, tuple[int, float]]:
    """Per narration: the audio ms and script share of its chunks done (those that recorded
    both)."""
    if not narration_ids:
        return {}
    rows = session.execute(
        select(ChunkDone.narration_id, func.sum(ChunkDone.audio_ms), func.sum(ChunkDone.share))
        .where(
            ChunkDone.narration_id.in_(narration_ids),
            ChunkDone.audio_ms.is_not(None),
            ChunkDone.share.is_not(None),
        )
        .group_by(ChunkDone.narration_id)
    ).all()
    return {nid: (int(audio or 0), float(share or 0.0)) for nid, audio, share in rows}


def _streams(session: Session, rows: list[tuple[Narration, int | None]]) -> list[admission.Stream]:
    rendered = _rendered(session, [n.id for n, _ in rows])
    return [_stream(n, words or 0, rendered.get(n.id)) for n, words in rows]


def stream_of(session: Session, narration: Narration) -> admission.Stream:
    words = session.scalar(
        select(ArticleRecord.words).where(ArticleRecord.id == narration.article_id)
    )
    return _streams(session, [(narration, words)])[0]


def listened_streams(session: Session) -> list[admission.Stream]:
    """Narrations still rendering that someone began to stream."""
    rows = session.execute(
        select(Narration, ArticleRecord.words)
        .join(ArticleRecord, ArticleRecord.id == Narration.article_id)
        .where(
            Narration.status.in_([Status.QUEUED, Status.PROCESSING]),
            Narration.listened_at.is_not(None),
        )
    ).all()
    return _streams(session, [(n, words) for n, words in rows])


def waiting_streams(
    session: Session, now: datetime, before: datetime | None = None
) -> list[admission.Stream]:
    """Narrations whose listeners were told to wait and whose place is still kept, in line
    order; with `before`, only those that began waiting earlier."""
    stmt = (
        select(Narration, ArticleRecord.words)
        .join(ArticleRecord, ArticleRecord.id == Narration.article_id)
        .where(
            Narration.waiting_until > now,
            Narration.listened_at.is_(None),
            Narration.status.in_([Status.QUEUED, Status.PROCESSING]),
        )
        .order_by(Narration.waiting_since)
    )
    if before is not None:
        stmt = stmt.where(Narration.waiting_since < before)
    return _streams(session, [(n, words) for n, words in session.execute(stmt).all()])


def voice_paces(session: Session, since: datetime) -> dict[str, float]:
    """Audio seconds rendered per second of a slot, per voice, over the chunks rendered since
    (admission.measured_pace: voices with too few chunks are left out)."""
    rows = session.execute(
        select(ChunkCache.voice, ChunkCache.duration_ms, ChunkCache.render_ms)
        .where(
            ChunkCache.created_at >= since,
            ChunkCache.voice.is_not(None),
            ChunkCache.render_ms > 0,
        )
        .order_by(ChunkCache.created_at.desc())
        .limit(PACE_SAMPLES)
    ).all()
    samples: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for voice, audio, rendered in rows:
        if voice:
            samples[voice].append((audio or 0, rendered or 0))
    paces = {voice: admission.measured_pace(chunks) for voice, chunks in samples.items()}
    return {voice: pace for voice, pace in paces.items() if pace is not None}


def live_slots(session: Session, alive_after: datetime, queues: tuple[str, ...]) -> int:
    """Tasks the live workers consuming any of `queues` can run at once, at most as many per
    machine as it has CPUs (`narrator serve` runs 3 processes on 2 cores: 2 slots' worth)."""
    per_machine: dict[str, list[Worker]] = defaultdict(list)
    for worker in session.scalars(select(Worker).where(Worker.beat_at >= alive_after)):
        if set(worker.queues.split(",")) & set(queues):
            per_machine[owners.scope_of(worker.id)].append(worker)
    total = 0
    for workers in per_machine.values():
        slots = sum(w.slots or 1 for w in workers)
        cpus = max((w.cpus or 0 for w in workers), default=0)
        total += min(slots, cpus) if cpus else slots
    return total
