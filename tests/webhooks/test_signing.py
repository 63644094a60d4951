"""Standard Webhooks signatures: what narrator.webhooks.signing signs, the README's snippet and
signing.verify accept, and nothing else."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from narrator.webhooks import signing
from tests.helpers.webhook_receiver import readme_verify


def test_a_secret_is_whsec_and_24_random_bytes() -> None:
    one, two = signing.new_secret(), signing.new_secret()
    assert one.startswith("whsec_") and one != two
    assert len(base64.b64decode(one.removeprefix("whsec_"))) == 24


def test_the_signature_is_hmac_sha256_of_id_timestamp_body() -> None:
    # The Standard Webhooks construction, computed here by hand.
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    body = b'{"type":"narration.ready"}'
    expected = base64.b64encode(
        hmac.new(b"k" * 24, b"msg_1.1700000000." + body, hashlib.sha256).digest()
    ).decode()
    assert signing.sign(secret, "msg_1", 1_700_000_000, body) == f"v1,{expected}"


def test_verification_refuses_a_changed_body_id_secret_or_an_old_timestamp() -> None:
    secret, body, now = signing.new_secret(), b'{"a":1}', int(time.time())
    headers = signing.headers(secret, "msg_x", now, body)
    readme = readme_verify()
    assert readme(secret, headers, body)
    assert signing.verify(secret, "msg_x", str(now), headers["webhook-signature"], body, now)
    assert not readme(secret, headers, b'{"a":2}')
    assert not readme(signing.new_secret(), headers, body)
    assert not readme(secret, {**headers, "webhook-id": "msg_y"}, body)
    old = signing.headers(secret, "msg_x", now - 3600, body)
    assert not readme(secret, old, body)
    assert not signing.verify(secret, "msg_x", str(now - 3600), old["webhook-signature"], body, now)
    # Several signatures (a rotated secret): any one that matches will do.
    both = {**headers, "webhook-signature": "v1,bm9wZQ== " + headers["webhook-signature"]}
    assert readme(secret, both, body)
