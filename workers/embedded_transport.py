"""The embedded broker's transport: kombu's SQLAlchemy transport on one local SQLite file.

Sending is upstream kombu's (the API publishes with plain `sqla+sqlite://`); this subclass only
changes how a worker fetches: queues in their declared order (interactive before batch), a
short poll answered by a plain read when a queue is empty, and delete-on-fetch so the table
holds exactly the waiting messages (narrator.recovery.embedded.pending_messages reads them).
"""

from __future__ import annotations

from json import loads
from typing import Any

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import sqlalchemy as kombu_sqla
from kombu.utils.encoding import bytes_to_str
from kombu.utils.scheduling import FairCycle
from sqlalchemy import bindparam, literal, select, text

from narrator.contract import EMBEDDED_WORKER_TRANSPORT

POLL_S = 0.05  # the embedded broker's poll interval (see EmbeddedTransport)


class _InOrder(FairCycle):
    """Try the queues in their declared order on every fetch: interactive before batch."""

    def get(self, callback: Any, **kwargs: Any) -> Any:
        self.pos = 0
        return super().get(callback, **kwargs)


class EmbeddedChannel(kombu_sqla.Channel):
    def _reset_cycle(self) -> None:
        self._cycle = _InOrder(self._get_and_deliver, self._active_queues, kombu_sqla.Empty)

    _waiting_stmt: Any = None

    def _waiting(self, queue: str) -> bool:
        """Is a message waiting in `queue`? One indexed read, no lock, no ORM objects."""
        if self._waiting_stmt is None:
            m, q = self.message_cls.__table__, self.queue_cls.__table__
            self._waiting_stmt = (
                select(literal(1))
                .select_from(m.join(q, m.c.queue_id == q.c.id))
                .where(q.c.name == bindparam("name"), m.c.visible.is_not(False))
                .limit(1)
            )
        try:
            return self.session.execute(self._waiting_stmt, {"name": queue}).first() is not None
        finally:
            self.session.commit()  # end the read transaction: the next poll sees new rows

    def _get(self, queue: str, timeout: Any = None) -> Any:
        # Polled every POLL_S: an empty queue is answered by a plain read, so an idle worker
        # neither takes the write lock 40 times a second (the API's publishes would queue
        # behind it) nor builds ORM queries. The locked read below decides who gets a message.
        if not self._waiting(queue):
            raise kombu_sqla.Empty()
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
                .order_by(self.message_cls.sent_at, self.message_cls.id)
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
    """kombu's SQLAlchemy transport with queue priority and a short poll (one local file).

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
