"""Webhooks: signed HTTP callbacks when a narration is ready or failed, or a batch finished.

    signing.py    Standard Webhooks signatures (whsec_ secrets, v1,<base64 HMAC-SHA256>)
    urls.py       which URLs may receive them (http/https; no private addresses unless allowed)
    outbox.py     deliveries recorded in a transaction, sent by name once it has committed
    dispatch.py   the workers' loop: due retries, and anything recorded but never sent
    delivery.py   one attempt: POST, record, retry with backoff and jitter, or give up

The events are recorded by the state changes themselves (narrator.store.repo.webhooks), in the
same transaction; the HTTP requests happen in the workers (task narrator.deliver_webhook, on
the batch queue at batch priority), never in the way of a narration.
"""
