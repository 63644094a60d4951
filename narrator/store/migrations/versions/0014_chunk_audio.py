"""Chunks done: the audio each one holds and its share of the script, so admission weighs a
narration still rendering by the audio it measured rather than by an estimate from its words.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chunks_done") as batch:
        batch.add_column(sa.Column("audio_ms", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("share", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chunks_done") as batch:
        batch.drop_column("share")
        batch.drop_column("audio_ms")
