"""A narration's MP3 encoded in segments, one LAME process per core, joined into one file.

LAME runs on one core, and for a narration it is most of the final file's time (about 1.2
CPU-seconds for 5 minutes of speech): cut into segments, it runs on all of them. Each segment's
encoder starts WARM_FRAMES frames before the first frame kept from it and runs TAIL_FRAMES past
the last (plus the codec's delay), so each kept frame is encoded with the audio around it. The
cuts lie on the frame grid of an encode of the whole (mp3.DELAY samples before each multiple of
a frame), so every sample is in exactly one kept frame: no gap, no overlap, no click. Without
the bit reservoir the frames can follow frames of another encode (mp3); decoded, the joined
stream equals an encode of the whole at and around each join, sample for sample (measured on
real narrations, tests/audio/test_segments.py).

The kept frames go, in order and as they come, to one ffmpeg that copies them into the file
(its ID3 and LAME tags; mp3.set_gapless fills the gapless fields afterwards) and to the decoder
that measures them (pipes.run_pair), so the check of the file ends with the last encoder.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np
import numpy.typing as npt

from narrator import errors
from narrator.audio import mp3, pipes, probe

# The PCM (16-bit mono) of samples start to stop of a signal, in pieces.
PcmRange = Callable[[int, int], Iterable[bytes]]
MIN_SEGMENT_S = 20.0  # shorter segments save less than their encoders' start costs
WARM_FRAMES = 8  # an encoder's frames before the first one kept: it settles on the audio
TAIL_FRAMES = 4  # ... and after the last one kept, beyond the codec's delay


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Segment:
    start: int  # the first sample its encoder is given (a multiple of the frame)
    stop: int  # ... and the end of what it is given
    first: int  # the first sample of its first kept frame (on the frame grid)
    end: int | None  # ... and where the next segment's begin (None: it keeps to the end)

    def kept(self, index: int, frame: int) -> bool:
        """Whether its encoder's frame `index` is kept (`frame`: samples per frame)."""
        at = self.start + index * frame - mp3.DELAY
        return at >= self.first and (self.end is None or at < self.end)


def plan(frames: int, rate: int, parts: int | None = None) -> list[Segment]:
    """Up to `parts` segments of at least MIN_SEGMENT_S for a signal of `frames` samples at
    `rate`; one segment for a short one.

    By default one per core, but one for background (batch) work: segments cost about a
    tenth more CPU (an encoder and a joining process more, each started), which buys a
    listener time on idle cores but costs a batch throughput when every core is busy.
    """
    frame = mp3.frame_samples(rate)
    if parts is None:
        parts = 1 if probe.in_background() else cores()
    parts = max(1, min(parts, int(frames / (MIN_SEGMENT_S * rate))))
    # Cuts on the whole encode's grid: the first sample of a frame, k * frame - DELAY.
    cuts = [-mp3.DELAY]
    for i in range(1, parts):
        cuts.append(round((frames * i / parts + mp3.DELAY) / frame) * frame - mp3.DELAY)
    segments = []
    for i, cut in enumerate(cuts):
        start = max(0, cut + mp3.DELAY - WARM_FRAMES * frame)
        end = cuts[i + 1] if i + 1 < len(cuts) else None
        stop = frames if end is None else min(frames, end + mp3.DELAY + TAIL_FRAMES * frame)
        segments.append(Segment(start, stop, cut, end))
    return segments


class _Encoder:
    """One segment's LAME: fed its PCM by one thread, its kept frames collected by another."""

    def __init__(
        self,
        segment: Segment,
        args: Sequence[str],
        source: PcmRange,
        frame: int,
        what: str,
        stderr: IO[bytes],
    ) -> None:
        self.segment, self.frame, self.what, self.errors = segment, frame, what, stderr
        self.proc = pipes.spawn(
            ["-loglevel", "error", "-nostdin", *args], subprocess.PIPE, self.errors, what
        )
        self.kept: queue.Queue[bytes | None] = queue.Queue()
        self.failures: list[BaseException] = []
        self._threads = [
            threading.Thread(target=self._feed, args=(source,), daemon=True),
            threading.Thread(target=self._collect, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _feed(self, source: PcmRange) -> None:
        assert self.proc.stdin is not None
        try:
            for piece in source(self.segment.start, self.segment.stop):
                self.proc.stdin.write(piece)
        except BrokenPipeError:
            pass  # the encoder failed: its exit status says so
        except BaseException as exc:
            self.failures.append(exc)
            self.proc.kill()
        finally:
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        frames, index = mp3.Frames(), 0
        try:
            while data := self.proc.stdout.read(1 << 16):
                block, starts = frames.feed(data)
                kept = [i for i in range(len(starts)) if self.segment.kept(index + i, self.frame)]
                index += len(starts)
                if kept:  # consecutive: one range of the block
                    end = starts[kept[-1] + 1] if kept[-1] + 1 < len(starts) else len(block)
                    self.kept.put(block[starts[kept[0]] : end])
            frames.finish()
        except BaseException as exc:
            self.failures.append(exc)
            self.proc.kill()
        finally:
            self.kept.put(None)

    def frames(self) -> Iterator[bytes]:
        """Its kept frames, as they come, until its encoder is done."""
        while (data := self.kept.get()) is not None:
            yield data

    def finish(self) -> None:
        """Wait for it; AudioError if it failed."""
        code = self.proc.wait()
        for thread in self._threads:
            thread.join()
        if self.failures:  # the cause, ahead of the encoder's exit once it was stopped
            failure = self.failures[0]
            if isinstance(failure, mp3.FrameError):
                raise errors.AudioError(f"{self.what}: {failure}") from failure
            raise failure
        if code:
            self.errors.seek(0)
            text = self.errors.read().decode("utf-8", "replace")
            raise errors.AudioError(f"{self.what}: ffmpeg failed ({code}): {probe.tail(text)}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def _stop(running: list[_Encoder]) -> None:
    for each in running:
        each.stop()


def encode(
    source: PcmRange,
    segments: Sequence[Segment],
    rate: int,
    encoder: Sequence[str],
    joiner: Sequence[str],
    decoder: Sequence[str],
    consume: Callable[[npt.NDArray[np.float32]], None],
    what: str,
) -> None:
    """Encode `source` in `segments`, each with `encoder` (ffmpeg arguments: 16-bit PCM at
    `rate` in on stdin, an MP3 stream out on stdout, no ID3 or Xing tag), and hand the kept
    frames in order to pipes.run_pair(`joiner`, `decoder`, ..., `consume`).

    AudioError if any of them fails; the others are stopped.
    """
    frame = mp3.frame_samples(rate)
    running: list[_Encoder] = []
    with contextlib.ExitStack() as stack:
        stack.callback(_stop, running)  # however it ends, no encoder is left running
        for segment in segments:
            stderr = stack.enter_context(tempfile.TemporaryFile())
            running.append(_Encoder(segment, encoder, source, frame, what, stderr))

        def joined() -> Iterator[bytes]:
            for each in running:
                yield from each.frames()

        pipes.run_pair(joiner, decoder, joined(), what, consume)
        for each in running:
            each.finish()
