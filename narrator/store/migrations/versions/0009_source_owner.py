"""Whose a source is: the owner (API key digest) whose lexicon its entries are read with.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Written out in full (no imports from narrator.store.models): a migration is frozen history.
A source created before this has none: its entries are read with the keyless lexicon, as
they were.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("owner", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("owner")
