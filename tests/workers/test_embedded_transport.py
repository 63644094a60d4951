"""The embedded broker hands out the most urgent message first, across the queues consumed."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from kombu import Connection, Queue

from narrator import contract
from narrator.api.queue import declare_embedded_queues, make_send_task
from narrator.config import Settings
from workers import embedded_transport


def fetch_all(settings: Settings, queues: list[str]) -> list[list[Any]]:
    """Task args in the order a worker consuming `queues` receives them, one at a time."""
    embedded_transport.register()
    got: list[list[Any]] = []
    url = contract.broker_url(settings, contract.EMBEDDED_WORKER_TRANSPORT)
    with Connection(url) as conn:

        def on_message(body: Any, message: Any) -> None:
            got.append(message.headers["argsrepr"])
            message.ack()

        declared = [Queue(q, routing_key=q) for q in queues]
        with conn.Consumer(declared, callbacks=[on_message], accept=["json"], prefetch_count=1):
            while True:
                try:
                    conn.drain_events(timeout=0.5)
                except TimeoutError:
                    return got


def test_the_embedded_broker_is_in_wal_mode(settings: Settings) -> None:
    """Polls never hold up a publish, and a publish writes no journal file."""
    path = settings.embedded_broker_path
    with sqlite3.connect(path) as db:  # a file made before, in SQLite's default mode
        db.execute("PRAGMA journal_mode=DELETE")
    contract.broker_url(settings)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    send = make_send_task(settings)
    send("narrator.narrate", ["wal"], contract.LIVE, priority=0)
    assert fetch_all(settings, [contract.LIVE]) == ["['wal']"]


def test_most_urgent_first_across_queues_then_oldest(settings: Settings) -> None:
    send = make_send_task(settings)
    sent = [  # (args, queue, priority), in the order sent
        ("['gap-1']", contract.INTERACTIVE, 7),
        ("['batch']", contract.BATCH, 8),
        ("['minute-two']", contract.INTERACTIVE, 5),
        ("['no-priority']", contract.INTERACTIVE, None),
        ("['first-word']", contract.LIVE, 0),
        ("['gap-2']", contract.INTERACTIVE, 7),
        ("['next-seconds']", contract.LIVE, 1),
    ]
    for args, queue, priority in sent:
        send("narrator.test", [args[2:-2]], queue, priority=priority)
    order = fetch_all(settings, list(contract.QUEUES))
    assert order == [
        "['first-word']",
        "['next-seconds']",
        "['minute-two']",
        "['gap-1']",
        "['gap-2']",
        "['batch']",
        "['no-priority']",  # sent without one: behind everything (never ahead of a listener)
    ]
    # Delete on fetch: nothing is left behind.
    with sqlite3.connect(settings.embedded_broker_path) as db:
        assert db.execute("SELECT count(*) FROM kombu_message").fetchone() == (0,)


def test_a_worker_gets_only_the_queues_it_consumes(settings: Settings) -> None:
    send = make_send_task(settings)
    send("narrator.test", ["urgent"], contract.LIVE, priority=0)
    send("narrator.test", ["backfill"], contract.BATCH, priority=8)
    assert fetch_all(settings, [contract.BATCH]) == ["['backfill']"]
    assert fetch_all(settings, [contract.LIVE]) == ["['urgent']"]


def test_the_urgency_order_is_an_index(settings: Settings) -> None:
    send = make_send_task(settings)
    send("narrator.test", ["x"], contract.INTERACTIVE, priority=3)
    fetch_all(settings, list(contract.QUEUES))
    with sqlite3.connect(Path(settings.embedded_broker_path)) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")]
    assert "ix_kombu_message_urgency" in names


def test_every_queue_is_made_before_the_processes_start(settings: Settings) -> None:
    """`narrator serve` declares the queues first: no process then makes a queue's row on its
    first send or fetch (two doing so at once collided on the name: IntegrityError)."""
    declare_embedded_queues(settings)
    declare_embedded_queues(settings)  # again, as every start does
    with sqlite3.connect(settings.embedded_broker_path) as db:
        names = sorted(row[0] for row in db.execute("SELECT name FROM kombu_queue"))
    assert names == sorted(contract.QUEUES)
    make_send_task(settings)("narrator.narrate", ["declared"], contract.LIVE, priority=0)
    assert fetch_all(settings, [contract.LIVE]) == ["['declared']"]
