"""A stream about to run out hurries its chunk, unless a process is rendering it now or a copy
waits on the live lane as urgent."""

from __future__ import annotations

from typing import Any

from narrator import listening, schedule
from narrator.config import Settings
from narrator.contract import RENDER_CHUNK
from narrator.service import Services
from narrator.store import db as store_db
from narrator.store import ledger
from tests.helpers.articles import article_text
from tests.helpers.records import create_narration


def _services(
    settings: Settings, sent: list[tuple[Any, ...]]
) -> tuple[store_db.Database, Services]:
    db = store_db.Database.from_settings(settings)
    services = Services(
        db=db,
        settings=settings,
        voices=None,  # type: ignore[arg-type]  # hurry never reads them
        send_task=lambda name, args, queue, **kw: sent.append((name, args, queue, kw)),
    )
    return db, services


def test_a_chunk_only_reserved_is_hurried_one_being_rendered_is_not(settings: Settings) -> None:
    sent: list[tuple[Any, ...]] = []
    db, services = _services(settings, sent)
    nid = create_narration(settings, article_text(2, "hurry"))
    with db.session() as s:
        waiting = ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 1, 3], "interactive", 3)
    # Reserved by a worker's main process whose pool is busy (an assembly): it may be seconds.
    with db.session() as s:
        ledger.hold(s, waiting.id, "main-1", 60, started=False)
    listening.hurry(services, nid, 2)
    route = schedule.hurry()
    assert [(n, a, q, kw["priority"]) for n, a, q, kw in sent] == [
        (RENDER_CHUNK, [nid, 2, 1], route.queue, route.priority)
    ]
    with db.session() as s:
        ledger.hold(s, waiting.id, "pool-2", 60, started=True)
    listening.hurry(services, nid, 3)  # chunk 3 is in the task now running
    assert len(sent) == 1
    db.dispose()


def test_a_chunk_waiting_as_urgent_on_the_live_lane_is_not_hurried(settings: Settings) -> None:
    sent: list[tuple[Any, ...]] = []
    db, services = _services(settings, sent)
    nid = create_narration(settings, article_text(2, "in line"))
    route = schedule.hurry()
    with db.session() as s:  # sent by its deadline: as urgent as a hurried copy, and ahead
        ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 1, 1], route.queue, route.priority)
        # Sent later and less urgent, or to another queue: a hurried copy goes ahead of these.
        ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 2, 2], route.queue, route.priority + 2)
        ledger.record_sent(s, nid, RENDER_CHUNK, [nid, 4, 1], "batch", route.priority)
    listening.hurry(services, nid, 1)
    assert sent == []
    for index in (2, 3, 4):
        listening.hurry(services, nid, index)
    assert [args[1] for _, args, _, _ in sent] == [2, 3, 4]
    db.dispose()
