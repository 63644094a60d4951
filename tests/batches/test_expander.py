"""The expander: items become narrations once, whichever process takes the batch up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from narrator import owners
from narrator.api.voice_catalog import VoiceCatalog
from narrator.batches import service as batches
from narrator.batches.expander import Expander
from narrator.batches.intake import Item
from narrator.config import Settings
from narrator.service import RenderRequest, Services
from narrator.store import db as store_db
from narrator.store.models import Narration, utcnow
from narrator.store.repo import batches as repo
from tests.helpers.app import VOICES, Recorder


@pytest.fixture
def services(settings: Settings) -> Services:
    return Services(
        db=store_db.open_database(settings),
        settings=settings,
        voices=VoiceCatalog(VOICES),
        send_task=Recorder(),
    )


def submit(services: Services, n: int, seed: str) -> str:
    items = [Item(kind="text", data=f"Article {seed} number {i} says hello.") for i in range(n)]
    return batches.submit(services, RenderRequest(voice="en-us"), items).batch.id


def hold(services: Services, batch_id: str, holder: str, seconds: float) -> None:
    with services.db.session() as s:
        assert repo.claim(s, batch_id, holder, utcnow() + timedelta(seconds=seconds), steal=True)


def narration_ids(services: Services, batch_id: str) -> list[str | None]:
    rows = batches.items(
        services.db, batch_id, limit=1000, after=None, statuses=[], external_id=None
    )
    return [n.id if n else None for _, _, n in rows]


def test_pages_until_done_and_sends_each_narration_once(services: Services) -> None:
    batch_id = submit(services, 7, "pages")
    assert Expander(services, page=3).run_once() == 7
    ids = narration_ids(services, batch_id)
    assert None not in ids and len(set(ids)) == 7
    assert sorted(a[0] for _, a, _ in services.send_task.calls) == sorted(ids)  # type: ignore[attr-defined]
    assert Expander(services).run_once() == 0  # expanded: nothing left to claim


def test_a_live_holder_is_left_alone_a_dead_one_taken_over(services: Services) -> None:
    live = submit(services, 2, "live")
    hold(services, live, "someone-else-on-another-machine-1", 60)
    assert Expander(services).run_once() == 0
    assert narration_ids(services, live) == [None, None]

    dead = submit(services, 2, "dead")
    hold(services, dead, f"{owners.scope()}-999999999", 60)  # this machine, no such process
    assert Expander(services).run_once() == 2
    assert None not in narration_ids(services, dead)


def test_an_expired_lease_is_taken_over_and_nothing_is_made_twice(services: Services) -> None:
    batch_id = submit(services, 4, "expired")
    assert batches.expand(services, batch_id, page=2) == 2  # half done... then its holder died
    hold(services, batch_id, "gone-elsewhere-7", -1)
    first = narration_ids(services, batch_id)
    assert Expander(services).run_once() >= 2
    ids = narration_ids(services, batch_id)
    assert None not in ids and ids[: len([i for i in first if i])] == [i for i in first if i]
    assert len(services.send_task.calls) == 4  # type: ignore[attr-defined]


def test_an_article_sent_again_with_changes_names_its_earlier_narration(
    services: Services,
) -> None:
    """An item whose external_id an earlier batch (same owner, same options) had: its new
    narration names the earlier one, whose pace the worker keeps when close. Another owner's
    or another speed's item with that id is no earlier version."""

    def send(text: str, *, owner: str = "", speed: float = 1.0) -> list[str | None]:
        items = [
            Item(kind="text", data=text, external_id="story-1"),
            Item(kind="text", data=f"{text} Nothing else.", external_id=None),
        ]
        request = RenderRequest(voice="en-us", speed=speed)
        batch_id = batches.submit(services, request, items, owner=owner).batch.id
        Expander(services).run_once()
        return narration_ids(services, batch_id)

    first, _ = send("The bridge opens in May. Work starts soon.")
    second, plain = send("The bridge opens in June. Work starts soon.")
    other_owner, _ = send("The bridge opens in July. Work starts soon.", owner="key_other")
    other_speed, _ = send("The bridge opens in August. Work starts soon.", speed=1.5)
    third, _ = send("The bridge opens in September. Work starts soon.")
    with services.db.session() as s:
        earlier = {
            n: s.get(Narration, n).earlier_id
            for n in (first, second, plain, other_owner, other_speed, third)
        }
    assert earlier[first] is None and earlier[plain] is None
    assert earlier[second] == first
    assert earlier[other_owner] is None and earlier[other_speed] is None
    assert earlier[third] == second  # the newest earlier version
