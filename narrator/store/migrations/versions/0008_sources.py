"""Sources: RSS/Atom feeds polled on a schedule, and the entries seen in each.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("voice", sa.String(200), nullable=False),
        sa.Column("speed", sa.Float(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(200), nullable=False),
        sa.Column("interval_s", sa.Integer(), nullable=False),
        sa.Column("channel", sa.JSON(), nullable=True),
        sa.Column("title", sa.String(1000), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("next_poll_at", _when(), nullable=False),
        sa.Column("poll_holder", sa.String(64), nullable=True),
        sa.Column("poll_until", _when(), nullable=True),
        sa.Column("last_polled_at", _when(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", _when(), nullable=True),
        sa.Column("etag", sa.String(500), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("not_modified", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
    )
    op.create_index("ix_sources_next_poll_at", "sources", ["next_poll_at"])
    op.create_table(
        "source_entries",
        sa.Column("source_id", sa.String(32), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("link", sa.String(2000), nullable=True),
        sa.Column("title", sa.String(1000), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("narration_id", sa.String(32), nullable=True),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("published_at", _when(), nullable=True),
        sa.Column("first_seen_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("source_id", "key_hash", name="pk_source_entries"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name="fk_source_entries_source_id_sources",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["narration_id"],
            ["narrations.id"],
            name="fk_source_entries_narration_id_narrations",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_source_entries_narration_id", "source_entries", ["narration_id"])


def downgrade() -> None:
    op.drop_table("source_entries")
    op.drop_table("sources")
