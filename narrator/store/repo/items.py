"""A batch item's status, as one SQL expression: the rule the counts and the lists share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast

from narrator.store.models import BatchItem, ItemState, Narration, Status

ITEM_STATUSES = ("queued", "processing", "ready", "failed", "canceled")


def item_status() -> Any:
    """An item's status: refused or canceled by the batch, waiting, else its narration's."""
    return case(
        (BatchItem.state == ItemState.FAILED, "failed"),
        (BatchItem.state == ItemState.PENDING, "queued"),
        (Narration.status == Status.READY, "ready"),
        (BatchItem.state == ItemState.CANCELED, "canceled"),
        (Narration.id.is_(None), "failed"),  # its narration was deleted
        else_=cast(Narration.status, String(16)),
    )
