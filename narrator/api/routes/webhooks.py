"""/v1/webhooks: URLs that receive signed events (narration.ready, narration.failed,
batch.finished), and the log of every delivery and attempt.

With API keys configured each key has its own endpoints (another key's are not found); the
workers send the events (narrator.webhooks), this router only manages endpoints.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from starlette.concurrency import run_in_threadpool

from narrator.api.deps import (
    DbDep,
    Links,
    LinksDep,
    OwnerDep,
    SettingsDep,
    WebhookIdPath,
    Writer,
    check_webhook_id,
)
from narrator.api.paging import (
    DELIVERY_CURSOR,
    decode_cursor,
    encode_cursor,
)
from narrator.api.views import DELETES, ERRORS, deleted_response
from narrator.api.webhook_schemas import (
    WebhookAttemptPublic,
    WebhookCreate,
    WebhookCreatedPublic,
    WebhookDeliveryListPublic,
    WebhookDeliveryPublic,
    WebhookListPublic,
    WebhookPublic,
)
from narrator.store.webhook_models import WebhookEndpoint
from narrator.webhooks import service

# Every route needs a writer's key when keys are on (OwnerDep says whose, not whether).
router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[Writer])

_SIGNING = (
    "Each delivery is a POST of `{type, timestamp, data}` signed the Standard Webhooks way: "
    "headers `webhook-id` (the same on every retry of one delivery), `webhook-timestamp` and "
    "`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>` with the secret's "
    "base64 part as the key. Any 2xx acknowledges; anything else is retried with backoff."
)


def webhook_public(e: WebhookEndpoint, links: Links) -> WebhookPublic:
    return WebhookPublic(
        id=e.id,
        url=e.url,
        events=list(e.events),
        status="disabled" if e.disabled_at else "enabled",
        disabled_at=e.disabled_at,
        disabled_reason=e.disabled_reason,
        created_at=e.created_at,
        last_success_at=e.last_success_at,
        deliveries_url=f"{links.base}/v1/webhooks/{e.id}/deliveries",
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreatedPublic,
    responses=ERRORS,
    summary="Receive events at a URL; the answer holds the signing secret, shown only now",
    description=(
        f"{_SIGNING} Refused: a URL that is not http(s), or (unless the server allows them) "
        "whose host is a private, loopback or reserved address (422 invalid_url); an unknown "
        "or repeated event (422)."
    ),
)
async def create_webhook(
    body: WebhookCreate, db: DbDep, settings: SettingsDep, owner: OwnerDep, links: LinksDep
) -> Response:
    endpoint = await run_in_threadpool(
        service.create, db, settings, owner, body.url, list(body.events)
    )
    public = WebhookCreatedPublic(
        **webhook_public(endpoint, links).model_dump(), secret=endpoint.secret
    )
    return Response(
        content=public.model_dump_json(),
        media_type="application/json",
        status_code=status.HTTP_201_CREATED,
        headers={"Location": f"{links.base}/v1/webhooks/{endpoint.id}"},
    )


@router.get("", response_model=WebhookListPublic, responses=ERRORS, summary="Your webhooks")
def list_webhooks(db: DbDep, owner: OwnerDep, links: LinksDep) -> WebhookListPublic:
    return WebhookListPublic(
        webhooks=[webhook_public(e, links) for e in service.endpoints(db, owner)]
    )


@router.get(
    "/{webhook_id}",
    response_model=WebhookPublic,
    responses=ERRORS,
    summary="One webhook: its status, and why it was disabled if it was",
)
def get_webhook(
    webhook_id: WebhookIdPath, db: DbDep, owner: OwnerDep, links: LinksDep
) -> WebhookPublic:
    return webhook_public(service.endpoint(db, owner, check_webhook_id(webhook_id)), links)


@router.post(
    "/{webhook_id}/enable",
    response_model=WebhookPublic,
    responses=ERRORS,
    summary="Send events to a disabled webhook again",
    description=(
        "A webhook whose deliveries all failed for NARRATOR_WEBHOOK_RETRY_WINDOW_S is disabled "
        "(`status: disabled`, with `disabled_reason`). Once the receiver is fixed, this enables "
        "it: events from now on are delivered to it (and retried) as before; those that "
        "happened while it was disabled are not sent. An enabled webhook is left as it is."
    ),
)
def enable_webhook(
    webhook_id: WebhookIdPath, db: DbDep, owner: OwnerDep, links: LinksDep
) -> WebhookPublic:
    return webhook_public(service.enable(db, owner, check_webhook_id(webhook_id)), links)


@router.delete(
    "/{webhook_id}", summary="Stop sending to this URL and forget its deliveries", **DELETES
)
def delete_webhook(webhook_id: WebhookIdPath, db: DbDep, owner: OwnerDep) -> Response:
    service.delete(db, owner, check_webhook_id(webhook_id))
    return deleted_response()


@router.get(
    "/{webhook_id}/deliveries",
    response_model=WebhookDeliveryListPublic,
    responses=ERRORS,
    summary="A webhook's deliveries, newest first, each with every attempt",
    description=(
        "Each delivery with its state (pending: a retry is due at next_attempt_at; delivered; "
        "failed: given up, with the reason) and each attempt's status code or error. Pass "
        "`next_cursor` as `cursor` for the next (older) page."
    ),
)
def list_deliveries(
    webhook_id: WebhookIdPath,
    db: DbDep,
    owner: OwnerDep,
    limit: Annotated[int, Query(ge=1, le=100, description="Deliveries per page")] = 20,
    cursor: Annotated[
        str | None,
        Query(pattern=DELIVERY_CURSOR, description="next_cursor of the previous page"),
    ] = None,
) -> WebhookDeliveryListPublic:
    after = decode_cursor(cursor, DELIVERY_CURSOR) if cursor else None
    rows = service.delivery_log(
        db, owner, check_webhook_id(webhook_id), limit=limit + 1, after=after
    )
    page = rows[:limit]
    last = page[-1][0] if len(rows) > limit else None
    return WebhookDeliveryListPublic(
        deliveries=[
            WebhookDeliveryPublic(
                id=d.id,
                event_id=d.event_id,
                event_type=event_type,
                state=d.state,
                created_at=d.created_at,
                next_attempt_at=d.next_attempt_at if d.state == "pending" else None,
                finished_at=d.finished_at,
                error=d.error,
                attempts=[
                    WebhookAttemptPublic(
                        at=a.started_at,
                        duration_ms=a.duration_ms,
                        status_code=a.status_code,
                        error=a.error,
                    )
                    for a in attempts
                ],
            )
            for d, event_type, attempts in page
        ],
        next_cursor=encode_cursor(last.created_at, last.id) if last else None,
    )
