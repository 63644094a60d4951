"""Progressive audio: a narration played while it renders, as one encoded stream.

While a narration is queued or processing, GET .../audio answers 200 at once with a chunked body
(no Content-Length, Cache-Control: no-store, no Range) in the narration's format. The body is
made by ONE ffmpeg encoder fed with the PCM of the chunks in play order, as each appears in
storage. One encoder for the whole stream matters: separately encoded MP3/Opus pieces each carry
encoder delay and frame padding, which would play as a gap (and often a click) at every join.

    wait for plan.json          written by the narrate task; it lists every chunk's storage key
    wait for chunk 0, 1, ...    storage is polled every POLL_S; the narration's row every
                                STATUS_EVERY_S: failed or deleted ends the stream
    ffmpeg                      gain + limiter + encoder (probe.STREAM_FFMPEG: a static build
                                starts in ~10 ms of CPU), started at once on a guess of the
                                engine (from the voice id) and its usual rate, so its start-up
                                overlaps the worker's; restarted in the rare case
                                plan.json or chunk 0 says otherwise. The last chunk closes its
                                input, so the stream ends cleanly with the encoder's final frames
    time limit                  no new chunk for IDLE_LIMIT_S ends the stream

What the stream is not: the final file. The final file is tempo-corrected onto the target WPM
and loudness-normalized to -16 LUFS over the whole narration, neither of which can be done
before the whole narration is known. The stream plays the chunks at the planned engine pace
(the final file's tempo correction is usually within 2%, so the stream's WPM may differ from
the target by that much) with one fixed gain per engine, measured on speech toward -16 LUFS,
and a limiter at -2.5 dBFS. Sentence timings (timings.json) belong to the final file.

The chunk and plan file formats are narrator.store.layout's, shared with the workers, so the API
process never imports worker or engine code.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool

from narrator import contract, errors
from narrator.audio import encode, probe
from narrator.audio import tempo as audio_tempo
from narrator.store import layout, repo
from narrator.store.files import Storage

log = logging.getLogger(__name__)

POLL_S = 0.02  # storage poll while waiting for the next chunk (a local stat, or an S3 HEAD)
STATUS_EVERY_S = 0.5  # how often the narration's row is read while waiting
IDLE_LIMIT_S = 120.0  # no new chunk for this long: end the stream
# A chunk still missing this long before the audio sent runs out is asked for on the live lane
# (narrator.schedule.hurry): about the time a paragraph takes the neural voice on a busy core.
HURRY_AHEAD_S = 5.0
READ_BYTES = 16 * 1024
LIVE = ("queued", "processing")

# Gain (dB) that takes each engine's raw speech to about -16 LUFS after the limiter, measured
# on three chunks of bench/data/article_1000.txt (raw: espeak voices -20.3 to -21.6 LUFS,
# piper about -21.3; through this gain and limiter: espeak en-us -16.5, en-us+f3 -15.1,
# piper -16.4). The limiter holds down the peaks the gain pushes over.
GAIN_DB = {"espeak": 7.0, "piper": 8.0}
DEFAULT_GAIN_DB = 7.0
LIMIT = 10 ** (-2.5 / 20)
MIN_TEMPO, MAX_TEMPO = 1.0, 4.0  # a plan's expected_tempo outside this is ignored
LIKELY_RATE = 22_050  # espeak-ng and piper's medium voices both speak at 22.05 kHz


@dataclass(frozen=True)
class PlannedStream:
    chunk_keys: list[str]
    engine: str
    title: str
    author: str
    tempo: float = 1.0  # the plan's expected_tempo: what the final file's tempo filter will do


class StreamEnded(Exception):
    """The narration failed, was deleted, or stalled: end the stream where it is."""


def parse_plan(data: bytes) -> PlannedStream | None:
    """The chunk keys and engine from plan.json; None for a plan written without chunk keys."""
    try:
        stored = layout.unpack_plan(data)
    except errors.StorageError as e:
        raise StreamEnded(str(e)) from None
    if not stored.chunk_keys:
        return None
    return PlannedStream(
        chunk_keys=stored.chunk_keys,
        engine=str(stored.plan.get("engine", "")),
        title=stored.script.title or "",
        author=stored.script.author or "",
        tempo=_tempo(stored.plan.get("expected_tempo")),
    )


def _tempo(value: Any) -> float:
    try:
        tempo = float(value)
    except (TypeError, ValueError):
        return 1.0
    return tempo if MIN_TEMPO <= tempo <= MAX_TEMPO else 1.0


def parse_chunk(data: bytes) -> tuple[int, bytes]:
    """(sample rate, PCM) of a stored chunk."""
    try:
        stored = layout.unpack_chunk(data)
    except errors.StorageError as e:
        raise StreamEnded(str(e)) from None
    return stored.sample_rate, stored.pcm


def encoder_args(
    fmt: str, sample_rate: int, engine: str, tags: dict[str, str], tempo: float = 1.0
) -> list[str]:
    """ffmpeg reading mono s16le at `sample_rate` on stdin, writing `fmt` to stdout.

    `tempo` > 1: the pitch-preserving filter the final file will get (piper past about 1.5x),
    so the stream already plays at the pace asked for.
    """
    spec = encode.check_format(fmt)
    gain = GAIN_DB.get(engine, DEFAULT_GAIN_DB) + spec.gain_db
    return [
        probe.STREAM_FFMPEG,
        *["-hide_banner", "-nostdin", "-loglevel", "error"],
        # Raw PCM needs no probing, and probing holds back the first ~64 KB of input: a first
        # chunk shorter than that (a title, under 1.5 s) was heard only once chunk 1 came.
        *["-probesize", "32", "-analyzeduration", "0"],
        *["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0"],
        "-af",
        (f"{audio_tempo.filter_chain(tempo)}," if tempo != 1.0 else "")
        + f"volume={gain:.2f}dB:precision=float,"
        f"alimiter=limit={LIMIT:.5f}:attack=5:release=80:level=0:latency=1",
        *["-map_metadata", "-1", *encode.metadata_args(tags)],
        *["-ac", "1", "-ar", str(spec.sample_rate or sample_rate), *spec.output_args],
        # Write every packet as it is made: the default 32 KiB output buffer is 4 s of MP3.
        *["-flush_packets", "1", "-f", spec.muxer, "pipe:1"],
    ]


class _Waiter:
    """Polls storage for a key, and the narration's row now and then."""

    def __init__(self, db: Any, storage: Storage, narration_id: str) -> None:
        self.db, self.storage, self.narration_id = db, storage, narration_id
        self.status_at = 0.0
        self.status = "queued"

    def read_hint(self) -> tuple[str, dict[str, str]]:
        """(likely engine, tags) from the narration's row, before plan.json exists."""
        with self.db.session(readonly=True) as s:
            n = repo.get_narration(s, self.narration_id)
            if n is None:
                return "", {}
            article = repo.get_article(s, n.article_id)
            tags = {"title": "", "artist": ""}
            if article is not None:
                tags = {"title": article.title or "", "artist": article.author or ""}
            return likely_engine(str(n.voice)), tags

    def _read_status(self) -> str:
        with self.db.session(readonly=True) as s:
            n = repo.get_narration(s, self.narration_id)
            return "deleted" if n is None else str(getattr(n.status, "value", n.status))

    def _get(self, key: str) -> bytes | None:
        try:
            return self.storage.get_bytes(key)
        except errors.NotFound:
            return None

    def _get_any(self, keys: tuple[str, ...]) -> tuple[str, bytes] | None:
        for key in keys:
            data = self._get(key)
            if data is not None:
                return key, data
        return None

    async def get(
        self,
        key: str,
        *,
        urgent_at: float | None = None,
        on_urgent: Callable[[], None] | None = None,
    ) -> bytes:
        """The bytes at `key` once they exist; StreamEnded if the narration cannot make them.

        on_urgent: called if the key is still missing at `urgent_at` (monotonic clock), and
        again every HURRY_AHEAD_S while it stays missing (the copy it asked for may have failed).
        """
        _, data = await self.get_any((key,), urgent_at=urgent_at, on_urgent=on_urgent)
        return data

    async def get_any(
        self,
        keys: tuple[str, ...],
        *,
        urgent_at: float | None = None,
        on_urgent: Callable[[], None] | None = None,
    ) -> tuple[str, bytes]:
        """(key, bytes) of the first of `keys` that exists, as get() waits for one."""
        deadline = time.monotonic() + IDLE_LIMIT_S
        key = keys[0]
        while True:
            found = await run_in_threadpool(self._get_any, keys)
            if found is not None:
                return found
            now = time.monotonic()
            if on_urgent is not None and urgent_at is not None and now >= urgent_at:
                try:
                    await run_in_threadpool(on_urgent)
                except Exception:  # asking sooner is an optimization; the chunk comes anyway
                    log.warning("could not hurry %s", key, exc_info=True)
                urgent_at = now + HURRY_AHEAD_S
            if now - self.status_at >= STATUS_EVERY_S:
                self.status_at = now
                self.status = await run_in_threadpool(self._read_status)
                if self.status not in LIVE and self.status != "ready":
                    raise StreamEnded(f"narration {self.narration_id} is {self.status}")
                if self.status == "ready":
                    # Ready, yet the chunk is gone (evicted): it will not come back.
                    found = await run_in_threadpool(self._get_any, keys)
                    if found is None:
                        raise StreamEnded(f"{key} is missing from a ready narration")
                    return found
            if now > deadline:
                raise StreamEnded(f"no new audio for {IDLE_LIMIT_S:.0f} s")
            await asyncio.sleep(POLL_S)


def likely_engine(voice: str) -> str:
    """The engine a voice id most likely runs on: only a guess to start the encoder early
    (plan.json names the real one, and a wrong guess costs one encoder restart)."""
    return "fake" if voice == "fake" else contract.engine_of(voice)


@dataclass
class _Encoder:
    proc: asyncio.subprocess.Process
    rate: int
    engine: str
    tempo: float

    @classmethod
    async def start(
        cls, fmt: str, rate: int, engine: str, tags: dict[str, str], tempo: float = 1.0
    ) -> _Encoder:
        proc = await asyncio.create_subprocess_exec(
            *encoder_args(fmt, rate, engine, tags, tempo),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return cls(proc, rate, engine, tempo)

    def fits(self, rate: int, engine: str, tempo: float) -> bool:
        gain = GAIN_DB.get(engine, DEFAULT_GAIN_DB)
        same_gain = GAIN_DB.get(self.engine, DEFAULT_GAIN_DB) == gain
        return self.rate == rate and same_gain and self.tempo == tempo

    async def close(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            with contextlib.suppress(Exception):
                await self.proc.wait()


async def progressive(
    db: Any,
    storage: Storage,
    narration_id: str,
    fmt: str,
    hurry: Callable[[int], None] | None = None,
) -> AsyncIterator[bytes]:
    """The narration's audio, encoded as it renders; ends after the last chunk (or on failure).

    hurry(index): asks the workers for chunk `index` at once, called when the audio already
    sent will run out within HURRY_AHEAD_S and that chunk is still missing.
    If the client goes away the generator is closed: the encoder is killed and polling stops.
    """
    waiter = _Waiter(db, storage, narration_id)
    encoder: _Encoder | None = None
    feeder: asyncio.Task[None] | None = None
    try:
        engine, tags = await run_in_threadpool(waiter.read_hint)
        if engine:
            encoder = await _Encoder.start(fmt, LIKELY_RATE, engine, tags)
        try:
            # plan.json, or first.json (a long article's first sentence, spoken before the
            # rest is planned): then plan.json is followed from chunk 1 once it is written.
            plan_key = layout.narration_key(narration_id, layout.PLAN)
            found, data = await waiter.get_any(
                (plan_key, layout.narration_key(narration_id, layout.FIRST))
            )
            planned = parse_plan(data)
            if planned is None:
                return  # written by an older worker: nothing to follow (the file comes later)
            then = None if found == plan_key else plan_key
            rate, first = parse_chunk(await waiter.get(planned.chunk_keys[0]))
        except StreamEnded as e:
            log.info("stream of %s ended before any audio: %s", narration_id, e)
            return
        if encoder is None or not encoder.fits(rate, planned.engine, planned.tempo):
            if encoder is not None:
                await encoder.close()
            tags = {"title": planned.title, "artist": planned.author}
            encoder = await _Encoder.start(fmt, rate, planned.engine, tags, planned.tempo)
        proc = encoder.proc
        feeder = asyncio.create_task(_feed(proc, waiter, planned, rate, first, hurry, then))
        assert proc.stdout is not None
        while True:
            data = await proc.stdout.read(READ_BYTES)
            if not data:
                break
            yield data
        await proc.wait()
    finally:
        if feeder is not None:
            feeder.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await feeder
        if encoder is not None:
            await encoder.close()


async def _feed(
    proc: asyncio.subprocess.Process,
    waiter: _Waiter,
    planned: PlannedStream,
    rate: int,
    first: bytes,
    hurry: Callable[[int], None] | None,
    then: str | None = None,
) -> None:
    """Write chunk 0, 1, ... into the encoder in order; close its input after the last one.
    `then`: `planned` was first.json, chunk 0 alone; the rest is in the plan at this key.

    It keeps count of the audio written since the first chunk: a player that began then runs
    out of it at `runs_out` (the stream plays at 1x), which is when a missing chunk is urgent.
    """
    assert proc.stdin is not None
    keys = planned.chunk_keys
    runs_out: float | None = None
    try:
        pcm, index = first, 0
        while True:
            proc.stdin.write(pcm)
            await proc.stdin.drain()
            seconds = len(pcm) / (2 * rate) / planned.tempo
            # After a stall the player resumes when the audio comes, not where it ran out.
            runs_out = max(runs_out or 0.0, time.monotonic()) + seconds
            index += 1
            if index == 1 and then is not None:  # chunk 0 of first.json: the plan has the rest
                try:
                    full = parse_plan(await waiter.get(then))
                except StreamEnded as e:
                    log.info("stream of %s ended after chunk 0: %s", waiter.narration_id, e)
                    return
                if full is None:
                    return
                keys = full.chunk_keys
            if index >= len(keys):
                return
            urgent_at = None if runs_out is None else runs_out - HURRY_AHEAD_S
            on_urgent = None if hurry is None else functools.partial(hurry, index)
            try:
                data = await waiter.get(keys[index], urgent_at=urgent_at, on_urgent=on_urgent)
                chunk_rate, pcm = parse_chunk(data)
            except StreamEnded as e:
                log.info("stream of %s ended at chunk %d: %s", waiter.narration_id, index, e)
                return
            if chunk_rate != rate:
                log.warning("stream of %s: chunk %d changes rate", waiter.narration_id, index)
                return
    except (BrokenPipeError, ConnectionResetError):
        return
    finally:
        with contextlib.suppress(Exception):
            proc.stdin.close()
