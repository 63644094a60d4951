"""The task ledger: every task sent and not yet finished, who holds it, and until when.

    record_sent        a row per task, written before its message is sent (the task id is ours)
    hold / renew       a worker process takes a task (at receipt, then at start) with a lease,
                       and renews the leases of everything it holds while it lives; only a
                       started task (started_at) is being worked on, a reserved one waits
    release / unhold   the task ended (row gone), or will be retried (back to waiting)
    beat_worker        a worker's beat, and since when it has held nothing (idle_since)
    lost_tasks         held past its lease (the holder died), or waiting although a live worker
                       that consumes its queue has been idle since after it was sent

Backlogs are normal: a task that waits behind others is held by nobody and its narration's
heartbeat goes quiet, yet it is not lost while its message is still in the broker, which a busy
worker proves by being busy. See narrator.recovery for what is done with lost tasks, and
narrator.store.progress for the chunks a narration has done.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    delete,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from narrator.contract import SendTask
from narrator.store.models import (
    ACTIVE,
    ChunkDone,
    Narration,
    Task,
    Worker,
    utcnow,
)


@dataclass(frozen=True)
class Sent:
    """A task to send: the ledger row is written first, then the message with this id."""

    id: str
    name: str
    args: list[Any]
    queue: str
    priority: int | None = None

    def send(self, send: SendTask) -> None:
        """The message, under the id its row was recorded with (after that row is committed)."""
        send(self.name, self.args, self.queue, task_id=self.id, priority=self.priority)


def record_sent(
    session: Session,
    narration_id: str,
    name: str,
    args: list[Any],
    queue: str,
    priority: int | None = None,
) -> Sent:
    task = Sent(uuid.uuid4().hex, name, list(args), queue, priority)
    session.add(
        Task(
            id=task.id,
            narration_id=narration_id,
            name=name,
            args=task.args,
            queue=queue,
            priority=priority,
            sent_at=utcnow(),
        )
    )
    session.flush()
    return task


def hold(session: Session, task_id: str, holder: str, lease_s: float, *, started: bool) -> bool:
    """The process `holder` has the task: reserved it (a worker's main process, until a pool
    process is free) or `started` it. False: the ledger does not know it (sent by hand), or it
    was started already (a receipt noted late never takes a task back from its runner)."""
    now = utcnow()
    values: dict[str, Any] = {"holder": holder, "lease_until": now + timedelta(seconds=lease_s)}
    stmt = update(Task).where(Task.id == task_id)
    if started:
        values["started_at"] = now
    else:
        stmt = stmt.where(Task.started_at.is_(None))
    stmt = stmt.values(**values).execution_options(synchronize_session=False)
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def renew(session: Session, holder: str, lease_s: float) -> int:
    stmt = (
        update(Task)
        .where(Task.holder == holder)
        .values(lease_until=utcnow() + timedelta(seconds=lease_s))
        .execution_options(synchronize_session=False)
    )
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def release(session: Session, task_id: str) -> None:
    session.execute(delete(Task).where(Task.id == task_id))


def unhold(session: Session, task_id: str) -> None:
    """The task will come again (a retry re-sends it with the same id): waiting, from now."""
    session.execute(
        update(Task)
        .where(Task.id == task_id)
        .values(holder=None, lease_until=None, started_at=None, sent_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def forget(session: Session, narration_id: str) -> None:
    """The narration ended (ready, failed, or starting over): its tasks and chunk set go."""
    session.execute(delete(Task).where(Task.narration_id == narration_id))
    session.execute(delete(ChunkDone).where(ChunkDone.narration_id == narration_id))


def replace_lost(session: Session, task_id: str, *, now: datetime) -> Sent | None:
    """Swap a lost task for a new one (a new id: a late copy of the old one counts nothing new).

    None: another reaper got there first, or the holder renewed its lease meanwhile.
    """
    lost = session.get(Task, task_id)
    if lost is None:
        return None
    still_lost = or_(Task.lease_until.is_(None), Task.lease_until < now)
    gone = session.execute(delete(Task).where(Task.id == task_id, still_lost))
    if not gone.rowcount:  # type: ignore[attr-defined]
        return None
    return record_sent(session, lost.narration_id, lost.name, lost.args, lost.queue, lost.priority)


def unhold_all(session: Session, holder: str) -> int:
    """A worker stopping warmly hands back what it reserved: waiting again, not lost."""
    stmt = (
        update(Task)
        .where(Task.holder == holder)
        .values(holder=None, lease_until=None, started_at=None, sent_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def held_chunks(
    session: Session, narration_id: str, render_task: str, *, besides: str | None = None
) -> set[int]:
    """Indexes of the chunks a process is rendering now (tasks `render_task` started). A task
    only reserved is not among them: its worker's pool may be busy for seconds yet (an
    assembly), and a hurried copy must not wait for it.

    besides: the asking process's holder tag. Then only the chunks of tasks that started
    before its own (by start time, then task id) count: two copies of a chunk that start
    together each see the other, and were both to step aside, nobody would render it.
    """
    rows = session.execute(
        select(Task.id, Task.args, Task.started_at, Task.holder).where(
            Task.narration_id == narration_id,
            Task.name == render_task,
            Task.started_at.is_not(None),  # set with a holder, cleared with it
        )
    ).all()
    mine = [(started, task_id) for task_id, _, started, holder in rows if holder == besides]
    # Without a start of its own on record (a task sent by hand), any start counts as earlier.
    first_of_mine = min(mine) if besides is not None and mine else None
    held: set[int] = set()
    for task_id, args, started, holder in rows:
        if besides is not None and holder == besides:
            continue
        if first_of_mine is not None and (started, task_id) > first_of_mine:
            continue
        held.update(_chunk_range(args))
    return held


def chunks_in_line(
    session: Session, narration_id: str, render_task: str, *, queue: str, priority_at_most: int
) -> set[int]:
    """Indexes of the chunks of tasks `render_task` waiting in the broker on `queue` at
    `priority_at_most` or more urgent (no process holds them yet)."""
    rows = session.scalars(
        select(Task.args).where(
            Task.narration_id == narration_id,
            Task.name == render_task,
            Task.holder.is_(None),
            Task.queue == queue,
            Task.priority <= priority_at_most,
        )
    )
    return {index for args in rows for index in _chunk_range(args)}


def _chunk_range(args: list[Any]) -> range:
    """The chunks a render task's args [narration id, first, count] name."""
    first, count = int(args[1]), int(args[2]) if len(args) > 2 else 1
    return range(first, first + count)


def waiting(session: Session, name: str, *, priority_at_most: int, besides: str) -> int:
    """Tasks `name` sent at `priority_at_most` or more urgent that no process holds yet (their
    messages still in the broker), of narrations other than `besides`."""
    rows = select(func.count()).where(
        Task.name == name,
        Task.holder.is_(None),
        Task.priority <= priority_at_most,
        Task.narration_id != besides,
    )
    return int(session.scalar(rows) or 0)


def tasks_of(session: Session, narration_id: str) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.narration_id == narration_id)))


# --- workers ----------------------------------------------------------------------------------


def beat_worker(
    session: Session,
    worker_id: str,
    queues: Sequence[str],
    *,
    idle_since: datetime | None,
    slots: int | None = None,
    cpus: int | None = None,
) -> None:
    values = {
        "queues": ",".join(queues),
        "beat_at": utcnow(),
        "idle_since": idle_since,
        "slots": slots,
        "cpus": cpus,
    }
    row = session.get(Worker, worker_id)
    if row is None:
        session.add(Worker(id=worker_id, **values))
    else:
        for k, v in values.items():
            setattr(row, k, v)


def forget_worker(session: Session, worker_id: str) -> None:
    session.execute(delete(Worker).where(Worker.id == worker_id))


def idle_since_by_queue(
    session: Session, *, alive_after: datetime, forget_before: datetime
) -> dict[str, datetime]:
    """For each queue, the earliest moment since which a live worker consuming it has been idle.

    Workers silent since `forget_before` are removed: they stopped without saying so.
    """
    session.execute(delete(Worker).where(Worker.beat_at < forget_before))
    idle: dict[str, datetime] = {}
    rows = session.scalars(
        select(Worker).where(Worker.beat_at >= alive_after, Worker.idle_since.is_not(None))
    )
    for worker in rows:
        assert worker.idle_since is not None
        for queue in worker.queues.split(","):
            if queue and (queue not in idle or worker.idle_since < idle[queue]):
                idle[queue] = worker.idle_since
    return idle


def lost_tasks(
    session: Session, *, now: datetime, idle_proof_s: float, idle: dict[str, datetime]
) -> list[Task]:
    """Tasks no live worker holds or will receive.

    Held: the lease ran out (its holder died, or stopped without a warm shutdown).
    Waiting: a live worker that consumes its queue has been idle for idle_proof_s, all of it
    after the task was sent: had the message been in the broker, that worker would have
    taken it (prefetch 1, it asks on every poll), and taking it marks it held.
    """
    expired = list(
        session.scalars(select(Task).where(Task.holder.is_not(None), Task.lease_until < now))
    )
    waiting: list[Task] = []
    proof_from = now - timedelta(seconds=idle_proof_s)
    for queue, since in idle.items():
        if since > proof_from:
            continue
        waiting.extend(
            session.scalars(
                select(Task).where(
                    Task.holder.is_(None), Task.queue == queue, Task.sent_at < proof_from
                )
            )
        )
    seen: set[str] = set()
    lost = []
    for task in [*expired, *waiting]:
        if task.id not in seen:
            seen.add(task.id)
            lost.append(task)
    return lost


def orphans(
    session: Session, *, quiet_since: datetime, limit: int = 100, only: str | None = None
) -> list[Narration]:
    """Active narrations with no task in the ledger and no sign of life since `quiet_since`.

    Their work was never recorded (sent before the ledger, or the sender died between the commit
    and the send): nothing would ever finish them.
    """
    has_task = select(Task.id).where(Task.narration_id == Narration.id).exists()
    last_seen = func.coalesce(Narration.heartbeat_at, Narration.updated_at)
    stmt = (
        select(Narration)
        .where(Narration.status.in_(ACTIVE), ~has_task, last_seen < quiet_since)
        .where(Narration.id == only if only else true())
        .order_by(last_seen)
        .limit(limit)
    )
    return list(session.scalars(stmt))
