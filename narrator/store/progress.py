"""A narration's chunks done: a set, so a duplicate delivery counts once.

    mark_chunk_done      add a chunk to the set, update the narration's count and progress
    chunks_done          how many are done
    chunk_indexes_done   which

Completion is this set, not a Celery chord (see narrator.render): the call that completes it
claims assembly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, and_, case, cast, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from narrator.store.models import ChunkDone, Narration, Status, utcnow


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


def mark_chunk_done(
    session: Session,
    narration_id: str,
    index: int,
    *,
    audio_ms: int | None = None,
    share: float | None = None,
) -> Progress | None:
    """Add chunk `index` to the narration's set and update its count and progress; `audio_ms`
    and `share` (of the script) tell admission how long the whole will last.

    None: the narration is not processing (finished, failed or deleted): stop.
    """
    processing = select(Narration.id).where(
        Narration.id == narration_id, Narration.status == Status.PROCESSING
    )
    # Marks of one narration take turns (its row locked; SQLite's BEGIN IMMEDIATE does the same),
    # so the count below, a new statement, sees every mark committed before this one.
    if session.execute(processing.with_for_update()).first() is None:
        return None
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    # One statement: the row goes in only while its narration is processing (never an orphan).
    session.execute(
        insert(ChunkDone)
        .from_select(
            ["narration_id", "index", "audio_ms", "share"],
            processing.add_columns(
                literal(index), literal(audio_ms, Integer), literal(share, Float)
            ),
        )
        .on_conflict_do_nothing()
    )
    done = _count_done(narration_id).scalar_subquery()
    stmt = (
        update(Narration)
        .where(Narration.id == narration_id, Narration.status == Status.PROCESSING)
        .values(
            chunks_done=done,
            progress=case(
                (
                    and_(Narration.chunks_total > 0, done < Narration.chunks_total),
                    cast(done, Float) / Narration.chunks_total,
                ),
                else_=1.0,
            ),
            heartbeat_at=utcnow(),
            updated_at=utcnow(),
        )
        .returning(Narration.chunks_done, Narration.chunks_total)
        .execution_options(synchronize_session=False)
    )
    result = session.execute(stmt).one_or_none()
    narration = session.identity_map.get(session.identity_key(Narration, narration_id))
    if narration is not None:  # keep a loaded copy honest
        session.expire(narration)
    return None if result is None else Progress(*result)


def _count_done(narration_id: str) -> Any:
    return select(func.count()).select_from(ChunkDone).where(ChunkDone.narration_id == narration_id)


def chunks_done(session: Session, narration_id: str) -> int:
    return int(session.scalar(_count_done(narration_id)) or 0)


def chunk_indexes_done(session: Session, narration_id: str) -> set[int]:
    done = select(ChunkDone.index).where(ChunkDone.narration_id == narration_id)
    return set(session.scalars(done))
