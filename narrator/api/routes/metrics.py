"""/metrics: Prometheus text, computed at scrape time from the broker and the database.

    narrator_queue_depth{queue}          messages waiting: Redis LLEN of the queue lists when the
                                         broker is Redis; embedded broker: queued narrations
    narrator_narrations{status}          narrations per status
    narrator_audio_seconds               seconds of audio of the ready narrations stored
    narrator_synthesis_seconds           wall-clock seconds from start to finish of those
    narrator_scrape_errors{source}       1 when a source could not be read this scrape

All values come from shared state (broker, database), so every API replica reports the same
numbers and nothing is lost when a process restarts. Totals are gauges: deleting narrations
lowers them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from fastapi import APIRouter, Request, Response
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from narrator import contract
from narrator.api.queue import redis_queue_depths
from narrator.config import Settings
from narrator.store import repo
from narrator.store.db import Database
from narrator.store.models import Narration, Status

log = logging.getLogger(__name__)

router = APIRouter(tags=["metrics"])

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _synthesis_seconds(db: Database) -> float:
    with db.session(readonly=True) as s:
        dialect = s.get_bind().dialect.name
        started, finished = Narration.started_at, Narration.finished_at
        if dialect == "sqlite":
            seconds = (func.julianday(finished) - func.julianday(started)) * 86400.0
        else:
            seconds = func.extract("epoch", finished - started)
        stmt = select(func.coalesce(func.sum(seconds), 0.0)).where(
            Narration.status == Status.READY, started.is_not(None), finished.is_not(None)
        )
        return float(s.scalar(stmt) or 0.0)


class NarratorCollector(Collector):
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def collect(self) -> Iterator[Metric]:
        failures: dict[str, int] = {"broker": 0, "database": 0}
        depth = GaugeMetricFamily(
            "narrator_queue_depth", "Tasks waiting in each work queue", labels=["queue"]
        )
        try:
            if contract.is_redis(self.settings.broker_url):
                assert self.settings.broker_url
                depths = redis_queue_depths(self.settings.broker_url)
            else:
                depths = self._queued_narrations()
            for q in contract.QUEUES:
                depth.add_metric([q], depths.get(q, 0))
        except Exception:
            log.warning("metrics: queue depth unavailable", exc_info=True)
            failures["broker"] = 1
        yield depth

        by_status = GaugeMetricFamily(
            "narrator_narrations", "Narrations by status", labels=["status"]
        )
        audio = GaugeMetricFamily(
            "narrator_audio_seconds", "Seconds of narrated audio produced (ready narrations)"
        )
        synthesis = GaugeMetricFamily(
            "narrator_synthesis_seconds",
            "Wall-clock seconds spent rendering the ready narrations (start to finish)",
        )
        try:
            with self.db.session(readonly=True) as s:
                counts = repo.counts_by_status(s)
                produced = s.scalar(
                    select(func.coalesce(func.sum(Narration.duration_s), 0.0)).where(
                        Narration.status == Status.READY
                    )
                )
            for status, count in counts.items():
                by_status.add_metric([str(getattr(status, "value", status))], count)
            audio.add_metric([], float(produced or 0.0))
            synthesis.add_metric([], _synthesis_seconds(self.db))
        except Exception:
            log.warning("metrics: database unavailable", exc_info=True)
            failures["database"] = 1
        yield by_status
        yield audio
        yield synthesis

        errors = GaugeMetricFamily(
            "narrator_scrape_errors", "1 when a source could not be read", labels=["source"]
        )
        for source, failed in failures.items():
            errors.add_metric([source], failed)
        yield errors

    def _queued_narrations(self) -> dict[str, int]:
        with self.db.session(readonly=True) as s:
            rows = s.execute(
                select(Narration.queue, func.count())
                .where(Narration.status == Status.QUEUED)
                .group_by(Narration.queue)
            ).all()
        return {str(getattr(q, "value", q)): int(n) for q, n in rows}


def registry_for(request: Request) -> CollectorRegistry:
    state = request.app.state
    registry: CollectorRegistry | None = getattr(state, "metrics_registry", None)
    if registry is None:
        registry = CollectorRegistry(auto_describe=False)
        registry.register(NarratorCollector(state.db, state.settings))
        state.metrics_registry = registry
    return registry


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE: {}}, "description": "Prometheus text format"}},
)
async def metrics(request: Request) -> Response:
    registry = registry_for(request)
    body = await run_in_threadpool(generate_latest, registry)
    return Response(body, media_type=CONTENT_TYPE)
