"""The webhook endpoints' request and response bodies (narrator/api/routes/webhooks.py)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from narrator import contract
from narrator.urls import URL_PATTERN

# --- webhooks ---------------------------------------------------------------------------------

if TYPE_CHECKING:
    WebhookEvent = str
    DeliveryState = str
else:
    WebhookEvent = Literal[contract.WEBHOOK_EVENTS]
    DeliveryState = Literal["pending", "delivered", "failed"]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1,
        max_length=2000,
        pattern=URL_PATTERN,
        description="Where to POST the events: http or https (private addresses are refused "
        "unless the server allows them)",
        examples=["https://cms.example/hooks/narrator"],
    )
    events: list[WebhookEvent] = Field(
        min_length=1,
        max_length=len(contract.WEBHOOK_EVENTS),
        description="The events to receive (one named twice counts once)",
        examples=[["narration.ready", "narration.failed"]],
    )

    @model_validator(mode="after")
    def _distinct(self) -> WebhookCreate:
        self.events = list(dict.fromkeys(self.events))  # an event named twice is sent once
        return self


class WebhookPublic(BaseModel):
    id: str = Field(examples=["whk_abcdefghij234567"])
    url: str
    events: list[WebhookEvent]
    status: Literal["enabled", "disabled"]
    disabled_at: datetime | None = None
    disabled_reason: str | None = Field(
        default=None, description="Why deliveries stopped (every one failed for the retry window)"
    )
    created_at: datetime
    last_success_at: datetime | None = None
    deliveries_url: str


class WebhookCreatedPublic(WebhookPublic):
    secret: str = Field(
        description="The signing secret (whsec_...). Shown only now: store it to verify the "
        "webhook-signature header of each delivery",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class WebhookListPublic(BaseModel):
    webhooks: list[WebhookPublic] = Field(description="Oldest first")


class WebhookAttemptPublic(BaseModel):
    at: datetime
    duration_ms: int
    status_code: int | None = Field(default=None, description="The receiver's HTTP status")
    error: str | None = Field(
        default=None, description="Why the attempt failed; null if it did not"
    )


class WebhookDeliveryPublic(BaseModel):
    id: str = Field(description="The webhook-id header, the same on every attempt")
    event_id: str
    event_type: WebhookEvent
    state: DeliveryState
    created_at: datetime
    next_attempt_at: datetime | None = Field(default=None, description="While pending")
    finished_at: datetime | None = None
    error: str | None = Field(default=None, description="Why it failed for good")
    attempts: list[WebhookAttemptPublic] = Field(description="Oldest first")


class WebhookDeliveryListPublic(BaseModel):
    deliveries: list[WebhookDeliveryPublic] = Field(description="Newest first")
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` to get the next (older) page; null on the last page",
    )
