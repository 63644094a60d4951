"""0006 (webhooks) on a database with batches: those that had ended count as announced (a
webhook registered later gets no batch.finished for them), those still running do not."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData, insert, select

from narrator.store.db import make_engine, migrate


def test_ended_batches_count_as_announced(empty_db_url: str) -> None:
    migrate(empty_db_url, "0005")
    engine = make_engine(empty_db_url)
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC).replace(tzinfo=None)
    try:
        meta = MetaData()
        meta.reflect(engine)
        t = meta.tables
        with engine.begin() as conn:
            conn.execute(
                insert(t["articles"]).values(
                    id="art_1",
                    content_hash="h",
                    language="en",
                    source_kind="text",
                    source="x",
                    words=1,
                    sentences=1,
                    created_at=now,
                )
            )
            for nid, status in [("nar_done", "ready"), ("nar_busy", "processing")]:
                conn.execute(
                    insert(t["narrations"]).values(
                        id=nid,
                        article_id="art_1",
                        voice="v",
                        speed=1.0,
                        format="mp3",
                        engine="e",
                        engine_version="1",
                        cache_key=nid,
                        status=status,
                        queue="batch",
                        progress=0.0,
                        chunks_total=1,
                        chunks_done=0,
                        attempts=0,
                        created_at=now,
                        updated_at=now,
                    )
                )
            for bid, nid in [("bat_done", "nar_done"), ("bat_busy", "nar_busy")]:
                conn.execute(
                    insert(t["batches"]).values(
                        id=bid,
                        voice="v",
                        speed=1.0,
                        format="mp3",
                        engine="e",
                        engine_version="1",
                        total=1,
                        created_at=now,
                        expanded_at=now,
                    )
                )
                conn.execute(
                    insert(t["batch_items"]).values(
                        batch_id=bid, index=0, state="linked", narration_id=nid
                    )
                )
        migrate(empty_db_url)
        meta = MetaData()
        meta.reflect(engine)
        batches = meta.tables["batches"]
        with engine.connect() as conn:
            announced = dict(conn.execute(select(batches.c.id, batches.c.announced_at)).all())
        assert announced["bat_done"] is not None
        assert announced["bat_busy"] is None
    finally:
        engine.dispose()
