from datetime import timedelta

from narrator import schedule
from narrator.contract import BATCH, INTERACTIVE, LIVE
from narrator.store.models import utcnow


def test_a_narrations_first_task_is_the_most_urgent_on_the_live_lane() -> None:
    assert schedule.start(INTERACTIVE) == schedule.Route(LIVE, 0)
    assert schedule.listen() == schedule.Route(LIVE, 0)


def test_the_rest_of_a_first_task_comes_after_every_first_sentence() -> None:
    assert schedule.rest(INTERACTIVE) == schedule.Route(LIVE, 1)
    assert schedule.rest(INTERACTIVE).priority > schedule.start(INTERACTIVE).priority
    # A batch narration once started is finished before the next one starts.
    assert schedule.rest(BATCH) == schedule.Route(BATCH, schedule.BATCH_PRIORITY)
    assert schedule.rest(BATCH).priority < schedule.start(BATCH).priority


def test_batch_starts_in_the_gaps_and_stays_on_its_queue() -> None:
    assert schedule.start(BATCH) == schedule.Route(BATCH, schedule.BATCH_START_PRIORITY)
    now = utcnow()
    # Streamed, a batch narration's chunks are ordered by deadline, but stay on batch: a
    # machine may run batch-only workers, which do not consume live.
    assert schedule.chunk(BATCH, 0.0, now, now) == schedule.Route(BATCH, 1)


def test_streamed_chunks_are_ordered_by_when_playback_reaches_them() -> None:
    now = utcnow()
    priorities = [
        schedule.chunk(INTERACTIVE, offset, now, now).priority
        for offset in (0, 3, 5, 12, 25, 50, 100, 1000)
    ]
    assert priorities == sorted(priorities) == [1, 1, 2, 3, 4, 5, 6, 6]
    # A chunk due now goes to the live lane; one due in a minute does not.
    assert schedule.chunk(INTERACTIVE, 1.0, now, now).queue == LIVE
    assert schedule.chunk(INTERACTIVE, 60.0, now, now).queue == INTERACTIVE


def test_deadlines_count_from_when_the_stream_began() -> None:
    now = utcnow()
    began = now - timedelta(seconds=58)
    # 60 s into the audio, for a stream playing for 58 s: due in 2 s.
    assert schedule.chunk(INTERACTIVE, 60.0, began, now) == schedule.Route(LIVE, 1)
    # A late listener's first seconds go ahead of an early listener's minute two.
    early = schedule.chunk(INTERACTIVE, 120.0, now - timedelta(seconds=20), now)
    late = schedule.chunk(INTERACTIVE, 8.0, now, now)
    assert late.priority < early.priority


def test_work_nobody_streams_waits_for_the_gaps() -> None:
    now = utcnow()
    unheard = schedule.chunk(INTERACTIVE, 0.0, None, now)
    assert unheard == schedule.Route(INTERACTIVE, schedule.UNLISTENED_PRIORITY)
    assert not schedule.is_deadline(unheard.priority)
    assert schedule.is_deadline(schedule.chunk(INTERACTIVE, 500.0, now, now).priority)
    assert schedule.assembly(INTERACTIVE).priority == schedule.UNLISTENED_PRIORITY
    batch = [schedule.chunk(BATCH, 0.0, None, now), schedule.assembly(BATCH), schedule.start(BATCH)]
    # A started batch narration is finished before the next one starts.
    assert [r.priority for r in batch] == [8, 8, 9]
    assert all(r.priority > unheard.priority for r in batch)


def test_a_hurried_chunk_goes_to_the_live_lane() -> None:
    assert schedule.hurry() == schedule.Route(LIVE, schedule.LIVE_MAX_PRIORITY)


def test_a_worker_of_batch_and_listeners_work_keeps_a_lane_for_the_listeners() -> None:
    assert schedule.lane_queues([LIVE, INTERACTIVE, BATCH]) == [LIVE, INTERACTIVE]
    assert schedule.lane_queues([BATCH, INTERACTIVE]) == [LIVE, INTERACTIVE]
    assert schedule.lane_queues([LIVE, BATCH]) == [LIVE]
    # Nothing to keep apart: batch only, or listeners' work only.
    assert schedule.lane_queues([BATCH]) == []
    assert schedule.lane_queues([LIVE, INTERACTIVE]) == []
    assert schedule.lane_queues([LIVE]) == []
