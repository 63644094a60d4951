"""ffmpeg processes joined by a pipe: fed by a thread that computes ahead, read by another.

run_pair() is how a narration's file is encoded and measured at once: the limiter's pieces go
to the encoder as they are computed, the encoder's stream goes to the file and to a decoder,
and the decoder's samples go to a meter as they come. Each of those gets a core.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from narrator import errors
from narrator.audio import probe


def spawn(args: Sequence[str], stdin: Any, stderr: IO[bytes], what: str) -> subprocess.Popen[bytes]:
    """ffmpeg with `args`, its output on a pipe; AudioError if it cannot start."""
    try:
        return subprocess.Popen(
            probe.ffmpeg_command(*args), stdin=stdin, stdout=subprocess.PIPE, stderr=stderr
        )
    except OSError as exc:
        raise errors.AudioError(f"{what}: cannot run ffmpeg: {exc}") from exc


def run_pair(
    first: Sequence[str],
    second: Sequence[str],
    pieces: Iterable[bytes],
    what: str,
    consume: Callable[[npt.NDArray[np.float32]], None],
) -> None:
    """`ffmpeg <first> | ffmpeg <second>`, `pieces` written to the first, the second's output
    (32-bit floats) handed to `consume` as it comes, from a thread of its own.

    AudioError if either fails.
    """
    with contextlib.ExitStack() as stack:
        errs = [stack.enter_context(tempfile.TemporaryFile()) for _ in range(2)]
        quiet = ["-loglevel", "error", "-nostdin"]
        head = spawn([*quiet, *first], subprocess.PIPE, errs[0], what)
        try:
            tail = spawn([*quiet, *second], head.stdout, errs[1], what)
        except errors.AudioError:
            head.kill()
            head.wait()
            raise
        assert head.stdin is not None and head.stdout is not None and tail.stdout is not None
        head.stdout.close()  # the second process holds the read end now
        failures: list[BaseException] = []
        reader = threading.Thread(
            target=_read_floats, args=(tail.stdout, consume, failures), daemon=True
        )
        reader.start()
        try:
            for piece in _ahead(pieces):
                head.stdin.write(piece)
        except BrokenPipeError:
            pass  # the encoder failed: its exit status and stderr say why
        except BaseException:
            head.kill()
            tail.kill()
            raise
        finally:
            with contextlib.suppress(BrokenPipeError):
                head.stdin.close()
            codes = (head.wait(), tail.wait())
            reader.join()
        if any(codes):
            texts = []
            for err in errs:
                err.seek(0)
                texts.append(err.read().decode("utf-8", "replace"))
            raise errors.AudioError(f"{what}: ffmpeg failed {codes}: {probe.tail(''.join(texts))}")
        if failures:
            raise failures[0]


def _read_floats(
    stream: IO[bytes],
    consume: Callable[[npt.NDArray[np.float32]], None],
    failures: list[BaseException],
) -> None:
    """Hand `stream`'s 32-bit floats to `consume` as they arrive; a failure is kept in
    `failures` (the stream is still read to its end, so its writer never blocks)."""
    rest = b""
    # Large reads: each wakes this thread, and takes the interpreter from the others.
    while chunk := stream.read(1 << 18):
        data = rest + chunk
        whole = len(data) // 4 * 4
        rest = data[whole:]
        if whole and not failures:
            try:
                consume(np.frombuffer(data[:whole], dtype="<f4"))
            except BaseException as exc:  # raised by the caller once the processes are done
                failures.append(exc)


def _ahead(pieces: Iterable[bytes], depth: int = 2) -> Iterator[bytes]:
    """`pieces`, each next one computed by a thread while the caller writes the last: the
    limiter's numpy work and the encoder then run side by side."""
    ready: queue.Queue[tuple[bytes | None, BaseException | None]] = queue.Queue(depth)

    def produce() -> None:
        try:
            for piece in pieces:
                ready.put((piece, None))
            ready.put((None, None))
        except BaseException as exc:  # handed to the consumer, raised there
            ready.put((None, exc))

    producer = threading.Thread(target=produce, daemon=True)
    producer.start()
    try:
        while True:
            piece, failure = ready.get()
            if failure is not None:
                raise failure
            if piece is None:
                return
            yield piece
    finally:
        # A consumer that stops early (the encoder failed) lets the producer run to its end.
        while producer.is_alive():
            with contextlib.suppress(queue.Empty):
                ready.get(timeout=0.05)
