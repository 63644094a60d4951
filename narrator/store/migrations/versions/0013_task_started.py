"""The task ledger: when a pool process began running a task (a task only reserved by a worker's
main process is held, yet nobody is at work on it).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("started_at")
