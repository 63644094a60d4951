"""Cursors of the paged narration list: where the previous page ended, opaque to clients.

A cursor is the (created_at, id) of the last narration shown, base64url-encoded. Keyset
paging rather than an offset: narrations submitted while someone pages through the list do
not push an item of the page they saw onto the next one.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from narrator import errors
from narrator.api.deps import NARRATION_ID


def encode_cursor(created_at: datetime, narration_id: str) -> str:
    raw = f"{created_at.isoformat()}|{narration_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """(created_at, id) from a cursor this API gave out; InputError (400) for anything else."""
    invalid = errors.InputError(
        "invalid cursor: pass the next_cursor of a previous page unchanged, or no cursor"
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _, narration_id = raw.partition("|")
        created_at = datetime.fromisoformat(stamp)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid from None
    # Stored times are aware UTC; a naive one cannot be compared with them.
    if created_at.tzinfo is None or not NARRATION_ID.match(narration_id):
        raise invalid
    return created_at, narration_id


# Webhook deliveries: the same keyset, written so that the pattern below admits only cursors
# that decode (microseconds since the epoch, then the id), and the schema can say so.
DELIVERY_CURSOR = r"^[0-9]{1,17}_msg_[a-z0-9]{16}$"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def encode_delivery_cursor(created_at: datetime, delivery_id: str) -> str:
    return f"{(created_at - _EPOCH) // _MICROSECOND}_{delivery_id}"


def decode_delivery_cursor(cursor: str) -> tuple[datetime, str]:
    """(created_at, id) from a cursor matching DELIVERY_CURSOR (the route checks the pattern)."""
    micros, _, delivery_id = cursor.partition("_")
    return _EPOCH + int(micros) * _MICROSECOND, delivery_id
