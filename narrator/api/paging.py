"""Cursors of the paged narration list: where the previous page ended, opaque to clients.

A cursor is the (created_at, id) of the last narration shown: "<microseconds since 1970>.<id>".
Keyset paging rather than an offset: narrations submitted while someone pages through the list
do not push an item of the page they saw onto the next one. The form is plain enough for the
OpenAPI schema to state exactly (CURSOR_PATTERN): every string it allows is a cursor that
works, so a client generator's checks and the server agree.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from narrator import errors

CURSOR_PATTERN = r"^[0-9]{1,17}\.nar_[a-z0-9]{16}$"
_CURSOR = re.compile(CURSOR_PATTERN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def encode_cursor(created_at: datetime, narration_id: str) -> str:
    if created_at.tzinfo is None:  # stored times are aware UTC (UTCDateTime)
        created_at = created_at.replace(tzinfo=UTC)
    return f"{(created_at - _EPOCH) // _MICROSECOND}.{narration_id}"


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """(created_at, id) from a cursor this API gave out; InputError (400) for anything else."""
    if not _CURSOR.match(cursor):
        raise errors.InputError(
            "invalid cursor: pass the next_cursor of a previous page unchanged, or no cursor"
        )
    micros, _, narration_id = cursor.partition(".")
    return _EPOCH + int(micros) * _MICROSECOND, narration_id
