"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

Each endpoint has a secret "whsec_" + base64(24 random bytes). A delivery carries three
headers: webhook-id (the same on every attempt), webhook-timestamp (Unix seconds of this
attempt) and webhook-signature = "v1," + base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}")),
where key is the secret's base64 part decoded. The README's verification snippet does the same.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
TOLERANCE_S = 300  # a receiver should refuse timestamps further than this from its clock


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }


def verify(
    secret: str, msg_id: str, timestamp: str, signature_header: str, body: bytes, now: float
) -> bool:
    """True if one of the space-separated signatures matches and the timestamp is recent."""
    try:
        stamp = int(timestamp)
    except ValueError:
        return False
    if abs(now - stamp) > TOLERANCE_S:
        return False
    expected = sign(secret, msg_id, stamp, body)
    return any(hmac.compare_digest(expected, s) for s in signature_header.split())
