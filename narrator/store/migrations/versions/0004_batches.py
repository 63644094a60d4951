"""Batches: many articles read with the same options, each item an ordinary narration.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ITEM_STATES = ("pending", "linked", "failed", "canceled")


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("voice", sa.String(200), nullable=False),
        sa.Column("speed", sa.Float(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(200), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("canceled_at", _when(), nullable=True),
        sa.Column("expanded_at", _when(), nullable=True),
        sa.Column("expand_holder", sa.String(64), nullable=True),
        sa.Column("expand_until", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_batches"),
    )
    op.create_table(
        "batch_items",
        sa.Column("batch_id", sa.String(32), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("external_id", sa.String(500), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("narration_id", sa.String(32), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("batch_id", "index", name="pk_batch_items"),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.id"], name="fk_batch_items_batch_id_batches", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["narration_id"],
            ["narrations.id"],
            name="fk_batch_items_narration_id_narrations",
            ondelete="SET NULL",
        ),
        sa.CheckConstraint(
            "state IN ({})".format(", ".join(f"'{v}'" for v in ITEM_STATES)),
            name="ck_batch_items_item_state",
        ),
    )
    op.create_index("ix_batch_items_narration_id", "batch_items", ["narration_id"])
    op.create_index(
        "ix_batch_items_batch_id_external_id", "batch_items", ["batch_id", "external_id"]
    )
    op.create_index("ix_batch_items_batch_id_state", "batch_items", ["batch_id", "state"])


def downgrade() -> None:
    op.drop_table("batch_items")
    op.drop_table("batches")
