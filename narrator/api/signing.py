"""Signed, expiring links to a narration's files: `?exp=<unix seconds>&sig=<hex>`.

The signature is HMAC-SHA256(key, "<narration id>\\n<path>\\n<exp>"), where path is the
app-relative path of the file (e.g. /v1/narrations/nar_x/audio), so a signature for the captions
cannot open the audio and a signature for one narration cannot open another.

Expiry is rounded up to a whole `granularity` so that the links handed out within that window are
byte-identical: players and CDNs cache one URL, not one per status poll.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from urllib.parse import urlencode

DEFAULT_GRANULARITY_S = 300


def signature(key: str, narration_id: str, path: str, exp: int) -> str:
    message = f"{narration_id}\n{path}\n{exp}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def expiry(ttl_s: int, now: float | None = None, granularity: int = DEFAULT_GRANULARITY_S) -> int:
    now = time.time() if now is None else now
    step = max(1, min(granularity, ttl_s))
    return int(math.ceil((now + ttl_s) / step) * step)


def sign_query(key: str, narration_id: str, path: str, ttl_s: int, now: float | None = None) -> str:
    """The query string (no '?') that opens `path` until the expiry."""
    exp = expiry(ttl_s, now)
    return urlencode({"exp": exp, "sig": signature(key, narration_id, path, exp)})


def verify(
    key: str,
    narration_id: str,
    path: str,
    exp: str | None,
    sig: str | None,
    now: float | None = None,
) -> str | None:
    """None when the link is valid, else the reason it is not (for the 403 message)."""
    if not exp or not sig:
        return "this link must be signed: use the audio_url from the narration's status"
    try:
        exp_value = int(exp)
    except ValueError:
        return "invalid link expiry"
    expected = signature(key, narration_id, path, exp_value)
    if not hmac.compare_digest(expected, sig.lower()):
        return "invalid link signature"
    if exp_value < (time.time() if now is None else now):
        return "this link has expired: fetch the narration again for a fresh one"
    return None
