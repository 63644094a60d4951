"""Admission: its waiting line (when a listener told to wait first asked, and until when its
place is kept), and the CPUs each worker's machine offers it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("narrations") as batch:
        batch.add_column(sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("waiting_until", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_narrations_waiting_until", ["waiting_until"])
    with op.batch_alter_table("workers") as batch:
        batch.add_column(sa.Column("cpus", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workers") as batch:
        batch.drop_column("cpus")
    with op.batch_alter_table("narrations") as batch:
        batch.drop_index("ix_narrations_waiting_until")
        batch.drop_column("waiting_until")
        batch.drop_column("waiting_since")
