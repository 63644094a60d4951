"""What every worker stage needs, built once per process by one function and passed in."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from narrator.config import Settings
from narrator.contract import SendTask
from narrator.store.db import Database, migrate
from narrator.store.files import Storage, storage_from_settings
from narrator.webhooks import outbox

log = logging.getLogger(__name__)


@dataclass
class Context:
    settings: Settings
    db: Database
    storage: Storage
    send: SendTask

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends. Webhook deliveries it recorded (a
        narration ended) are sent once it has committed, never before."""
        with self.db.session() as session:
            yield session
            recorded = outbox.take(session)
        if recorded:
            try:
                outbox.send(self.db, self.send, self.settings, recorded)
            except Exception:  # committed all the same: the dispatcher sends them
                log.warning("webhook deliveries not sent now; the dispatcher will", exc_info=True)

    def close(self) -> None:
        self.db.dispose()


def build_context(settings: Settings, send: SendTask) -> Context:
    """The database and storage named by the settings; `send` hands on the next stage."""
    return Context(
        settings=settings,
        db=Database.from_settings(settings),
        storage=storage_from_settings(settings),
        send=send,
    )


def migrate_database(settings: Settings) -> None:
    """Bring the settings' database to the current schema (idempotent; concurrent callers wait)."""
    migrate(settings.resolved_database_url)
