"""Before the embedded worker starts: send again what a stopped previous run left behind.

The embedded broker (kombu's SQLAlchemy transport on a SQLite file) keeps no delivered-but-
unacked message through a kill, so the server's start, with no worker running yet, is when the
ledger and the broker file are compared.
"""

from __future__ import annotations

import base64
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, update

from narrator.config import Settings
from narrator.context import Context
from narrator.contract import queue_or_default
from narrator.recovery.reaper import Lost, by_narration, resend, resend_orphan, sweep_temp
from narrator.store import ledger
from narrator.store.models import Task, Worker, utcnow
from narrator.store.repo import deliveries

log = logging.getLogger(__name__)


def clean_stop_marker(settings: Settings) -> Path:
    """Written by the embedded worker after a warm shutdown; read by the next recover_embedded."""
    return settings.data_dir / "worker-stopped-cleanly"


@dataclass(frozen=True)
class Pending:
    """What waits in the embedded broker: task ids, and the narrations they are for (the
    first argument of every task: a webhook delivery's id for narrator.deliver_webhook)."""

    task_ids: set[str]
    narration_ids: set[str]


def pending_messages(broker_db: Path) -> Pending:
    """Messages still waiting in the embedded broker's SQLite file.

    kombu's SQLAlchemy transport keeps each message as a JSON envelope in `kombu_message`: the
    task id is in its headers, the task's args are its (possibly base64) body, and a narration's
    id is always the first arg.
    """
    pending = Pending(set(), set())
    if not broker_db.exists():
        return pending
    con = sqlite3.connect(broker_db)
    try:
        rows = con.execute("SELECT payload FROM kombu_message WHERE visible = 1").fetchall()
    except sqlite3.OperationalError:  # no table yet: nothing was ever sent
        return pending
    finally:
        con.close()
    for (payload,) in rows:
        try:
            message = json.loads(payload)
            task_id = (message.get("headers") or {}).get("id")
            if task_id:
                pending.task_ids.add(str(task_id))
            body = message["body"]
            if message.get("properties", {}).get("body_encoding") == "base64":
                body = base64.b64decode(body)
            args = json.loads(body)[0]
            if args:
                pending.narration_ids.add(str(args[0]))
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            continue
    return pending


def recover_embedded(ctx: Context) -> int:
    """Before the embedded worker starts: send again what a stopped previous run left behind.

    No worker runs yet, so every task the ledger shows held was held by the last run: lost with
    it (an attempt, unless that run stopped warmly and left clean_stop_marker), and every waiting
    task whose message is no longer in the broker file is lost too (not an attempt). Active
    narrations with no task on record and no waiting message get `narrate` again.
    """
    settings = ctx.settings
    marker = clean_stop_marker(settings)
    stopped_cleanly = marker.exists()
    marker.unlink(missing_ok=True)  # a crash of this run must not pass for a clean stop
    pending = pending_messages(settings.embedded_broker_path)
    now = utcnow()
    with ctx.session() as s:
        s.execute(delete(Worker))  # every worker on record belonged to the last run
        lost = [
            Lost(t.id, t.narration_id, t.name, t.holder is not None and not stopped_cleanly)
            for t in s.scalars(select(Task))
            if t.holder is not None or t.id not in pending.task_ids
        ]
        # Expired now: replace_lost takes only what is past its lease.
        expired = [task.task_id for task in lost]
        s.execute(update(Task).where(Task.id.in_(expired)).values(lease_until=None))
        orphaned = [
            (n.id, queue_or_default(n.queue))
            for n in ledger.orphans(s, quiet_since=now, limit=100_000)
            if n.id not in pending.narration_ids
        ]
        # Webhook deliveries sent and lost with the broker: the dispatcher sends them at once.
        deliveries.forget_messages(s, still_queued=pending.narration_ids)
    count = 0
    for group in by_narration(lost):
        count += resend(ctx, group, now=now, why="interrupted (the server stopped)")[0]
    for narration_id, queue in orphaned:
        count += resend_orphan(ctx, narration_id, queue, quiet_since=now)
    sweep_temp(ctx)  # the last run's writers are all gone: their temp files go too
    if count:
        log.warning("sent again %d tasks interrupted by the last shutdown", count)
    return count
