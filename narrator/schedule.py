"""When each task is needed: the queue and priority it is sent with.

Workers take the most urgent message first (priority 0 before 1, ..., across every queue they
consume: Redis BRPOP asks priority by priority, the embedded broker orders by it), one at a time
(prefetch 1, acks late), so the order of work is decided by these numbers at each fetch:

    0      a narration's first task (its first sentence): someone may be pressing play;
           and LISTEN, sent when a stream starts on a narration planned without a listener
    1      the rest of a long article's first task (planning the whole), when other first
           sentences were waiting: behind them
    1      also: a chunk a stream is about to wait for (hurry), sent again by the stream
    1-6    chunks someone is streaming, by their deadline: the seconds until playback reaches
           them (playback started when the stream did), in doubling bands (SLACK_BANDS_S).
           A late listener's first seconds thus go ahead of an earlier listener's minute five.
           A run of chunks in one task keeps to one band, and a chunk due now (band 1) goes
           alone: a task cannot be interrupted, so urgent work comes in short tasks
    7      interactive work nobody is streaming: chunks of a narration submitted without a
           stream, and assembling the final files (a streaming listener already hears the audio)
    8      batch chunks, the rest of a batch narration's first task, batch assembly: in the
           gaps
    8      also: a webhook delivery (narrator.webhooks), always on the batch queue
    9      a batch narration's first task: a started narration is finished (its chunks and file)
           before the next one starts, so a batch's items complete one after another

A priority fixed when the message is sent is a deadline seen from then: between two listeners
who pressed play a minute apart, the bands still order chunks by absolute deadline within a
band's width, which is what matters when the machine renders many times faster than real time.

Queues: the urgent band (priority <= LIVE_MAX_PRIORITY) of interactive narrations goes to `live`,
which every worker of the interactive queue also consumes, and which `narrator serve` gives one
more worker process of its own (a listener's first sentence never waits for a process busy with
someone else's paragraph); the rest stays on the queue the narration was submitted to.

Priorities order what a free process takes next; they cannot free one. So a `narrator worker`
that takes batch work and a listener's work too keeps one more process, its lane, for the
listener's work alone (`lane_queues`). Without it a narration submitted during a backfill waits
for a pool process to finish the batch task in hand (up to a second and a half for a long
article's final file), then shares the cores with the batch as an equal. The pool runs
POOL_NICENESS nicer than its lane, so on busy cores the lane goes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from narrator.contract import BATCH, INTERACTIVE, LIVE, with_live

START_PRIORITY = 0
SLACK_BANDS_S = (4.0, 10.0, 20.0, 40.0, 80.0)  # upper bounds of priorities 1..5; beyond: 6
UNLISTENED_PRIORITY = 7
BATCH_PRIORITY = 8
BATCH_START_PRIORITY = 9
LIVE_MAX_PRIORITY = 1
# How much nicer than its lane a worker's pool runs (and `narrator serve`'s worker than its live
# lane and the API). Across sessions a nice value counts only through the session's autogroup,
# which narrator.supervisor sets too.
POOL_NICENESS = 5


@dataclass(frozen=True)
class Route:
    queue: str
    priority: int


def _route(queue: str, priority: int) -> Route:
    # Batch work stays on batch even when urgent: a machine may run batch-only workers, which
    # do not consume live (contract.check_queues), and priority orders it anyway.
    live = queue != BATCH and priority <= LIVE_MAX_PRIORITY
    return Route(LIVE if live else queue, priority)


def start(queue: str) -> Route:
    """The first task of a narration submitted to `queue` (interactive or batch)."""
    return Route(BATCH, BATCH_START_PRIORITY) if queue == BATCH else _route(queue, START_PRIORITY)


def rest(queue: str) -> Route:
    """The rest of a long article's first task (planning the whole), sent back to the queue
    while other narrations' first sentences wait: after them, with the chunks due within the
    next few seconds (its listener's next sentences wait on it); a batch narration's, ahead
    of the next batch narration's start."""
    return Route(BATCH, BATCH_PRIORITY) if queue == BATCH else _route(queue, LIVE_MAX_PRIORITY)


def listen() -> Route:
    """A stream started on a narration whose chunks were sent without a deadline."""
    return Route(LIVE, START_PRIORITY)


def hurry() -> Route:
    """A stream is about to run out of audio before the chunk it waits for (a priority fixed
    when it was sent was too low after all, or every process is busy with long work): that
    chunk, again, on the live lane. The first copy to finish counts; the other is a cache hit."""
    return Route(LIVE, LIVE_MAX_PRIORITY)


def slack_priority(slack_s: float) -> int:
    """The band of a chunk needed in `slack_s` seconds (1: now, 6: minutes away)."""
    for band, bound in enumerate(SLACK_BANDS_S, start=1):
        if slack_s < bound:
            return band
    return len(SLACK_BANDS_S) + 1


def chunk(queue: str, offset_s: float, listened_at: datetime | None, now: datetime) -> Route:
    """A chunk that starts `offset_s` seconds into the audio (at the pace played).

    listened_at: when its stream began (None: nobody streams it, so it waits for the gaps).
    """
    if listened_at is None:
        return Route(queue, BATCH_PRIORITY if queue == BATCH else UNLISTENED_PRIORITY)
    played = max(0.0, (now - listened_at).total_seconds())
    return _route(queue, slack_priority(offset_s - played))


def assembly(queue: str) -> Route:
    """The final files of a narration whose chunks are all rendered."""
    return Route(queue, BATCH_PRIORITY if queue == BATCH else UNLISTENED_PRIORITY)


def is_urgent(priority: int) -> bool:
    """Is work at this priority due within seconds (a first sentence, the next chunk of a
    stream)? Such a chunk is rendered in a task of its own (narrator.render)."""
    return priority <= LIVE_MAX_PRIORITY


def is_deadline(priority: int | None) -> bool:
    """Was a task sent by a listener's deadline (not in the gaps)?"""
    return priority is not None and priority < UNLISTENED_PRIORITY


def webhook() -> Route:
    """One attempt of a webhook delivery: an HTTP request nobody is listening for."""
    return Route(BATCH, BATCH_PRIORITY)


def lane_queues(queues: Sequence[str]) -> list[str]:
    """The queues of the lane a worker consuming `queues` keeps: its listeners' queues when it
    also takes batch work; none for a worker of batch only, or of listeners' work only."""
    if BATCH not in queues:
        return []
    return with_live(q for q in queues if q in (LIVE, INTERACTIVE))
