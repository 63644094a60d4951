"""A listener's stream of a narration still rendering: admitted, begun, hurried.

    listening.admit(services, narration)       # Busy (503 + when) if it would not fit
    listening.start_listening(services, id)    # its chunks now go by playback deadlines
    listening.hurry(services, id, index)       # a chunk the stream is about to run out of

The API's side of narrator.admission and narrator.schedule: it weighs and records, and hands
work over by task name (narrator.contract), never importing worker or engine code.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from narrator import admission, contract, errors, schedule
from narrator.service import Services
from narrator.store import ledger, repo
from narrator.store.models import Narration, Status, utcnow
from narrator.store.repo import load

log = logging.getLogger(__name__)


# A worker is counted while its beats (every second) are this fresh.
WORKER_ALIVE_S = 15.0
PACE_WINDOW_S = 300.0  # voices' pace: over the chunks rendered in this window


def admit(services: Services, narration: Narration) -> None:
    """Raise Busy if one more stream of this narration (still rendering) would make the
    workers fall behind the streams already playing, or overtake a listener told to wait
    before it (narrator.admission). Not weighed with admission off, or when the narration
    already has a stream (its need is counted)."""
    if not services.settings.admission:
        return
    now = utcnow()
    with services.db.session(readonly=True) as s:
        row = repo.get_narration(s, narration.id)
        if row is None or row.listened_at is not None:
            return
        in_line = row.waiting_until is not None and row.waiting_until > now
        since = row.waiting_since if in_line else None
        new = load.stream_of(s, row)
        others = load.listened_streams(s)
        ahead = load.waiting_streams(s, now, before=since or now)
        paces = load.voice_paces(s, now - timedelta(seconds=PACE_WINDOW_S))
        slots = load.live_slots(
            s, now - timedelta(seconds=WORKER_ALIVE_S), (contract.LIVE, contract.INTERACTIVE)
        )
    decision = admission.decide(
        new, others, paces, slots, now, services.settings.admission_headroom, ahead
    )
    if decision.admit:
        return
    ask_again = min(decision.wait_s, admission.RECHECK_S)
    until = now + timedelta(seconds=ask_again + admission.WAIT_GRACE_S)
    with services.db.session() as s:
        repo.keep_waiting(s, narration.id, since or now, until)
    log.info(
        "busy: %s told %d s (demand %.2f of %.2f slots, %d playing, %d in line before it)",
        narration.id,
        decision.wait_s,
        decision.demand,
        decision.capacity,
        decision.streams,
        len(ahead),
    )
    raise errors.Busy(
        f"every voice is busy: {decision.streams} listeners are being read to and the "
        f"workers have no room for one more without making them wait; this narration "
        f"keeps rendering meanwhile and should start in about {decision.wait_s} s; ask again "
        f"in {ask_again} s to keep this place in line",
        retry_after=ask_again,
        starts_in=decision.wait_s,
    )


def start_listening(services: Services, narration_id: str) -> None:
    """A stream of a narration still rendering began: from now on its chunks are rendered by
    when playback reaches them (narrator.schedule), ahead of work nobody is listening to.

    Only the first stream counts. A narration still queued on the interactive queue needs
    nothing: its first task reads the time of this stream (it marks the narration processing,
    then reads, and this reads the status after writing, so one of the two sees the other).
    Otherwise the workers are asked to send its remaining work again by deadline (LISTEN).
    """
    with services.db.session() as s:
        narration = repo.mark_listened(s, narration_id)
        if narration is None:
            return
        queue = contract.queue_or_default(narration.queue)
        if narration.status == Status.QUEUED and queue != contract.BATCH:
            return
        route = schedule.listen()
        task = ledger.record_sent(
            s, narration_id, contract.LISTEN, [narration_id], route.queue, route.priority
        )
    try:
        task.send(services.send_task)
    except Exception:  # the stream plays anyway; the work goes on in the order it was sent
        log.warning("could not send listen for %s", narration_id, exc_info=True)


def hurry(services: Services, narration_id: str, index: int) -> None:
    """A stream will run out of audio before chunk `index` is rendered: send it to the live
    lane now (narrator.schedule.hurry), unless a process is rendering it already or a copy
    waits there as urgent, ahead of where this one would be (a stream's next chunk, sent
    by its deadline: ten listeners pressing play at once made ten copies nobody needed)."""
    route = schedule.hurry()
    with services.db.session() as s:
        if index in ledger.held_chunks(s, narration_id, contract.RENDER_CHUNK):
            return
        in_line = ledger.chunks_in_line(
            s,
            narration_id,
            contract.RENDER_CHUNK,
            queue=route.queue,
            priority_at_most=route.priority,
        )
        if index in in_line:
            return
        task = ledger.record_sent(
            s,
            narration_id,
            contract.RENDER_CHUNK,
            [narration_id, index, 1],
            route.queue,
            route.priority,
        )
    try:
        task.send(services.send_task)
    except Exception:  # the stream waits for the first copy instead
        log.warning("could not hurry chunk %d of %s", index, narration_id, exc_info=True)
