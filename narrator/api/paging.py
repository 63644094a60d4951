"""Cursors of the paged lists (narrations, webhook deliveries): where the previous page ended,
opaque to clients.

A cursor is the (created_at, id) of the last row shown, base64url-encoded. Keyset paging
rather than an offset: rows added while someone pages through the list do not push an item of
the page they saw onto the next one.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime

from narrator import errors
from narrator.api.deps import NARRATION_ID


def encode_cursor(created_at: datetime, row_id: str) -> str:
    raw = f"{created_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, ids: re.Pattern[str] = NARRATION_ID) -> tuple[datetime, str]:
    """(created_at, id) from a cursor this API gave out (for rows whose ids match `ids`);
    InputError (400) for anything else."""
    invalid = errors.InputError(
        "invalid cursor: pass the next_cursor of a previous page unchanged, or no cursor"
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _, row_id = raw.partition("|")
        created_at = datetime.fromisoformat(stamp)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid from None
    # Stored times are aware UTC; a naive one cannot be compared with them.
    if created_at.tzinfo is None or not ids.match(row_id):
        raise invalid
    return created_at, row_id
