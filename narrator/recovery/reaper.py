"""The reaper: lost tasks sent again (or their narration failed), and the temp-file sweep.

    reap(ctx)              lost tasks (their holder died, or their message is gone) sent again;
                           a narration that lost work max_attempts times is failed with a reason
    sweep_temp(ctx)        temp files and folders a killed worker left behind: deleted

(narrator.recovery.embedded does the same at the embedded server's start.)

Only the lost task goes again, never the whole narration: chunks done stay done and progress
never goes back. Re-running a stage is always safe (chunks already rendered are cache hits), and
every replacement is a conditional DELETE of the lost row, so of many reapers only one re-sends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from narrator import owners, schedule
from narrator.context import Context
from narrator.contract import NARRATE, PLAN_REST, queue_or_default
from narrator.recovery import leases
from narrator.store import ledger, repo
from narrator.store.models import ACTIVE, utcnow

log = logging.getLogger(__name__)


def fail_narration(ctx: Context, narration_id: str, reason: str) -> None:
    with ctx.session() as s:
        repo.mark_failed(s, narration_id, reason)


@dataclass(frozen=True)
class Lost:
    task_id: str
    narration_id: str
    name: str
    held: bool  # a holder died with it (an attempt), or its message was lost (not one)


def resend(ctx: Context, lost: list[Lost], *, now: datetime, why: str) -> tuple[int, bool]:
    """Send again the lost tasks of one narration: (how many were sent, whether it failed).

    Only the lost tasks go again, under new ids: chunks already done stay done, progress stays
    where it is, and the narration's record says why. A holder that died with any of them costs
    the narration one attempt, however many of its tasks it held. A task another reaper (or its
    living holder) took care of meanwhile is left alone.
    """
    narration_id = lost[0].narration_id
    sent: list[ledger.Sent] = []
    with ctx.session() as s:
        narration = repo.get_narration(s, narration_id)
        if narration is None or narration.status not in ACTIVE:
            for task in lost:
                ledger.release(s, task.task_id)
            return 0, False
        died = any(task.held for task in lost)
        if died and narration.attempts + 1 >= ctx.settings.max_attempts:
            reason = f"{why}, {narration.attempts + 1} attempts; giving up"
            repo.mark_failed(s, narration_id, reason)
            return 0, True
        for task in lost:
            replaced = ledger.replace_lost(s, task.task_id, now=now)
            if replaced is not None:
                sent.append(replaced)
        if not sent:
            return 0, False
        if died:
            repo.bump_attempt(s, narration_id)
        names = ", ".join(sorted({t.name for t in sent}))
        narration.recovery_note = _note(now, f"{why}; {names} sent again")
        if any(t.name in (NARRATE, PLAN_REST) for t in sent):
            narration.heartbeat_at = None  # the new delivery must not back off from the dead one
    log.warning("%s: %s; sent again: %s", narration_id, why, names)
    for resent in sent:
        resent.send(ctx.send)
    return len(sent), False


def _note(when: datetime, what: str) -> str:
    """A narration's recovery_note: when, and what was sent again and why."""
    return f"{when:%Y-%m-%d %H:%M:%S}Z: {what}"


def by_narration(lost: list[Lost]) -> list[list[Lost]]:
    groups: dict[str, list[Lost]] = {}
    for task in lost:
        groups.setdefault(task.narration_id, []).append(task)
    return list(groups.values())


def resend_orphan(ctx: Context, narration_id: str, queue: str, *, quiet_since: datetime) -> bool:
    """`narrate` again for an active narration the ledger knows no task of (no attempt)."""
    with ctx.session() as s:
        still = ledger.orphans(s, quiet_since=quiet_since, only=narration_id)
        if not still:
            return False
        route = schedule.start(queue)
        task = ledger.record_sent(
            s, narration_id, NARRATE, [narration_id], route.queue, route.priority
        )
        still[0].recovery_note = _note(utcnow(), "no task on record; narrate sent again")
    task.send(ctx.send)
    return True


def reap(ctx: Context) -> tuple[int, int]:
    """Send again what is lost, or fail what has been lost too often; returns (resent, failed).

    A task is lost when its holder's lease ran out (the process died: an attempt; a holder this
    machine sees still running was only late to renew, as under an I/O stall), or when it
    waits although a live worker consuming its queue has been idle for IDLE_PROOF_S since it was
    sent (its message is gone: not an attempt). A task waiting behind a backlog is neither: the
    workers are busy, so nothing is sent again and no attempt is counted, however long it waits.
    An active narration with no task on record and quiet for stale_after_s gets `narrate` again.
    """
    lease = leases.lease_s(ctx.settings)
    now = utcnow()
    with ctx.session() as s:
        idle = ledger.idle_since_by_queue(
            s, alive_after=now - timedelta(seconds=lease), forget_before=now - timedelta(hours=1)
        )
        lost = [
            Lost(t.id, t.narration_id, t.name, t.holder is not None)
            for t in ledger.lost_tasks(s, now=now, idle_proof_s=leases.IDLE_PROOF_S, idle=idle)
            if t.holder is None or not owners.runs_here(t.holder)
        ]
        quiet_since = now - timedelta(seconds=ctx.settings.stale_after_s)
        orphaned = [
            (n.id, queue_or_default(n.queue)) for n in ledger.orphans(s, quiet_since=quiet_since)
        ]
    counts = {"resent": 0, "failed": 0}
    if any(task.held for task in lost):
        # A holder died: it may have been writing a file. Its temp files go now, not at the
        # next hourly sweep (a dead writer's are recognized at once, whatever their age).
        sweep_temp(ctx)
    for group in by_narration(lost):
        why = (
            f"a worker holding its work stopped renewing the lease for {lease:.0f} s (it died)"
            if any(task.held for task in group)
            else "a message was lost (an idle worker never received it)"
        )
        resent, failed = resend(ctx, group, now=now, why=why)
        counts["resent"] += resent
        counts["failed"] += failed
    for narration_id, queue in orphaned:
        counts["resent"] += resend_orphan(ctx, narration_id, queue, quiet_since=quiet_since)
    return counts["resent"], counts["failed"]


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
