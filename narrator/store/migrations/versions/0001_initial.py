"""Initial schema: articles, narrations, chunk cache.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Written out in full (no imports from narrator.store.models): a migration is frozen history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _one_of(column: str, values: Sequence[str], name: str) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=name)


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.String(1000), nullable=True),
        sa.Column("author", sa.String(500), nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_url", sa.String(2000), nullable=True),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("sentences", sa.Integer(), nullable=False),
        sa.Column("collection", sa.String(200), nullable=True),
        sa.Column("external_id", sa.String(500), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        _one_of("source_kind", ("text", "html", "markdown"), "ck_articles_source_kind"),
    )
    op.create_index("ix_articles_collection_external_id", "articles", ["collection", "external_id"])

    op.create_table(
        "narrations",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("voice", sa.String(200), nullable=False),
        sa.Column("speed", sa.Float(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(200), nullable=False),
        sa.Column("cache_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("queue", sa.String(16), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("chunks_total", sa.Integer(), nullable=False),
        sa.Column("chunks_done", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("words", sa.Integer(), nullable=True),
        sa.Column("wpm", sa.Float(), nullable=True),
        sa.Column("lufs", sa.Float(), nullable=True),
        sa.Column("audio_key", sa.String(500), nullable=True),
        sa.Column("timings_key", sa.String(500), nullable=True),
        sa.Column("captions_key", sa.String(500), nullable=True),
        sa.Column("etag", sa.String(200), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.Column("started_at", _when(), nullable=True),
        sa.Column("finished_at", _when(), nullable=True),
        sa.Column("heartbeat_at", _when(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_narrations"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_narrations_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("cache_key", name="uq_narrations_cache_key"),
        _one_of("status", ("queued", "processing", "ready", "failed"), "ck_narrations_status"),
        _one_of("queue", ("interactive", "batch"), "ck_narrations_queue"),
    )
    op.create_index("ix_narrations_article_id", "narrations", ["article_id"])
    op.create_index("ix_narrations_status_heartbeat_at", "narrations", ["status", "heartbeat_at"])

    op.create_table(
        "chunk_cache",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("audio_key", sa.String(500), nullable=False),
        sa.Column("sample_rate", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("sentence_ms", sa.JSON(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("last_used_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_chunk_cache"),
    )
    op.create_index("ix_chunk_cache_last_used_at", "chunk_cache", ["last_used_at"])


def downgrade() -> None:
    op.drop_table("chunk_cache")
    op.drop_table("narrations")
    op.drop_table("articles")
