"""GET .../audio while a narration renders: one progressive stream (narrator/api/stream.py).

In-process tests render with the fake voice in a thread (narrator.render's stages, run in
order as a worker would) while the TestClient reads the stream; the last test goes through the
real path: POST to a uvicorn API process, a Celery worker process, Redis, GET over HTTP.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator import chunks, pipeline, render
from narrator.api import stream
from narrator.audio import pcm
from narrator.config import Settings
from narrator.context import Context
from narrator.contract import ASSEMBLE, RENDER_CHUNK
from narrator.recovery import reaper
from narrator.supervisor import settings_env
from tests.helpers.client import submit
from tests.helpers.processes import SLOW_APP, free_port, product_env, spawn, wait_for

TEXT = """Harbor Opens New Ferry Line

The city opened a new ferry line on Monday. Officials said the route will carry \
two thousand riders a day.

Service runs every twenty minutes from six in the morning until midnight. \
Tickets cost three dollars.

Critics worry about noise near the old pier. The mayor promised a quieter engine by spring.

Fishermen asked for a separate lane at the harbor mouth. The port authority agreed to study it."""


# Three more paragraphs: an article longer than its head (pipeline.head).
MORE = """The new boats burn less fuel than the old ones, the operator said in a statement.

Riders can pay with a phone or a card at the gate. Monthly passes go on sale next week.

A second line to the islands is planned for next summer, if the council approves the budget."""


class Renderer(threading.Thread):
    """narrate -> render_chunk ... -> assemble, in order, in one thread, `delay_s` per chunk."""

    def __init__(self, app: FastAPI, narration_id: str, delay_s: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.narration_id, self.delay_s = narration_id, delay_s
        self.sent: queue.Queue[tuple[str, list[Any]]] = queue.Queue()
        self.ctx = Context(
            settings=app.state.settings,
            db=app.state.db,
            storage=app.state.storage,
            send=lambda name, args, q, task_id=None, priority=None: self.sent.put((name, args)),
        )
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            render.start_narration(self.ctx, self.narration_id)
            while not self.sent.empty():
                name, args = self.sent.get()
                time.sleep(self.delay_s)
                if name == RENDER_CHUNK:
                    render.render_chunks(self.ctx, *args)
                elif name == ASSEMBLE:
                    render.assemble_narration(self.ctx, *args)
        except BaseException as e:  # reported by the test
            self.error = e


def chunk_pcm_seconds(app: FastAPI, narration_id: str) -> float:
    """The duration of all chunks of the narration, as stored (what the stream plays)."""
    storage = app.state.storage
    planned = stream.parse_plan(storage.get_bytes(f"narrations/{narration_id}/plan.json"))
    assert planned is not None
    total = 0.0
    for key in planned.chunk_keys:
        rate, data = stream.parse_chunk(storage.get_bytes(key))
        total += len(data) / 2 / rate
    return total


def decoded_seconds(data: bytes, tmp_path: Path, fmt: str) -> float:
    """Decode every byte with ffmpeg (-xerror: corrupt data fails) and return the duration.

    A streamed WAV declares the largest size (its length is unknown when the header goes
    out), so its end reads as a short packet: it is decoded without -xerror.
    """
    path = tmp_path / f"streamed.{fmt}"
    path.write_bytes(data)
    strict = [] if fmt == "wav" else ["-xerror"]
    out = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            *strict,
            "-i",
            str(path),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            "16000",
            "-",
        ],
        capture_output=True,
    )
    assert out.returncode == 0, out.stderr.decode()
    return len(out.stdout) / 2 / 16000


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_audio_streams_while_rendering_and_decodes_to_the_whole_narration(
    app: FastAPI, client: TestClient, tmp_path: Path, fmt: str
) -> None:
    body = submit(client, text=TEXT, voice="fake", format=fmt)
    renderer = Renderer(app, body["id"], delay_s=0.05)
    renderer.start()
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    renderer.join(30)
    assert renderer.error is None, renderer.error
    assert r.status_code == 200
    assert r.headers["content-type"] == stream_media_type(fmt)
    assert r.headers["cache-control"] == "no-store"
    assert "content-length" not in r.headers and "etag" not in r.headers
    assert r.headers["x-narration-status"] in ("queued", "processing")
    streamed = decoded_seconds(r.content, tmp_path, fmt)
    expected = chunk_pcm_seconds(app, body["id"])
    # Encoder priming/padding at the two ends only: no gap was added at any join.
    assert abs(streamed - expected) < 0.1, (streamed, expected)
    n = client.get(f"/v1/narrations/{body['id']}").json()
    assert n["status"] == "ready"
    plan = json.loads(app.state.storage.get_bytes(f"narrations/{body['id']}/plan.json"))
    assert len(plan["chunk_keys"]) > 3
    assert plan["plan"]["chunks"][0][1] - plan["plan"]["chunks"][0][0] == 1  # first: alone


def test_a_long_article_s_stream_starts_on_first_json_and_follows_plan_json(
    app: FastAPI, client: TestClient, tmp_path: Path
) -> None:
    """The worker speaks a long article's first sentence before the rest is read; a stream
    that starts then plays it and goes on with plan.json once that is written."""
    body = submit(client, text=f"{TEXT}\n\n{MORE}", voice="fake", format="mp3")
    renderer = Renderer(app, body["id"])
    renderer.ctx.send = lambda *a, **k: None  # chunks rendered below, by hand
    storage, prefix = app.state.storage, f"narrations/{body['id']}/"
    written: list[tuple[str, bytes]] = []
    put = storage.put_bytes

    def keep(key: str, data: bytes) -> None:
        written.append((key, data))
        put(key, data)

    storage.put_bytes = keep  # what the worker writes, and in which order
    render.start_narration(renderer.ctx, body["id"])
    storage.put_bytes = put
    assert [k.rsplit("/", 1)[1] for k, _ in written if k.startswith(prefix)] == [
        "first.json",
        "plan.json",
    ]
    assert not storage.exists(prefix + "first.json")  # plan.json written: first.json is done
    full = storage.get_bytes(prefix + "plan.json")
    first = stream.parse_plan(dict(written)[prefix + "first.json"])
    planned = stream.parse_plan(full)
    assert first is not None and planned is not None
    assert first.chunk_keys == planned.chunk_keys[:1]  # the full plan keeps that chunk 0
    # As it is while the rest is still being read: only first.json.
    storage.delete(prefix + "plan.json")
    put(prefix + "first.json", dict(written)[prefix + "first.json"])
    got: list[bytes] = []

    def play() -> None:
        with client.stream("GET", f"/v1/narrations/{body['id']}/audio") as r:
            for data in r.iter_bytes():
                got.append(data)

    player = threading.Thread(target=play, daemon=True)
    player.start()
    wait_for(lambda: got, 10, what="audio of chunk 0 before plan.json exists")
    time.sleep(0.3)
    assert player.is_alive()
    storage.put_bytes(prefix + "plan.json", full)
    _, plan = render._load_plan(renderer.ctx, body["id"])
    render.render_chunks(renderer.ctx, body["id"], 1, len(plan.chunks) - 1)
    player.join(30)
    assert not player.is_alive()
    streamed = decoded_seconds(b"".join(got), tmp_path, "mp3")
    assert abs(streamed - chunk_pcm_seconds(app, body["id"])) < 0.1


@pytest.mark.parametrize("likely_rate, starts", [(16_000, 1), (22_050, 2)])
def test_encoder_starts_before_the_plan_and_restarts_only_on_a_wrong_guess(
    app: FastAPI,
    client: TestClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    likely_rate: int,
    starts: int,
) -> None:
    """The encoder is started on a guess (voice id -> engine, usual rate) before plan.json
    exists; the fake voice speaks at 16 kHz, so the usual 22.05 kHz guess is wrong once."""
    started: list[int] = []
    real_start = stream._Encoder.start.__func__  # type: ignore[attr-defined]

    async def counting_start(cls: Any, fmt: str, rate: int, *args: Any) -> Any:
        started.append(rate)
        return await real_start(cls, fmt, rate, *args)

    monkeypatch.setattr(stream, "LIKELY_RATE", likely_rate)
    monkeypatch.setattr(stream._Encoder, "start", classmethod(counting_start))
    body = submit(client, text=TEXT, voice="fake")
    renderer = Renderer(app, body["id"], delay_s=0.05)
    renderer.start()
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    renderer.join(30)
    assert renderer.error is None, renderer.error
    assert len(started) == starts and started[0] == likely_rate and started[-1] == 16_000
    streamed = decoded_seconds(r.content, tmp_path, "mp3")
    assert abs(streamed - chunk_pcm_seconds(app, body["id"])) < 0.1


@pytest.mark.slow
def test_stream_plays_at_the_tempo_the_final_file_will_have(
    app: FastAPI, client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the engine cannot speak fast enough (piper past ~1.5x) the stream applies the
    planned tempo filter, so a player switching to the final file keeps its place."""
    from narrator.speech import pace

    script = pipeline.prepare(pipeline.read(TEXT.encode(), kind="text"))
    needed = pipeline.plan(script, "fake", 2.0).pace
    monkeypatch.setitem(pace.PACE_RANGE, "fake", (0.1, needed / 1.5))  # slower than 2x needs
    body = submit(client, text=TEXT, voice="fake", speed=2)
    renderer = Renderer(app, body["id"], delay_s=0.05)
    renderer.start()
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    renderer.join(30)
    assert renderer.error is None, renderer.error
    planned = stream.parse_plan(app.state.storage.get_bytes(f"narrations/{body['id']}/plan.json"))
    assert planned is not None and planned.tempo > 1.2
    streamed = decoded_seconds(r.content, tmp_path, "mp3")
    assert streamed == pytest.approx(chunk_pcm_seconds(app, body["id"]) / planned.tempo, abs=0.15)
    final = client.get(f"/v1/narrations/{body['id']}").json()
    assert final["status"] == "ready"
    # The final file made its own measurement; the stream's pace is within a few percent of it.
    assert streamed == pytest.approx(final["duration_s"], rel=0.05)


def test_likely_engine_of_a_voice_id() -> None:
    assert stream.likely_engine("en-us") == "espeak"
    assert stream.likely_engine("en-us+f3") == "espeak"
    assert stream.likely_engine("piper/en_US-joe-medium") == "piper"
    assert stream.likely_engine("fake") == "fake"


def stream_media_type(fmt: str) -> str:
    return {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}[fmt]


def test_ready_narration_is_served_whole_with_range_again(app: FastAPI, client: TestClient) -> None:
    body = submit(client, text=TEXT, voice="fake")
    renderer = Renderer(app, body["id"], delay_s=0)
    renderer.run()
    assert renderer.error is None, renderer.error
    r = client.get(f"/v1/narrations/{body['id']}/audio", headers={"Range": "bytes=0-99"})
    assert r.status_code == 206 and len(r.content) == 100
    assert "immutable" in r.headers["cache-control"]


def test_range_and_head_while_rendering(app: FastAPI, client: TestClient) -> None:
    body = submit(client, text=TEXT, voice="fake")
    url = f"/v1/narrations/{body['id']}/audio"
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["cache-control"] == "no-store"
    assert head.headers["accept-ranges"] == "none"
    assert "content-length" not in head.headers
    renderer = Renderer(app, body["id"], delay_s=0)
    renderer.start()
    r = client.get(url, headers={"Range": "bytes=100-199"})  # ignored while streaming
    renderer.join(30)
    assert r.status_code == 200 and len(r.content) > 1000
    assert "content-range" not in r.headers


def test_stream_ends_when_the_narration_fails(
    app: FastAPI, client: TestClient, tmp_path: Path
) -> None:
    body = submit(client, text=TEXT, voice="fake")
    ctx = Renderer(app, body["id"]).ctx  # sends nothing on: only chunk 0 gets rendered

    def fail_after_chunk_0() -> None:
        render.start_narration(ctx, body["id"])
        time.sleep(0.3)
        reaper.fail_narration(ctx, body["id"], "engine crashed")

    t = threading.Thread(target=fail_after_chunk_0, daemon=True)
    t.start()
    started = time.monotonic()
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    t.join(10)
    assert r.status_code == 200
    assert time.monotonic() - started < 5  # ended by the failure, not by the idle limit
    planned = stream.parse_plan(app.state.storage.get_bytes(f"narrations/{body['id']}/plan.json"))
    assert planned is not None
    rate, first = stream.parse_chunk(app.state.storage.get_bytes(planned.chunk_keys[0]))
    assert abs(decoded_seconds(r.content, tmp_path, "mp3") - len(first) / 2 / rate) < 0.1
    assert client.get(f"/v1/narrations/{body['id']}/audio").status_code == 409


def test_stream_of_a_narration_that_never_starts_ends_at_the_idle_limit(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "IDLE_LIMIT_S", 0.3)
    body = submit(client, text=TEXT, voice="fake")
    r = client.get(f"/v1/narrations/{body['id']}/audio")
    assert r.status_code == 200 and r.content == b""


def test_chunk_parser_reads_what_render_writes() -> None:
    from narrator.speech.engine import Audio

    chunk = pipeline.Chunk(Audio(b"\x01\x00\x02\x00", 22_050), [(0, 1)])
    assert stream.parse_chunk(chunks.pack_chunk(chunk)) == (22_050, b"\x01\x00\x02\x00")
    with pytest.raises(stream.StreamEnded):
        stream.parse_chunk(b"RIFF....")


def test_streaming_gain_lands_near_the_target_loudness() -> None:
    """The fixed gain and limiter put espeak speech within 1.5 LU of -16 LUFS."""
    from narrator.audio import loudness

    script = pipeline.prepare(pipeline.read(TEXT.encode(), kind="text"))
    p = pipeline.plan(script, "en-us", 1.0, chunk_chars=200)
    audio = pcm.concat([pipeline.render_chunk(script, p, i).audio for i in range(3)])
    out = subprocess.run(
        stream.encoder_args("wav", audio.sample_rate, "espeak", {}),
        input=audio.pcm,
        capture_output=True,
        check=True,
    ).stdout
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"narrator-gain-{os.getpid()}.wav"
    try:
        path.write_bytes(out)
        m = loudness.measure(path)
    finally:
        path.unlink(missing_ok=True)
    assert abs(m.integrated_lufs - loudness.TARGET_LUFS) < 1.5, m
    assert m.true_peak_dbtp < -1.0, m


# --- the real path ----------------------------------------------------------------------------


@pytest.fixture
def api_proc(worker_settings: Settings, tmp_path: Path) -> Iterator[str]:
    """The API as deployed: uvicorn in its own process, sending tasks to the test Redis."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "narrator.api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    env = product_env(**settings_env(worker_settings))
    proc = spawn("api", argv, env, tmp_path / "api.log")
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(base + "/v1/health", timeout=1).status_code < 500
        except httpx.TransportError:
            return not proc.alive()

    try:
        wait_for(up, 30, what="the API to answer")
        assert proc.alive(), proc.output()
        yield base
    finally:
        proc.kill(signal.SIGTERM)


@pytest.mark.slow
def test_post_then_stream_through_redis_and_a_real_worker(
    worker_settings: Settings, celery_worker_proc: Any, api_proc: str, tmp_path: Path
) -> None:
    slow = {"NARRATOR_FAKE_DELAY_MS": "150"}
    celery_worker_proc.start(app=SLOW_APP, concurrency=1, env=slow)
    with httpx.Client(base_url=api_proc, timeout=30) as client:
        r = client.post("/v1/narrations", json={"text": TEXT, "voice": "fake"})
        assert r.status_code == 202, r.text
        nid = r.json()["id"]
        received = bytearray()
        first_at = None
        status_at_first: str | None = None
        started = time.monotonic()
        with client.stream("GET", f"/v1/narrations/{nid}/audio") as response:
            assert response.status_code == 200
            assert response.headers["cache-control"] == "no-store"
            assert "content-length" not in response.headers
            for data in response.iter_bytes():
                if first_at is None and data:
                    first_at = time.monotonic() - started
                    status_at_first = client.get(f"/v1/narrations/{nid}").json()["status"]
                received += data
        assert first_at is not None
        assert status_at_first in ("queued", "processing"), status_at_first
        n = wait_for(
            lambda: (b := client.get(f"/v1/narrations/{nid}").json())["status"] == "ready" and b,
            60,
            what="the narration to be ready",
        )
        streamed = decoded_seconds(bytes(received), tmp_path, "mp3")
        # The final file is tempo-corrected onto the target WPM; the stream plays the plan.
        assert abs(streamed - n["duration_s"]) / n["duration_s"] < 0.1, (streamed, n)
        whole = client.get(f"/v1/narrations/{nid}/audio")
        assert whole.status_code == 200 and whole.headers["content-length"]
        print(
            f"first streamed bytes after {first_at:.2f} s; {streamed:.2f} s streamed, "
            f"{n['duration_s']:.2f} s final"
        )
