"""Webhooks through the real path: `narrator serve` (embedded broker) or `narrator worker`
(Redis) sending to a real HTTP receiver on localhost.

Deliveries are checked with the README's verification snippet and the secret the API showed
once; no order is assumed between deliveries; a worker SIGKILLed in the middle of a request
leads to the same delivery (same webhook-id) being sent again.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from narrator.contract import RENDER_CHUNK
from tests.helpers.articles import article_text
from tests.helpers.client import submit, wait_ready
from tests.helpers.processes import wait_for
from tests.helpers.redis_server import RedisServer
from tests.helpers.stack import Stack, base_env
from tests.helpers.webhook_receiver import (
    Received,
    Receiver,
    Sleep,
    pid_of_connection,
    readme_verify,
)

pytestmark = pytest.mark.slow  # real `narrator` processes, a real receiver

ALL = ["narration.ready", "narration.failed", "batch.finished"]


def webhook_env(data_dir: Path, **more: str) -> dict[str, str]:
    settings = {
        "webhook_allow_private": "true",
        "webhook_retry_base_s": "0.5",
        "webhook_retry_max_s": "1",
        "webhook_timeout_s": "1.5",
        "webhook_poll_s": "0.2",
    }
    return base_env(data_dir, **{**settings, **more})


def register(client: httpx.Client, url: str, events: list[str]) -> dict[str, Any]:
    r = client.post("/v1/webhooks", json={"url": url, "events": events})
    assert r.status_code == 201, r.text
    return dict(r.json())


def deliveries(client: httpx.Client, webhook_id: str) -> list[dict[str, Any]]:
    r = client.get(f"/v1/webhooks/{webhook_id}/deliveries", params={"limit": 100})
    assert r.status_code == 200, r.text
    return list(r.json()["deliveries"])


def events_of(got: list[Received], secret: str) -> list[dict[str, Any]]:
    """The bodies received, each verified with the README's snippet and the secret."""
    verify = readme_verify()
    bodies = []
    for r in got:
        assert verify(secret, r.headers, r.body), r.headers
        body = json.loads(r.body)
        assert body["data"]["event_id"]
        bodies.append(body)
    return bodies


def test_events_are_signed_and_retried_after_errors_and_timeouts(
    stack: Stack, tmp_path: Path
) -> None:
    plans: dict[str, list[int | Sleep]] = {
        "/all": [200],
        "/flaky": [500, 500, 200],
        "/slow": [Sleep(4), 200],  # longer than the 1.5 s timeout, once
    }
    with Receiver(plans) as receiver:
        api = stack.start_api(webhook_env(tmp_path / "var"))
        with api.client() as client:
            every = register(client, receiver.url("/all"), ALL)
            flaky = register(client, receiver.url("/flaky"), ["batch.finished"])
            slow = register(client, receiver.url("/slow"), ["batch.finished"])
            single = submit(client, article_text(2, "single"))
            r = client.post(
                "/v1/batches",
                json={"items": [{"text": article_text(1, f"item {i}")} for i in range(2)]},
            )
            assert r.status_code == 202, r.text
            batch_id = r.json()["id"]
            wait_ready(client, [single["id"]], 120)
            receiver.wait(
                lambda got: (
                    len({g.headers["webhook-id"] for g in got if g.path == "/all"}) >= 4
                    and len([g for g in got if g.path == "/flaky"]) >= 3
                    and len([g for g in got if g.path == "/slow"]) >= 2
                ),
                120,
                "every event at /all, and the retries at /flaky and /slow",
            )
            items = client.get(f"/v1/batches/{batch_id}/items").json()["items"]

            # /all: each event once per delivery id (duplicates allowed, order not assumed).
            got = {g.headers["webhook-id"]: g for g in receiver.got("/all")}
            bodies = events_of(list(got.values()), every["secret"])
            ready = {b["data"]["narration_id"] for b in bodies if b["type"] == "narration.ready"}
            assert ready == {single["id"], *(i["narration_id"] for i in items)}
            [finished] = [b for b in bodies if b["type"] == "batch.finished"]
            assert finished["data"]["batch_id"] == batch_id
            assert finished["data"]["status"] == "finished"
            assert finished["data"]["counts"]["ready"] == 2
            assert {b["type"] for b in bodies} == {"narration.ready", "batch.finished"}

            # /flaky: the same delivery three times, two 500s then a 200, all recorded.
            tries = receiver.got("/flaky")
            assert len({t.headers["webhook-id"] for t in tries}) == 1
            [body] = {json.dumps(b) for b in events_of(tries, flaky["secret"])}
            assert json.loads(body)["data"]["batch_id"] == batch_id
            [log] = deliveries(client, flaky["id"])
            assert log["id"] == tries[0].headers["webhook-id"]
            assert log["state"] == "delivered"
            assert [a["status_code"] for a in log["attempts"]] == [500, 500, 200]
            gaps = [b.at - a.at for a, b in itertools.pairwise(tries)]
            assert all(gap >= 0.2 for gap in gaps), gaps  # backed off, not hammered

            # /slow: timed out once, then delivered, the same webhook-id both times.
            wait_for(
                lambda: deliveries(client, slow["id"])[0]["state"] == "delivered",
                30,
                what="the slow endpoint's delivery",
            )
            [log] = deliveries(client, slow["id"])
            assert {t.headers["webhook-id"] for t in receiver.got("/slow")} == {log["id"]}
            first, *_, last = log["attempts"]
            assert first["status_code"] is None and "timed out" in first["error"]
            assert last["status_code"] == 200 and last["error"] is None
            assert client.get(f"/v1/webhooks/{every['id']}").json()["status"] == "enabled"


@pytest.mark.waiting
def test_an_endpoint_failing_for_the_whole_window_is_disabled(
    stack: Stack, tmp_path: Path, redis_server: RedisServer
) -> None:
    """narration.failed from a canceled batch (Redis, a slowed voice), to a receiver that
    always answers 503: retried for the 8 s window, then disabled with the reason. (Retries
    are at most 1 s apart: the window holds several even when one attempt is slow.)"""
    env = webhook_env(tmp_path / "var", broker_url=redis_server.url, webhook_retry_window_s="8")
    with Receiver({"/down": [503], "/up": [200]}) as receiver:
        api, _ = stack.start_api_and_worker(env, delay_ms=400)
        with api.client() as client:
            down = register(client, receiver.url("/down"), ["narration.failed", "narration.ready"])
            up = register(client, receiver.url("/up"), ["narration.failed", "batch.finished"])
            r = client.post("/v1/batches", json={"items": [{"text": article_text(6, "long")}]})
            batch_id = r.json()["id"]
            wait_for(
                lambda: client.get(f"/v1/batches/{batch_id}/items").json()["items"][0][
                    "narration_id"
                ],
                30,
                what="the batch item's narration",
            )
            assert client.post(f"/v1/batches/{batch_id}/cancel").status_code == 200
            wait_for(
                lambda: client.get(f"/v1/webhooks/{down['id']}").json()["status"] == "disabled",
                60,
                what="the failing endpoint to be disabled",
            )
            hook = client.get(f"/v1/webhooks/{down['id']}").json()
            assert "every delivery failed for 8 s" in hook["disabled_reason"]
            assert "HTTP 503" in hook["disabled_reason"]
            [log] = deliveries(client, down["id"])
            assert log["state"] == "failed" and log["error"].startswith("gave up: HTTP 503")
            assert len(log["attempts"]) >= 3
            assert {a["status_code"] for a in log["attempts"]} == {503}
            assert len(receiver.got("/down")) == len(log["attempts"])
            # The healthy endpoint got the same event, and the batch's end.
            receiver.wait(lambda got: len([g for g in got if g.path == "/up"]) >= 2, 30, "/up")
            kinds = {b["type"] for b in events_of(receiver.got("/up"), up["secret"])}
            assert kinds == {"narration.failed", "batch.finished"}
            assert client.get(f"/v1/webhooks/{up['id']}").json()["status"] == "enabled"

            # The receiver is fixed and the webhook enabled again: the next event reaches it.
            failed_attempts = len(receiver.got("/down"))
            receiver.plans["/down"] = [200]
            r = client.post(f"/v1/webhooks/{down['id']}/enable")
            assert r.status_code == 200 and r.json()["status"] == "enabled", r.text
            nid = submit(client, "The fair opens on Saturday in the park.")["id"]
            wait_ready(client, [nid], 60, logs=stack.logs)
            receiver.wait(
                lambda got: len([g for g in got if g.path == "/down"]) > failed_attempts,
                30,
                "the re-enabled webhook's delivery",
            )
            [ready] = events_of(receiver.got("/down")[failed_attempts:], down["secret"])
            assert ready["type"] == "narration.ready" and ready["data"]["narration_id"] == nid
            # The worker records the delivery once the receiver's answer is back: a moment
            # after the receiver has the request in hand.
            wait_for(
                lambda: deliveries(client, down["id"])[0]["state"] == "delivered",
                10,
                what="the re-enabled webhook's delivery recorded",
            )
            newest, old = deliveries(client, down["id"])
            assert newest["state"] == "delivered" and old["state"] == "failed"
            assert client.get(f"/v1/webhooks/{down['id']}").json()["status"] == "enabled"


@pytest.mark.parametrize("broker", ["embedded", "embedded-restart", "redis"])
def test_a_delivery_killed_mid_request_is_sent_again_with_the_same_id(
    stack: Stack, tmp_path: Path, request: pytest.FixtureRequest, broker: str
) -> None:
    """The receiver holds the first request; the process making it is SIGKILLed (embedded:
    the worker's pool process; embedded-restart: all of `narrator serve`, started again on
    the same data; Redis: the whole `narrator worker`, then a new one starts)."""
    env = webhook_env(tmp_path / "var", webhook_timeout_s="60")
    if broker == "redis":
        env["NARRATOR_BROKER_URL"] = request.getfixturevalue("redis_server").url
    with Receiver({"/hook": [Sleep(120), 200]}) as receiver:
        if broker == "redis":
            api, worker = stack.start_api_and_worker(env)
        else:
            api = stack.start_api(env)
        with api.client() as client:
            hook = register(client, receiver.url("/hook"), ["narration.ready"])
            narration = submit(client, article_text(1, "killed"))
            receiver.wait(lambda got: len(got) >= 1, 120, "the first attempt")
            [first] = receiver.got()
            port = int(receiver.url("").rsplit(":", 1)[1])
            pid = pid_of_connection(first.client_port, port)
            assert pid is not None and pid != os.getpid()
            if broker == "redis":
                worker.kill(signal.SIGKILL)
                stack.start_worker(env)
            elif broker == "embedded-restart":
                api.proc.kill(signal.SIGKILL)
                api = stack.start_api(env)
                client.base_url = httpx.URL(api.url)
            else:
                os.kill(pid, signal.SIGKILL)
            killed_at = time.time()
            receiver.wait(lambda got: len(got) >= 2, 120, "the delivery sent again")
            again = receiver.got()[1]
            assert again.headers["webhook-id"] == first.headers["webhook-id"]
            assert again.body == first.body
            assert readme_verify()(hook["secret"], again.headers, again.body)
            assert json.loads(again.body)["data"]["narration_id"] == narration["id"]
            print(f"sent again {again.at - killed_at:.1f} s after the kill")
            # Because of the kill, not the 60 s timeout of the first attempt.
            assert again.at - killed_at < 30
            wait_for(
                lambda: deliveries(client, hook["id"])[0]["state"] == "delivered",
                30,
                what="the delivery recorded as delivered",
            )
            # The killed attempt died with its process: only the one that answered is on record.
            [log] = deliveries(client, hook["id"])
            assert [a["status_code"] for a in log["attempts"]] == [200]


@pytest.mark.waiting
def test_a_narration_failed_by_the_reaper_is_heard_as_narration_failed(
    redis_server: RedisServer, stack: Stack, tmp_path: Path
) -> None:
    """narration.failed through the real path: one attempt allowed, the worker rendering a
    narration is SIGKILLed mid-chunk; the reaper of the worker started after it fails the
    narration with its reason, and the endpoint hears that, signed, with the same reason."""
    env = webhook_env(tmp_path / "var", broker_url=redis_server.url, max_attempts="1")
    with Receiver({"/hook": [200]}) as receiver:
        # A chunk long enough that the kill, sent the moment one is seen started, lands inside
        # it (at 150 ms a CI run saw the chunk end first: no attempt was spent, nothing failed).
        api, victim = stack.start_api_and_worker(env, concurrency=1, delay_ms=400)
        with api.client() as client:
            hook = register(client, receiver.url("/hook"), ["narration.failed"])
            narration = submit(client, article_text(6, "doomed", sentences=2))

            def rendering() -> bool:
                # A pool process at work on a chunk (the ledger's started_at), not only a chunk
                # the worker received: killed then, its message is lost and costs no attempt.
                with sqlite3.connect(tmp_path / "var" / "narrator.db") as db:
                    started = db.execute(
                        "SELECT 1 FROM tasks WHERE name = ? AND started_at IS NOT NULL",
                        (RENDER_CHUNK,),
                    ).fetchone()
                return started is not None

            wait_for(rendering, 60, interval=0.05, what="the worker to be rendering a chunk")
            victim.kill(signal.SIGKILL)  # the worker and its pool process, no ack
            stack.start_worker(env)
            try:
                receiver.wait(lambda got: len(got) >= 1, 120, "narration.failed")
            except AssertionError as exc:
                # Which race was lost, for the next reader: the kill after the last chunk
                # (ready), or a reaper that never came (processing, and the ledger's rows).
                with sqlite3.connect(tmp_path / "var" / "narrator.db") as db:
                    tasks = db.execute(
                        "SELECT name, holder, started_at, lease_until FROM tasks"
                    ).fetchall()
                status = client.get(f"/v1/narrations/{narration['id']}").json()
                raise AssertionError(f"{exc}; narration {status}; tasks {tasks}") from exc
            row = client.get(f"/v1/narrations/{narration['id']}").json()
            assert row["status"] == "failed" and "giving up" in row["error"], row
            [event] = events_of(receiver.got("/hook"), hook["secret"])
            assert event["type"] == "narration.failed"
            assert event["data"]["narration_id"] == narration["id"]
            assert event["data"]["error"] == row["error"]
