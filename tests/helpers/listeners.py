"""A listener who presses play: POST the article, GET its audio at once, play it at 1x.

What the listen widget does, measured the way a listener feels it: when the first complete MP3
frame arrives (first audio), and how long playback would wait for audio after it started
(stall), counting the frames of the progressive stream as they arrive. Used by the scheduling
tests and by bench/listeners.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import httpx

# MPEG audio frame headers: enough to count the samples in a stream as it arrives.
_BITRATES = {  # (version bit, layer III) -> kb/s by index
    1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    0: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


class Mp3Clock:
    """Seconds of audio in the complete MP3 frames fed so far (ID3 tag skipped)."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.pos = 0
        self.skipped_tag = False
        self.seconds = 0.0

    def feed(self, data: bytes) -> float:
        self.buf += data
        if not self.skipped_tag:
            if len(self.buf) < 10:
                return self.seconds
            if self.buf[:3] == b"ID3":
                size = self.buf[6:10]
                self.pos = 10 + (size[0] << 21 | size[1] << 14 | size[2] << 7 | size[3])
            self.skipped_tag = True
        while self.pos + 4 <= len(self.buf):
            b = self.buf[self.pos : self.pos + 4]
            if b[0] != 0xFF or (b[1] & 0xE0) != 0xE0:
                self.pos += 1  # resync (never expected from ffmpeg's output)
                continue
            version = (b[1] >> 3) & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
            bitrate_index, rate_index, padding = b[2] >> 4, (b[2] >> 2) & 3, (b[2] >> 1) & 1
            if version == 1 or rate_index == 3 or bitrate_index in (0, 15):
                self.pos += 1
                continue
            rate = _RATES[version][rate_index]
            kbps = _BITRATES[1 if version == 3 else 0][bitrate_index]
            samples = 1152 if version == 3 else 576
            length = samples // 8 * kbps * 1000 // rate + padding
            if self.pos + length > len(self.buf):
                break
            self.pos += length
            self.seconds += samples / rate
        return self.seconds


@dataclass
class Listener:
    index: int
    article: str
    start_s: float  # when this listener pressed play, from the start of the run
    first_audio_s: float | None = None
    stall_s: float = 0.0
    waits: list[tuple[float, float, float]] = field(default_factory=list)  # see waits_of
    audio_s: float = 0.0
    ready_s: float | None = None
    error: str = ""
    narration_id: str = ""
    # Each 503 busy: (seconds since press, Retry-After, the start told); the player waits as
    # long as Retry-After says, then asks again.
    told: list[tuple[float, int, int]] = field(default_factory=list)
    arrivals: list[tuple[float, float]] = field(default_factory=list, repr=False)


def waits_of(arrivals: list[tuple[float, float]]) -> list[tuple[float, float, float]]:
    """Each time playback waited for audio: (seconds since press, seconds of audio played by
    then, how long it waited). Playback starts at the first arrival and plays at 1x.

    arrivals: (seconds since press, seconds of audio received so far), in order.
    """
    if not arrivals:
        return []
    start, have = arrivals[0]
    waits: list[tuple[float, float, float]] = []
    stalled = 0.0
    for at, total in arrivals[1:]:
        runs_out = start + have + stalled  # when the audio received so far is all played
        if at > runs_out:
            waits.append((runs_out, have, at - runs_out))
            stalled += at - runs_out
        have = total
    return waits


# One TLS context for every player: httpx builds one per client (60 ms of CPU, the system's
# certificates read and parsed), and twenty players pressing play at once would take over a
# CPU-second from the service on the same cores. A listener's phone costs the service nothing.
TLS = httpx.create_ssl_context()


def listen(
    base: str,
    listener: Listener,
    text: str,
    voice: str | None,
    t0: float,
    **options: Any,
) -> None:
    """Press play at t0 + listener.start_s (monotonic clock): POST the article, then play()."""
    body: dict[str, Any] = {"text": text, **options}
    if voice:
        body["voice"] = voice
    delay = t0 + listener.start_s - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    pressed = time.monotonic()
    try:
        with httpx.Client(base_url=base, timeout=10.0, verify=TLS) as client:
            response = client.post("/v1/narrations", json=body)
            response.raise_for_status()
            narration = response.json()
    except Exception as e:  # a bench reports, it does not stop at the first failure
        listener.error = f"{type(e).__name__}: {e}"
        return
    play(base, listener, narration, pressed)


MAX_BUSY = 20  # 503 busy answers a player takes before it gives up
# How often the player asks whether the final file is ready, as the listen widget does
# (widget.js waitReady): `ready` is known to within this.
STATUS_POLL_S = 1.0


def _busy(response: httpx.Response) -> tuple[int, int] | None:
    """Of a 503 busy answer (the service is full: ask again then), Retry-After and when the
    stream should start, in seconds; None for any other answer."""
    if response.status_code != 503:
        return None
    response.read()
    if response.json().get("error", {}).get("code") != "busy":
        return None
    return int(response.headers["Retry-After"]), int(response.headers["Narrator-Starts-In"])


def play(base: str, listener: Listener, narration: dict[str, Any], pressed: float) -> None:
    """Stream a narration's audio as a player does, then wait for its final file; fills in
    `listener` (times from `pressed`, a monotonic clock reading). Told the service is busy,
    it waits as long as told and asks again."""
    listener.narration_id = narration["id"]
    try:
        timeout = httpx.Timeout(10.0, read=180.0)
        with httpx.Client(base_url=base, timeout=timeout, verify=TLS) as client:
            clock = Mp3Clock()
            while True:
                with client.stream("GET", narration["audio_url"]) as stream:
                    busy = _busy(stream)
                    if busy is None:
                        _receive(stream, clock, listener, pressed)
                        break
                listener.told.append((time.monotonic() - pressed, *busy))
                if len(listener.told) >= MAX_BUSY:
                    raise RuntimeError(f"still busy after {MAX_BUSY} tries")
                time.sleep(busy[0])
            while True:
                state = client.get(f"/v1/narrations/{narration['id']}").json()
                if state["status"] in ("ready", "failed"):
                    break
                time.sleep(STATUS_POLL_S)
            listener.ready_s = time.monotonic() - pressed if state["status"] == "ready" else None
            if state["status"] == "failed":
                listener.error = str(state.get("error"))
    except Exception as e:
        listener.error = f"{type(e).__name__}: {e}"
    if listener.arrivals:
        listener.first_audio_s = listener.arrivals[0][0]
        listener.audio_s = listener.arrivals[-1][1]
        listener.waits = waits_of(listener.arrivals)
        listener.stall_s = sum(wait for _, _, wait in listener.waits)


def _receive(stream: httpx.Response, clock: Mp3Clock, listener: Listener, pressed: float) -> None:
    stream.raise_for_status()
    for data in stream.iter_bytes():
        before = clock.seconds
        seconds = clock.feed(data)
        if seconds > before:
            listener.arrivals.append((time.monotonic() - pressed, seconds))
