"""What admission (narrator.admission) weighs: the streams rendering, the pace of each voice,
and the worker slots there are.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from narrator import admission
from narrator.config import WPM_AT_1X
from narrator.store.models import ArticleRecord, ChunkCache, Narration, Status, Worker


def _stream(n: Narration, words: int) -> admission.Stream:
    audio_s = 60.0 * max(words, 1) / (WPM_AT_1X * max(n.speed, 0.1))
    done = (n.chunks_done / n.chunks_total) if n.chunks_total else 0.0
    return admission.Stream(n.id, n.voice, audio_s, done, n.listened_at)


def stream_of(session: Session, narration: Narration) -> admission.Stream:
    words = session.scalar(
        select(ArticleRecord.words).where(ArticleRecord.id == narration.article_id)
    )
    return _stream(narration, words or 0)


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
    return [_stream(n, words or 0) for n, words in rows]


def voice_paces(session: Session, since: datetime) -> dict[str, float]:
    """Audio seconds rendered per second of a slot, per voice, over the chunks rendered since."""
    rows = session.execute(
        select(ChunkCache.voice, func.sum(ChunkCache.duration_ms), func.sum(ChunkCache.render_ms))
        .where(
            ChunkCache.created_at >= since,
            ChunkCache.voice.is_not(None),
            ChunkCache.render_ms > 0,
        )
        .group_by(ChunkCache.voice)
    ).all()
    return {
        voice: audio / rendered for voice, audio, rendered in rows if voice and audio and rendered
    }


def live_slots(session: Session, alive_after: datetime, queues: tuple[str, ...]) -> int:
    """Tasks the live workers consuming any of `queues` can run at once."""
    total = 0
    for worker in session.scalars(select(Worker).where(Worker.beat_at >= alive_after)):
        if set(worker.queues.split(",")) & set(queues):
            total += worker.slots or 1
    return total
