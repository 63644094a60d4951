"""Alembic environment, configured in code by narrator.store.db.alembic_config().

`narrator.store.db.migrate()` passes an open connection in `config.attributes["connection"]`
(inside the transaction that holds the migration lock). Run by hand, e.g. to draft a
revision, the URL comes from the config or from NARRATOR_* settings:

    python -c "from alembic import command; from narrator.store.db import alembic_config; \
command.revision(alembic_config('sqlite:///var/dev.db'), 'message', autogenerate=True)"
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from narrator.store.db import make_engine
from narrator.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from narrator.config import get_settings

    return get_settings().resolved_database_url


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: later revisions rebuild tables in batch mode.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()
elif (conn := config.attributes.get("connection")) is not None:
    _run(conn)
else:
    engine = make_engine(_url(), _foreign_keys=False)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()
