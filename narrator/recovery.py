"""Work that a dead worker, a lost message or a stopped server left behind, picked up again.

    reap(ctx)              narrations with no heartbeat for stale_after_s: re-queued while
                           attempts < max_attempts, failed with a reason after that
    recover_embedded(s)    before the embedded worker starts: what the last run left queued
                           without a message, or processing, is re-queued
    sweep_temp(ctx)        temp files and folders a killed worker left behind: deleted

Re-running a stage is always safe (chunks already rendered are cache hits), and every re-queue
is a conditional UPDATE, so of many workers' reapers only one re-sends.
"""

from __future__ import annotations

import base64
import json
import logging
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from narrator import owners
from narrator.config import Settings
from narrator.context import Context
from narrator.contract import NARRATE, queue_or_default
from narrator.store import repo
from narrator.store.models import Status, utcnow

log = logging.getLogger(__name__)


def fail_narration(ctx: Context, narration_id: str, reason: str) -> None:
    with ctx.session() as s:
        repo.mark_failed(s, narration_id, reason)


def _requeue_or_fail(
    ctx: Context,
    narration_id: str,
    attempts: int,
    queue: str,
    *,
    counts_attempt: bool,
    stale_before: datetime,
    why: str,
) -> str | None:
    """"requeued", "failed", or None when another reaper (or a worker) got there first.

    `counts_attempt`: the work was lost while running (a worker died), not merely waiting.
    """
    if counts_attempt and attempts + 1 >= ctx.settings.max_attempts:
        fail_narration(ctx, narration_id, f"{why}, {attempts + 1} attempts; giving up")
        return "failed"
    with ctx.session() as s:
        won = repo.requeue(s, narration_id, stale_before=stale_before)
        if won and counts_attempt:
            repo.bump_attempt(s, narration_id)
    if not won:
        return None
    log.warning("re-queued %s (%s; %d attempts before)", narration_id, why, attempts)
    ctx.send(NARRATE, [narration_id], queue)
    return "requeued"


def reap(ctx: Context) -> tuple[int, int]:
    """Re-queue stale narrations (attempts < max) or fail them; returns (requeued, failed).

    processing, no heartbeat for stale_after_s: its worker died or its task was lost. Re-queued
        (one attempt) while attempts + 1 < max_attempts, else failed with the reason.
    queued, untouched for max(stale_after_s, visibility_timeout_s): its message may be lost
        (a broker that lost data). `narrate` is sent again without counting an attempt: if the
        original message is still waiting behind a backlog, the later copy finds the narration
        started and returns at once.
    """
    settings = ctx.settings
    counts = {"requeued": 0, "failed": 0}
    now = utcnow()
    passes = [
        (Status.PROCESSING, float(settings.stale_after_s)),
        (Status.QUEUED, float(max(settings.stale_after_s, settings.visibility_timeout_s))),
    ]
    for status, older_than_s in passes:
        with ctx.session() as s:
            stale = [
                (n.id, n.attempts, queue_or_default(n.queue))
                for n in repo.find_stale(s, older_than_s, [status], now=now)
            ]
        for narration_id, attempts, queue in stale:
            outcome = _requeue_or_fail(
                ctx,
                narration_id,
                attempts,
                queue,
                counts_attempt=status == Status.PROCESSING,
                stale_before=now - timedelta(seconds=older_than_s),
                why=f"no progress for {settings.stale_after_s} s (a worker died or lost the task)",
            )
            if outcome:
                counts[outcome] += 1
    return counts["requeued"], counts["failed"]


def sweep_temp(ctx: Context) -> int:
    """Delete what killed workers left: temp files in storage, temp folders on this machine.

    Only tasks write to storage, and the hard time limit ends every task, so a temp file older
    than twice that is abandoned even where its writer cannot be checked (another machine).
    """
    removed = int(ctx.storage.sweep_temp(2.0 * ctx.settings.task_time_limit_s))
    folders = owners.sweep_temp_dirs()
    if removed or folders:
        log.warning(
            "removed %d temp files and %d temp folders left by interrupted work", removed, folders
        )
    return removed + folders


# --- the embedded deployment ------------------------------------------------------------------


def clean_stop_marker(settings: Settings) -> Path:
    """Written by the embedded worker after a warm shutdown; read by the next recover_embedded."""
    return settings.data_dir / "worker-stopped-cleanly"


def pending_narrations(broker_db: Path) -> set[str]:
    """Narration ids named by messages still waiting in the embedded broker's SQLite file.

    kombu's SQLAlchemy transport keeps each message as a JSON envelope in `kombu_message`; the
    task's args are its (possibly base64) body, and a narration's id is always the first arg.
    """
    if not broker_db.exists():
        return set()
    con = sqlite3.connect(broker_db)
    try:
        rows = con.execute("SELECT payload FROM kombu_message WHERE visible = 1").fetchall()
    except sqlite3.OperationalError:  # no table yet: nothing was ever sent
        return set()
    finally:
        con.close()
    ids: set[str] = set()
    for (payload,) in rows:
        try:
            message = json.loads(payload)
            body = message["body"]
            if message.get("properties", {}).get("body_encoding") == "base64":
                body = base64.b64decode(body)
            args = json.loads(body)[0]
            if args:
                ids.add(str(args[0]))
        except (ValueError, KeyError, IndexError, TypeError):
            continue
    return ids


def recover_embedded(ctx: Context) -> int:
    """Before the embedded worker starts: re-queue what a killed previous run left behind.

    Delivered-but-unacked messages died with that run's worker, so every narration still
    processing is re-queued (an attempt), and every queued one without a waiting message.
    After a warm shutdown (the worker left clean_stop_marker) nothing died: processing
    narrations are re-queued all the same, but without counting an attempt, so restarts never
    fail a narration.
    """
    settings = ctx.settings
    marker = clean_stop_marker(settings)
    stopped_cleanly = marker.exists()
    marker.unlink(missing_ok=True)  # a crash of this run must not pass for a clean stop
    pending = pending_narrations(settings.embedded_broker_path)
    started = utcnow()
    with ctx.session() as s:
        active = [
            (n.id, n.status, n.attempts, queue_or_default(n.queue))
            for n in repo.find_stale(s, 0, now=started, limit=100_000)
        ]
    count = 0
    for narration_id, status, attempts, queue in active:
        if status == Status.QUEUED and narration_id in pending:
            continue  # its message is still waiting in the broker
        outcome = _requeue_or_fail(
            ctx,
            narration_id,
            attempts,
            queue,
            counts_attempt=status == Status.PROCESSING and not stopped_cleanly,
            stale_before=started,
            why="interrupted (the server stopped while narrating)",
        )
        count += outcome == "requeued"
    sweep_temp(ctx)  # the last run's writers are all gone: their temp files go too
    if count:
        log.warning("re-queued %d narrations interrupted by the last shutdown", count)
    return count
