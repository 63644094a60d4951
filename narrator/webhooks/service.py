"""Webhook endpoints as the API manages them: create (the secret shown once), list, get,
enable again, delete, and an endpoint's deliveries. Everything is scoped to an owner (repo.owner_of:
the API key, or "" without keys): another key's endpoint is not found."""

from __future__ import annotations

from datetime import datetime

from narrator.config import Settings
from narrator.store.db import Database
from narrator.store.repo import deliveries
from narrator.store.repo import webhooks as repo
from narrator.store.webhook_models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from narrator.urls import check_webhook_url
from narrator.webhooks import signing

DeliveryRow = tuple[WebhookDelivery, str, list[WebhookAttempt]]


def create(
    db: Database, settings: Settings, owner: str, url: str, events: list[str]
) -> WebhookEndpoint:
    check_webhook_url(url, settings)
    with db.session() as s:
        return repo.create_endpoint(
            s, owner=owner, url=url, events=events, secret=signing.new_secret()
        )


def endpoints(db: Database, owner: str) -> list[WebhookEndpoint]:
    with db.session(readonly=True) as s:
        return repo.list_endpoints(s, owner)


def endpoint(db: Database, owner: str, endpoint_id: str) -> WebhookEndpoint:
    with db.session(readonly=True) as s:
        return repo.load_endpoint(s, owner, endpoint_id)


def enable(db: Database, owner: str, endpoint_id: str) -> WebhookEndpoint:
    """A disabled endpoint (every delivery failed for the retry window) hears events again;
    its failed deliveries are not sent again. An enabled one stays as it is."""
    with db.session() as s:
        return repo.enable_endpoint(s, owner, endpoint_id)


def delete(db: Database, owner: str, endpoint_id: str) -> None:
    """The endpoint, its deliveries and their attempts; a delivery in flight finds it gone."""
    with db.session() as s:
        repo.delete_endpoint(s, owner, endpoint_id)


def delivery_log(
    db: Database,
    owner: str,
    endpoint_id: str,
    *,
    limit: int,
    after: tuple[datetime, str] | None,
) -> list[DeliveryRow]:
    with db.session(readonly=True) as s:
        repo.load_endpoint(s, owner, endpoint_id)
        return deliveries.list_deliveries(s, endpoint_id, limit=limit, after=after)
