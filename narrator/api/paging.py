"""Cursors of the paged lists: where the previous page ended, opaque to clients.

A cursor is the (created_at, id) of the last row shown: "<microseconds since 1970>.<id>".
Keyset paging rather than an offset: rows added while someone pages through a list do not push
an item of the page they saw onto the next one. The form is plain enough for the OpenAPI schema
to state exactly (cursor_pattern): every string it allows is a cursor that works, so a client
generator's checks and the server agree.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from narrator import errors

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def cursor_pattern(id_prefix: str) -> str:
    """The cursors of a list of rows whose ids are `<id_prefix>_` and 16 base32 characters."""
    return rf"^[0-9]{{1,17}}\.{id_prefix}_[a-z0-9]{{16}}$"


CURSOR_PATTERN = cursor_pattern("nar")  # narrations (the list and the podcast feed)
DELIVERY_CURSOR = cursor_pattern("msg")  # a webhook's deliveries


def encode_cursor(created_at: datetime, row_id: str) -> str:
    if created_at.tzinfo is None:  # stored times are aware UTC (UTCDateTime)
        created_at = created_at.replace(tzinfo=UTC)
    return f"{(created_at - _EPOCH) // _MICROSECOND}.{row_id}"


def decode_cursor(cursor: str, pattern: str = CURSOR_PATTERN) -> tuple[datetime, str]:
    """(created_at, id) from a cursor this API gave out; InputError (400) for anything else."""
    if not re.match(pattern, cursor):
        raise errors.InputError(
            "invalid cursor: pass the next_cursor of a previous page unchanged, or no cursor"
        )
    micros, _, row_id = cursor.partition(".")
    return _EPOCH + int(micros) * _MICROSECOND, row_id
