"""Scheduling by deadline: a task's priority, and when a narration was first streamed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("priority", sa.Integer(), nullable=True))
    with op.batch_alter_table("narrations") as batch:
        batch.add_column(sa.Column("listened_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("narrations") as batch:
        batch.drop_column("listened_at")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("priority")
