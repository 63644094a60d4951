"""The narration of an article's earlier version (an edited feed entry, a batch item sent again
with changed content), whose engine pace a new narration keeps when close.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No foreign key: a deleted earlier narration only means no pace to keep (its plan.json is
    # gone with it), and SQLite adds a plain column.
    op.add_column("narrations", sa.Column("earlier_id", sa.String(32), nullable=True))
    # A batch item's earlier version: the item with its external_id in an earlier batch.
    op.create_index("ix_batch_items_external_id", "batch_items", ["external_id"])


def downgrade() -> None:
    op.drop_index("ix_batch_items_external_id", table_name="batch_items")
    with op.batch_alter_table("narrations") as batch:
        batch.drop_column("earlier_id")
