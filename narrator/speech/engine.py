"""The speech engine interface, the PCM audio it returns, and a fake engine for fast tests."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Voice:
    id: str  # stable id: "en-us", "en-us+f3", "fr", "piper/en_US-joe-medium"
    name: str
    language: str  # BCP-47-ish: "en-us", "fr"
    engine: str  # "espeak" | "piper" | "fake"
    gender: str | None = None


@dataclass(frozen=True)
class Audio:
    """Mono signed 16-bit little-endian PCM.

    marks: where the engine says words begin, as (character offset in the text it was given,
    ms into this audio), in order; empty when the engine does not say (the fake, old chunks).
    """

    pcm: bytes
    sample_rate: int
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def frames(self) -> int:
        return len(self.pcm) // 2

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


class Engine(Protocol):
    """A speech engine. One instance per process; never shared between threads."""

    name: str  # "espeak", "piper", "fake"
    version: str  # changes when the same text would sound different, or when what a cached
    # chunk holds beside the audio does (word marks): part of cache keys
    sound_version: str  # changes only when the same text would sound different: the pace
    # calibration (narrator.speech.pace) is measured on the sound, and keyed by this

    def voices(self) -> list[Voice]: ...

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Audio:
        """Speak `text` (one sentence or a few) with `voice`.

        `pace` multiplies the engine's natural speaking speed: 1.0 is the engine default,
        2.0 roughly twice as fast. Mapping listener speed to pace is narrator.speech.pace's job.
        Returned audio carries no deliberate leading/trailing pause beyond what the engine adds,
        and, where the engine knows them, the times its words begin (Audio.marks).
        """
        ...


class FakeEngine:
    """Deterministic tones, 60 ms per character at pace 1: for unit tests that need no espeak."""

    name = "fake"
    version = "fake-1"
    sound_version = version
    sample_rate = 16_000

    def voices(self) -> list[Voice]:
        return [Voice(id="fake", name="Fake tone", language="en-us", engine="fake")]

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Audio:
        seconds = 0.06 * len(text.strip()) / pace
        n = int(seconds * self.sample_rate)
        freq = 220 + (sum(map(ord, text)) % 200)
        samples = (
            int(8000 * math.sin(2 * math.pi * freq * i / self.sample_rate)) for i in range(n)
        )
        return Audio(pcm=struct.pack(f"<{n}h", *samples), sample_rate=self.sample_rate)
