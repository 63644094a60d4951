"""/v1/batches: many articles at once, each an ordinary narration on the batch queue.

POST stores the items and answers 202 at once; the API process's expander
(narrator.batches.expander) then turns them into narrations. The batch's counts are read from
its items' narrations, so they are exact whatever the workers go through.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from narrator.api.batch_upload import read_batch, request_body_schema
from narrator.api.deps import (
    BatchIdPath,
    DbDep,
    Links,
    LinksDep,
    OwnerDep,
    ServicesDep,
    Writer,
    check_batch_id,
)
from narrator.api.schemas import (
    BatchCounts,
    BatchItemListPublic,
    BatchItemPublic,
    BatchOptions,
    BatchPublic,
    Format,
    ItemStatus,
)
from narrator.api.views import DELETES, ERRORS, deleted_response
from narrator.batches import service as batches
from narrator.service import RenderRequest
from narrator.store.models import BatchItem, Narration

router = APIRouter(prefix="/v1/batches", tags=["batches"])


def batch_url(links: Links, batch_id: str) -> str:
    return f"{links.base}/v1/batches/{batch_id}"


def batch_public(view: batches.BatchView, links: Links) -> BatchPublic:
    b, t = view.batch, view.tally
    url = batch_url(links, b.id)
    return BatchPublic(
        id=b.id,
        status=view.status,
        total=b.total,
        counts=BatchCounts(**t.counts),
        progress=round(min(max(t.progress, 0.0), 1.0), 4),
        audio_seconds=round(t.audio_s, 3),
        eta_s=view.eta_s,
        voice=b.voice,
        speed=b.speed,
        format=b.format,
        created_at=b.created_at,
        finished_at=view.finished_at,
        canceled_at=b.canceled_at,
        status_url=url,
        items_url=f"{url}/items",
    )


def item_public(item: BatchItem, st: str, n: Narration | None, links: Links) -> BatchItemPublic:
    reason = item.error
    if st == "failed" and reason is None:
        reason = n.error if n is not None else "its narration was deleted"
    elif st == "canceled":
        reason = reason or "the batch was canceled before this item was done"
    return BatchItemPublic(
        index=item.index,
        name=item.name,
        external_id=item.external_id,
        status=st,
        reason=reason,
        narration_id=n.id if n is not None else None,
        status_url=links.narration(n.id) if n is not None else None,
        audio_url=links.media(n.id, "audio") if n is not None else None,
        duration_s=n.duration_s if n is not None and st == "ready" else None,
    )


_OPTION = "Applies to every item; a JSON object body's own field takes precedence"


@router.post(
    "",
    dependencies=[Writer],
    status_code=status.HTTP_202_ACCEPTED,
    response_model=BatchPublic,
    responses=ERRORS,
    openapi_extra={"requestBody": request_body_schema()},
    summary="Narrate many articles (JSON list, NDJSON or a zip); 202 at once",
    description=(
        "Stores the items and answers at once, however large the batch; each item then becomes "
        "an ordinary narration on the batch queue (an article already narrated with these "
        "options is done at once). An item that cannot be narrated (no text, too long, not "
        "text, a duplicate external_id, an unsafe path in a zip) is recorded as failed with "
        "its reason: follow `items_url?status=failed`. Refused as a whole: an empty batch "
        "(400), one over the item or size limit (413), an unreadable zip (400), another "
        "Content-Type (415), bad options (422)."
    ),
)
async def create_batch(
    request: Request,
    services: ServicesDep,
    links: LinksDep,
    owner: OwnerDep,
    voice: Annotated[
        str | None, Query(min_length=1, max_length=200, description=f"Voice id. {_OPTION}")
    ] = None,
    speed: Annotated[
        float | None, Query(ge=1.0, le=2.0, description=f"1.0 to 2.0. {_OPTION}")
    ] = None,
    format: Annotated[Format | None, Query(description=f"Audio format. {_OPTION}")] = None,
) -> Response:
    if voice is not None:  # checked even when the body's own voice is the one used
        services.voices.resolve(voice)
    query = BatchOptions(voice=voice, speed=speed, format=format)
    options, items = await read_batch(request, services.settings, query)
    render = RenderRequest(voice=options.voice, speed=options.speed, format=options.format)
    view = await run_in_threadpool(batches.submit, services, render, items, owner)
    request.app.state.expander.kick()
    body = batch_public(view, links)
    return Response(
        content=body.model_dump_json(),
        media_type="application/json",
        status_code=status.HTTP_202_ACCEPTED,
        headers={"Location": body.status_url},
    )


@router.get("/{batch_id}", response_model=BatchPublic, responses=ERRORS)
def get_batch(batch_id: BatchIdPath, db: DbDep, links: LinksDep) -> BatchPublic:
    return batch_public(batches.view(db, check_batch_id(batch_id)), links)


@router.get(
    "/{batch_id}/items",
    response_model=BatchItemListPublic,
    responses=ERRORS,
    summary="A batch's items in upload order, a page at a time, with reasons",
)
def list_items(
    batch_id: BatchIdPath,
    db: DbDep,
    links: LinksDep,
    status_: Annotated[
        list[ItemStatus] | None,
        Query(alias="status", description="Only items in these statuses (repeat for several)"),
    ] = None,
    external_id: Annotated[
        str | None, Query(max_length=500, description="Only the item with this external_id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Items per page")] = 100,
    cursor: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{1,9}$",
            description="next_cursor of the previous page: the items after that position",
        ),
    ] = None,
) -> BatchItemListPublic:
    # Positions never move (items are only ever added with a batch), so a plain index is a
    # stable keyset cursor; any index is a valid one.
    after = int(cursor) if cursor else None
    rows = batches.items(
        db,
        check_batch_id(batch_id),
        limit=limit + 1,
        after=after,
        statuses=list(status_ or []),
        external_id=external_id,
    )
    page = rows[:limit]
    more = len(rows) > limit
    return BatchItemListPublic(
        items=[item_public(i, st, n, links) for i, st, n in page],
        next_cursor=str(page[-1][0].index) if more else None,
    )


@router.post(
    "/{batch_id}/cancel",
    response_model=BatchPublic,
    dependencies=[Writer],
    responses=ERRORS,
    summary="Stop a batch: items done stay done, the rest are canceled",
)
def cancel_batch(batch_id: BatchIdPath, db: DbDep, links: LinksDep) -> BatchPublic:
    return batch_public(batches.cancel(db, check_batch_id(batch_id)), links)


@router.delete(
    "/{batch_id}",
    dependencies=[Writer],
    summary="Cancel what is not done and forget the batch (its finished narrations stay)",
    **DELETES,
)
def delete_batch(batch_id: BatchIdPath, db: DbDep) -> Response:
    batches.delete(db, check_batch_id(batch_id))
    return deleted_response()
