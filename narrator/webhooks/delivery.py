"""One attempt of one webhook delivery, as the task narrator.deliver_webhook runs it.

    deliver(ctx, id)   claim it (a duplicate message finds it taken or done), POST the event's
                       body signed for this attempt, record the outcome, and then: delivered;
                       or retried after a backoff; or, past the retry window, failed, and its
                       endpoint disabled if nothing reached it all that time

Any 2xx is a success; anything else (another status, a redirect, a refused or timed-out
connection) is a failed attempt. Retries are not Celery's: the delivery's next_attempt_at is
set and the dispatcher sends it when due, so a retry survives any worker's death.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import datetime, timedelta

import httpx

from narrator import errors, owners
from narrator.config import Settings
from narrator.context import Context
from narrator.store.models import utcnow
from narrator.store.repo import deliveries
from narrator.store.repo.webhooks import FAILED
from narrator.urls import check_webhook_url
from narrator.webhooks import signing

log = logging.getLogger(__name__)

USER_AGENT = "narrator-webhooks/1"
LEASE_MARGIN_S = 30.0  # beyond the request's timeout: recording the outcome, a slow database
ERROR_BODY_CHARS = 200


def backoff_s(settings: Settings, attempts: int) -> float:
    """The wait after the `attempts`-th failure: doubling from the base up to the cap, the
    second half of it random (equal jitter), so that many endpoints' retries spread out."""
    ceiling = min(settings.webhook_retry_max_s, settings.webhook_retry_base_s * 2 ** (attempts - 1))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


def retry_at(settings: Settings, job: deliveries.Job, now: datetime) -> datetime | None:
    """When to try again, or None when that would be past the retry window."""
    at = now + timedelta(seconds=backoff_s(settings, job.attempts + 1))
    window_end = job.created_at + timedelta(seconds=settings.webhook_retry_window_s)
    return at if at <= window_end else None


def post(settings: Settings, job: deliveries.Job) -> deliveries.Outcome:
    """The request itself, timed; never raises for the receiver's sake."""
    started, clock = utcnow(), time.monotonic()
    body = job.body.encode()
    status: int | None = None
    error: str | None = None
    try:
        check_webhook_url(job.url, settings)
        headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            **signing.headers(job.secret, job.delivery_id, int(time.time()), body),
        }
        with httpx.stream(
            "POST",
            job.url,
            content=body,
            headers=headers,
            timeout=settings.webhook_timeout_s,
            follow_redirects=False,  # a redirect could lead anywhere, the private network too
        ) as response:
            status = response.status_code
            if not 200 <= status < 300:
                # Only the start of an error page, for the log: a receiver that sends a large
                # or endless body must not hold the attempt.
                first = next(response.iter_raw(), b"")[:ERROR_BODY_CHARS]
                text = first.decode("utf-8", "replace").strip()
                error = f"HTTP {status}" + (f": {text}" if text else "")
    except errors.InvalidUrl as e:
        error = f"refused: {e}"
    except httpx.TimeoutException:
        error = f"timed out after {settings.webhook_timeout_s:g} s"
    except httpx.HTTPError as e:
        error = f"{type(e).__name__}: {e}"[:500]
    except Exception as e:  # the task's soft time limit, say: a failed attempt all the same
        error = f"interrupted: {type(e).__name__}: {e}"[:500]
    duration_ms = round((time.monotonic() - clock) * 1000)
    return deliveries.Outcome(started, duration_ms, status, error, delivered=error is None)


def deliver(ctx: Context, delivery_id: str) -> str | None:
    """One attempt; returns the delivery's state after it (None: nothing was attempted)."""
    settings = ctx.settings
    lease = settings.webhook_timeout_s + LEASE_MARGIN_S
    with ctx.session() as s:
        job = deliveries.claim_attempt(
            s, delivery_id, owners.tag(), now=utcnow(), lease_s=lease, is_gone=owners.tag_gone
        )
    if job is None:
        log.info("webhook %s: not due, done, or in other hands", delivery_id)
        return None
    outcome = post(settings, job)
    when = None if outcome.delivered else retry_at(settings, job, utcnow())
    with ctx.session() as s:
        state = deliveries.record_attempt(s, job, outcome, retry_at=when)
        if state == FAILED and deliveries.failing_since_creation(s, job):
            reason = (
                f"every delivery failed for {settings.webhook_retry_window_s:g} s "
                f"(since {job.created_at:%Y-%m-%d %H:%M:%S}Z; last: {deliveries.describe(outcome)})"
            )
            deliveries.disable_endpoint(s, job.endpoint_id, reason)
            log.warning("webhook endpoint %s disabled: %s", job.endpoint_id, reason)
    log.info("webhook %s attempt %d: %s", delivery_id, job.attempts + 1, state)
    return state
