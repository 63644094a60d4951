"""The embedded broker's transport: kombu's SQLAlchemy transport on one local SQLite file.

Sending is upstream kombu's (the API publishes with plain `sqla+sqlite://`); this subclass only
changes how a worker fetches: the most urgent message first (lowest priority number, across
every queue it consumes, as Redis BRPOP does with our priority steps; then the queues' declared
order, then the oldest), a short poll answered by a plain read when nothing waits, and
delete-on-fetch so the table holds exactly the waiting messages
(narrator.recovery.embedded.pending_messages reads them).
"""

from __future__ import annotations

from json import loads
from typing import Any

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import sqlalchemy as kombu_sqla
from kombu.utils.encoding import bytes_to_str
from kombu.utils.scheduling import FairCycle
from sqlalchemy import bindparam, func, select, text

from narrator.contract import EMBEDDED_WORKER_TRANSPORT, LOWEST_PRIORITY

POLL_S = 0.05  # the embedded broker's poll interval (see EmbeddedTransport)


class _MostUrgent(FairCycle):
    """On every fetch, the queue holding the most urgent waiting message (not round robin)."""

    def __init__(self, channel: EmbeddedChannel) -> None:
        super().__init__(channel._get_and_deliver, channel._active_queues, kombu_sqla.Empty)
        self.channel = channel

    def get(self, callback: Any, **kwargs: Any) -> Any:
        queue = self.channel._most_urgent_queue(self.resources)
        if queue is None:
            raise kombu_sqla.Empty()
        return self.fun(queue, callback, **kwargs)


class EmbeddedChannel(kombu_sqla.Channel):
    def _reset_cycle(self) -> None:
        self._cycle = _MostUrgent(self)

    _urgent_stmt: Any = None
    _indexed = False

    def _priority(self) -> Any:
        m = self.message_cls.__table__
        # A message sent without a priority waits behind every one sent with one.
        return func.coalesce(
            func.json_extract(m.c.payload, "$.properties.priority"), LOWEST_PRIORITY
        )

    def _ensure_index(self) -> None:
        # The order of the fetch below, kept by SQLite itself: the most urgent waiting message
        # is the first index entry, however long a batch backlog is (no scan of payloads).
        if self._indexed or self.session.bind.name != "sqlite":
            return
        self.session.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_kombu_message_urgency ON kombu_message "
                f"(coalesce(json_extract(payload, '$.properties.priority'), {LOWEST_PRIORITY}),"
                " timestamp, id)"
            )
        )
        self.session.commit()
        self._indexed = True

    def _most_urgent_queue(self, queues: list[str]) -> str | None:
        """The consumed queue whose head is the most urgent message; None: nothing waits.

        Polled every POLL_S: a plain read with no lock and no ORM objects, so an idle worker
        neither takes the write lock 40 times a second (the API's publishes would queue behind
        it) nor builds ORM queries. The locked read in _get decides who gets a message.
        """
        if not queues:
            return None
        self._ensure_index()
        if self._urgent_stmt is None:
            m, q = self.message_cls.__table__, self.queue_cls.__table__
            self._urgent_stmt = (
                select(q.c.name)
                .select_from(m.join(q, m.c.queue_id == q.c.id))
                .where(q.c.name.in_(bindparam("names", expanding=True)))
                .where(m.c.visible.is_not(False))
                .order_by(self._priority(), m.c.timestamp, m.c.id)
                .limit(1)
            )
        try:
            row = self.session.execute(self._urgent_stmt, {"names": list(queues)}).first()
        finally:
            self.session.commit()  # end the read transaction: the next poll sees new rows
        return None if row is None else str(row[0])

    def _get(self, queue: str, timeout: Any = None) -> Any:
        # Delete on fetch (upstream keeps every delivered row forever, marked invisible): the
        # table holds exactly the waiting messages (narrator.recovery.embedded.pending_messages).
        obj = self._get_or_create(queue)
        if self.session.bind.name == "sqlite":
            self.session.execute(text("BEGIN IMMEDIATE TRANSACTION"))
        try:
            msg = (
                self.session.query(self.message_cls)
                .filter(self.message_cls.queue_id == obj.id)
                .filter(self.message_cls.visible != False)  # noqa: E712
                .order_by(self._priority(), self.message_cls.sent_at, self.message_cls.id)
                .limit(1)
                .first()
            )
            if msg is None:
                raise kombu_sqla.Empty()
            payload = loads(bytes_to_str(msg.payload))
            self.session.delete(msg)
            return payload
        finally:
            self.session.commit()


class EmbeddedTransport(kombu_sqla.Transport):
    """kombu's SQLAlchemy transport with message priority and a short poll (one local file).

    An idle consumer sleeps POLL_S between looks at its queues, so every hop of a narration
    (narrate -> chunks -> assemble) waits up to that long for a free worker to notice it: at
    0.2 s the hops of a 1000-word article added about a second. A look at an empty queue is
    one indexed read of a local file (well under a millisecond).
    """

    Channel = EmbeddedChannel
    polling_interval = POLL_S


def register() -> None:
    """Make EMBEDDED_WORKER_TRANSPORT name this transport in broker URLs."""
    TRANSPORT_ALIASES.setdefault(EMBEDDED_WORKER_TRANSPORT, f"{__name__}:EmbeddedTransport")
