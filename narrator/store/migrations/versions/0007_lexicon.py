"""A publisher's pronunciation lexicon: its versions, and which one a narration is read with.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lexicons",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lexicons"),
        sa.UniqueConstraint("owner", "scope", "version", name="uq_lexicons_owner_scope_version"),
    )
    # No foreign key: lexicon versions are never deleted, and SQLite adds a plain column.
    op.add_column("narrations", sa.Column("lexicon_id", sa.String(32), nullable=True))
    op.add_column("batches", sa.Column("owner", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("batches") as batch:
        batch.drop_column("owner")
    with op.batch_alter_table("narrations") as batch:
        batch.drop_column("lexicon_id")
    op.drop_table("lexicons")
