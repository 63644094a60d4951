"""Task ledger: tasks sent and not finished, chunks done as a set, worker beats.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("narrations") as batch:
        batch.add_column(sa.Column("recovery_note", sa.Text(), nullable=True))

    op.create_table(
        "tasks",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("narration_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("queue", sa.String(16), nullable=False),
        sa.Column("sent_at", _when(), nullable=False),
        sa.Column("holder", sa.String(64), nullable=True),
        sa.Column("lease_until", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tasks"),
        sa.ForeignKeyConstraint(
            ["narration_id"],
            ["narrations.id"],
            name="fk_tasks_narration_id_narrations",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_tasks_narration_id", "tasks", ["narration_id"])
    op.create_index("ix_tasks_holder", "tasks", ["holder"])

    op.create_table(
        "chunks_done",
        sa.Column("narration_id", sa.String(32), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("narration_id", "index", name="pk_chunks_done"),
        sa.ForeignKeyConstraint(
            ["narration_id"],
            ["narrations.id"],
            name="fk_chunks_done_narration_id_narrations",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "workers",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("queues", sa.String(200), nullable=False),
        sa.Column("beat_at", _when(), nullable=False),
        sa.Column("idle_since", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_workers"),
    )


def downgrade() -> None:
    op.drop_table("workers")
    op.drop_table("chunks_done")
    op.drop_table("tasks")
    with op.batch_alter_table("narrations") as batch:
        batch.drop_column("recovery_note")
