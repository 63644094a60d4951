"""Admission: how fast each voice renders, and how many tasks each worker runs at once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chunk_cache") as batch:
        batch.add_column(sa.Column("voice", sa.String(200), nullable=True))
        batch.add_column(sa.Column("render_ms", sa.Integer(), nullable=True))
        batch.create_index("ix_chunk_cache_created_at", ["created_at"])
    with op.batch_alter_table("workers") as batch:
        batch.add_column(sa.Column("slots", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workers") as batch:
        batch.drop_column("slots")
    with op.batch_alter_table("chunk_cache") as batch:
        batch.drop_index("ix_chunk_cache_created_at")
        batch.drop_column("render_ms")
        batch.drop_column("voice")
