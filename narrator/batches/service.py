"""Batches as a service: submit, turn items into narrations, follow, cancel, delete.

    batch = batches.service.submit(services, RenderRequest(voice="en-us"), items)  # at once
    batches.service.expand(services, batch.id, page=50)   # the expander: items -> narrations
    view = batches.service.view(db, batch.id)             # counts, progress, audio, ETA

Submitting stores the items as sent, in one multi-row INSERT, and returns: that is all a
request waits for, however large the batch. Each item then becomes an ordinary narration on
the batch queue through narrator.service (the same cache and idempotency as one POST: an
article already narrated with these options is done at once, and a failed one is tried again).
An item whose external_id an earlier batch of the same owner and options had, sent again with
changed content, names that item's narration as its earlier version (its pace may be kept).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from narrator import contract, errors, service
from narrator.batches.intake import Item
from narrator.service import RenderRequest, Services, Submission
from narrator.store.models import Batch, BatchItem, Narration, utcnow
from narrator.store.repo import batches as repo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchView:
    """A batch as its owner follows it."""

    batch: Batch
    tally: repo.Tally
    status: str  # processing, finished, canceled
    eta_s: float | None
    finished_at: datetime | None


def submit(
    services: Services, request: RenderRequest, items: list[Item], owner: str = ""
) -> BatchView:
    """Record the batch and its items (bad ones failed with their reason); nothing is narrated
    yet. Options are checked first: an unknown voice refuses the whole batch. Its items are
    read with `owner`'s lexicon as it is when each is expanded (narrator.lexicons)."""
    opts = service.render_settings(
        services.settings, services.voices, replace(request, queue=contract.BATCH)
    )
    rows = [
        repo.NewItem(name=i.name, external_id=i.external_id, payload=i.payload(), error=i.error)
        for i in items
    ]
    identity = opts.identity()
    identity["format"] = identity.pop("fmt")
    with services.db.session() as s:
        batch = repo.create_batch(s, rows, owner=owner, **identity)
        return _view(s, batch)


def _request_of(batch: Batch) -> RenderRequest:
    return RenderRequest(
        voice=batch.voice, speed=batch.speed, format=batch.format, queue=contract.BATCH
    )


def _send_later(
    name: str,
    args: list[Any],
    queue: str,
    *,
    task_id: str | None = None,
    priority: int | None = None,
) -> None:
    """Leave a recorded task unsent: the reaper sends it once a worker waits for work."""


def expand(services: Services, batch_id: str, page: int = 50) -> int:
    """Turn up to `page` pending items into narrations (or failures); the number settled.

    Safe to repeat after a crash: a narration is found by its content before one is made, and
    only still-pending items are settled (a batch canceled meanwhile keeps its items canceled).
    """
    with services.db.session(readonly=True) as s:
        batch = repo.load_batch(s, batch_id)
        items = repo.pending_items(s, batch_id, page)
        earlier = repo.earlier_narrations(s, batch, (i.external_id or "" for i in items))
        for item in items:
            s.expunge(item)
    request = _request_of(batch)
    owner = batch.owner or ""
    links: dict[int, str] = {}
    failures: dict[int, str] = {}
    for item in items:
        try:
            narration = _narrate(services, request, item, owner, earlier)
        except errors.InputError as e:
            failures[item.index] = str(e)
            continue
        except (SQLAlchemyError, OSError):
            raise  # the database or the disk: the item stays pending for the next pass
        except errors.ServiceError:
            # Saved and recorded but not sent (the broker is down): the reaper sends it. The
            # rest of the page is recorded without trying the broker once per item.
            services = replace(services, send_task=_send_later)
            narration = _narrate(services, request, item, owner, earlier)
        except Exception as e:  # a bug on one article must not stall the batch
            log.exception("batch %s item %d", batch_id, item.index)
            failures[item.index] = f"internal error while reading this article ({e!r})"
            continue
        links[item.index] = narration.id
    with services.db.session() as s:
        repo.settle_items(s, batch_id, links, failures)
        if repo.load_batch(s, batch_id).canceled_at is not None:
            repo.cancel(s, batch_id, canceled_reason(batch_id))
    return len(items)


def _narrate(
    services: Services,
    request: RenderRequest,
    item: BatchItem,
    owner: str,
    earlier: dict[str, str],
) -> Narration:
    """`earlier`: narrations of earlier batches' items by external_id; an item sent again with
    changed content may keep its pace (unchanged content is found by its cache key anyway)."""
    payload = item.payload or {}
    submission = Submission(
        data=payload.get("data") or "",
        render=request,
        kind=payload.get("kind"),
        filename=item.name,
        title=payload.get("title"),
        author=payload.get("author"),
        owner=owner,
        earlier=earlier.get(item.external_id or ""),
    )
    narration, _ = service.create_narration(services, submission)
    return narration


def canceled_reason(batch_id: str) -> str:
    return f"canceled with batch {batch_id}"


def _view(session: Any, batch: Batch) -> BatchView:
    tally = repo.tally(session, batch)
    active = tally.counts["queued"] + tally.counts["processing"]
    now = utcnow()
    finished_at = None
    if not active:
        ends = [t for t in (batch.created_at, batch.canceled_at, tally.last_finished) if t]
        finished_at = max(ends)
    status = "canceled" if batch.canceled_at else ("processing" if active else "finished")
    eta_s = None
    elapsed = (now - batch.created_at).total_seconds()
    if active and tally.ended_here and elapsed > 0:
        eta_s = round(active * elapsed / tally.ended_here, 1)
    return BatchView(batch, tally, status, eta_s, finished_at)


def view(db: service.Database, batch_id: str) -> BatchView:
    with db.session(readonly=True) as s:
        return _view(s, repo.load_batch(s, batch_id))


def items(
    db: service.Database,
    batch_id: str,
    *,
    limit: int,
    after: int | None,
    statuses: list[str],
    external_id: str | None,
) -> list[tuple[BatchItem, str, Narration | None]]:
    with db.session(readonly=True) as s:
        repo.load_batch(s, batch_id)
        return repo.list_items(
            s, batch_id, limit=limit, after=after, statuses=statuses, external_id=external_id
        )


def cancel(db: service.Database, batch_id: str) -> BatchView:
    """Items done stay done; the rest are canceled and their batch-only work is dropped."""
    with db.session() as s:
        failed = repo.cancel(s, batch_id, canceled_reason(batch_id))
        if failed:
            log.info("batch %s canceled: %d narrations dropped", batch_id, len(failed))
        return _view(s, repo.load_batch(s, batch_id))


def delete(db: service.Database, batch_id: str) -> None:
    """Cancel what is not done, then forget the batch; its finished narrations stay."""
    with db.session() as s:
        repo.cancel(s, batch_id, canceled_reason(batch_id))
        repo.delete_batch(s, batch_id)
