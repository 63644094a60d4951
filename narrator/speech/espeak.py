"""eSpeak NG through pyttsx3: the always-available engine.

pyttsx3's espeak driver is built for "say this out loud once", and using it as a file renderer
in a worker needs care. What this module handles, and why:

- libespeak-ng runs in AUDIO_OUTPUT_RETRIEVAL mode: `Synth` only queues the text for espeak's
  own thread, so `runAndWait()` may return before the WAV is written. We wait for the
  finished-utterance notification (a `threading.Event`) and then check the file.
- The finished-utterance notification carries name=None, and the driver keeps the target file
  name in an instance attribute. We serialize all work, give every job its own file, and only
  accept a notification whose driver file is the one this job asked for.
- The driver calls `espeak_Cancel` (and then reports an aborted utterance) when the previous
  utterance is still "playing" as the next run starts, which can kill the next job. Before and
  after each job we wait until espeak is idle and ignore aborted (completed=False) notifications.
- The driver print()s "Audio saved to ..." on stdout, which would corrupt `--json` output; its
  module-level `print` is redirected to our logger.
- libespeak-ng is one per process and not fork-safe: an engine initialized before a fork hangs
  inside `Synth` in the child. Everything is created lazily per process id; a fork handler keeps
  a fork from happening mid-synthesis, and a child whose parent had initialized espeak
  initializes it again (espeak's worker thread does not survive a fork).
- A C call that never returns cannot be interrupted, so all pyttsx3 calls run on one worker
  thread per process and the caller waits with a time limit (EngineError on timeout).
- Lexicon entries arrive as `[[phonemes]]`; the driver's Synth call is extended with the
  espeakPHONEMES flag so they are spoken as phonemes, not spelled out.
- The driver's loop looked every 10 ms whether an utterance had finished, most of the wall
  time of a short sentence; it now looks every 2 ms. These driver changes: espeak_driver.py.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import logging
import os
import queue
import shutil
import threading
import time
import wave
from dataclasses import replace
from pathlib import Path
from typing import Any

from narrator import errors, owners
from narrator.speech import espeak_driver
from narrator.speech.engine import Audio, Voice
from narrator.speech.espeak_voices import EspeakVoice, EspeakVoices

log = logging.getLogger(__name__)

SAMPLE_RATE = 22_050  # what the pyttsx3 driver writes
DEFAULT_RATE = 175  # espeak's own default speed (its "words per minute", which it is not quite)
MIN_RATE = 80  # espeak-ng clamps below this
MAX_RATE = 450  # above this espeak-ng switches to a time-stretch that sounds worse and drifts
SCHEME = 1  # bump when our use of espeak changes what the same text sounds like


def espeak_version() -> str:
    """The libespeak-ng version, without starting the synthesizer."""
    from pyttsx3.drivers import _espeak

    raw = _espeak.Info(None)
    return raw.decode() if isinstance(raw, bytes) else str(raw)


class _Worker:
    """One daemon thread running submitted calls in order.

    Not a ThreadPoolExecutor: its threads are joined at interpreter exit, and a thread stuck
    inside libespeak would then keep the process from ever exiting.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[concurrent.futures.Future[Any], Any, tuple[Any, ...]]]
        self._jobs = queue.SimpleQueue()
        threading.Thread(target=self._run, name="espeak", daemon=True).start()

    def submit(self, fn: Any, *args: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self._jobs.put((future, fn, args))
        return future

    def _run(self) -> None:
        while True:
            future, fn, args = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as e:
                future.set_exception(e)


class _Runtime:
    """The per-process pyttsx3 engine and the one thread allowed to touch it."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.broken: str | None = None
        self.executor = _Worker()
        self.tmpdir = owners.mkdtemp("espeak")
        self.jobs = 0
        self.done = threading.Event()
        self.expected: str | None = None
        self.errors: list[BaseException] = []
        self.tts: Any = None
        self.driver: Any = None
        self.marks: list[tuple[int, int]] = []  # the current job's word events

    # -- everything below runs on the worker thread --------------------------------------------
    def start(self) -> None:
        import pyttsx3
        from pyttsx3.drivers import espeak as driver_module

        # The driver's "Audio saved to ..." must not reach stdout (`narrator narrate --json`).
        driver_module.print = _driver_print
        if _espeak_initialized_in_other_process():
            # A forked child: espeak's queue thread did not survive the fork, and every Synth
            # would block forever. Start the library again in this process.
            pyttsx3._activeEngines.pop("espeak", None)
            driver_module.EspeakDriver._moduleInitialized = False
        tts = pyttsx3.init("espeak")
        _mark_initialized()
        driver = tts.proxy._driver
        espeak_driver.patch(driver, self.marks)
        tts.connect("finished-utterance", self._on_finished)
        tts.connect("error", self._on_error)
        self.tts, self.driver = tts, driver

    def _on_finished(self, name: object = None, completed: bool = True, **_: object) -> None:
        # name is always None with this driver: identify the job by the file it just wrote.
        if completed and self.driver is not None and self.driver._save_file == self.expected:
            self.done.set()

    def _on_error(self, exception: BaseException | None = None, **_: object) -> None:
        if exception is not None:
            self.errors.append(exception)

    def list_voices(self) -> list[Any]:
        from pyttsx3.drivers import _espeak

        voices = list(self.tts.getProperty("voices"))
        spec = _espeak.VOICE()
        spec.languages = b"variant"
        variants = [v.identifier.decode() for v in _espeak.ListVoices(spec)]
        return [voices, variants]

    def synthesize(
        self, text: str, espeak_name: str, rate: int, deadline: float
    ) -> tuple[Path, list[tuple[int, int]]]:
        """The WAV espeak wrote, and where each word began: (character in text, ms)."""
        from pyttsx3.drivers import _espeak

        self._wait_idle(deadline)
        self.errors.clear()
        self.tts.setProperty("voice", espeak_name)
        self.tts.setProperty("rate", rate)
        # espeak queues parameter changes on its own thread; if the driver found espeak busy
        # when the run starts, it would Cancel() -- dropping the rate change, or our utterance.
        self._wait_idle(deadline)
        self.jobs += 1
        path = self.tmpdir / f"{self.jobs}.wav"
        self.done.clear()
        self.expected = str(path)
        self.driver._stopping = False
        self.marks.clear()
        self.tts.save_to_file(text, str(path))
        self.tts.runAndWait()
        if self.errors:
            raise errors.EngineError(f"espeak failed: {self.errors[0]}")
        current = _espeak.GetCurrentVoice()
        if not current or current.contents.identifier.decode().lower() != espeak_name.lower():
            raise errors.EngineError(f"espeak could not select voice {espeak_name!r}")
        if not self.done.wait(max(0.0, deadline - time.monotonic())):
            _espeak.Cancel()
            self.expected = None
            path.unlink(missing_ok=True)
            raise errors.EngineError("espeak did not finish the utterance in time")
        self.expected = None
        self._wait_idle(deadline)
        return path, list(self.marks)

    def phonemes(self, text: str, espeak_name: str, deadline: float) -> str:
        from pyttsx3.drivers import _espeak

        self._wait_idle(deadline)
        if _espeak.SetVoiceByName(espeak_name.encode()) != 0:  # EE_OK
            raise errors.EngineError(f"espeak could not select voice {espeak_name!r}")
        return espeak_driver.text_to_phonemes(text)

    def _wait_idle(self, deadline: float) -> None:
        from pyttsx3.drivers import _espeak

        while _espeak.IsPlaying():
            if time.monotonic() > deadline:
                raise errors.EngineError("espeak stayed busy with a previous utterance")
            time.sleep(0.002)


def _driver_print(*args: object, **_: object) -> None:
    log.debug(" ".join(map(str, args)))


# -- per-process state -------------------------------------------------------------------------
_lock = threading.Lock()  # one synthesis at a time; also held across fork()
_runtime: _Runtime | None = None
_initialized_pid: int | None = None  # the process that called espeak_Initialize
_fork_held = False


def _mark_initialized() -> None:
    global _initialized_pid
    _initialized_pid = os.getpid()


def _espeak_initialized_in_other_process() -> bool:
    return _initialized_pid is not None and _initialized_pid != os.getpid()


def _before_fork() -> None:
    # Never fork while espeak's thread is mid-utterance (its mutexes would be copied locked).
    global _fork_held
    _fork_held = _lock.acquire(timeout=30)


def _after_fork_parent() -> None:
    global _fork_held
    if _fork_held:
        _fork_held = False
        _lock.release()


def _after_fork_child() -> None:
    global _lock, _runtime, _fork_held
    _lock = threading.Lock()
    _runtime = None  # its worker thread does not exist here
    _fork_held = False


os.register_at_fork(
    before=_before_fork, after_in_parent=_after_fork_parent, after_in_child=_after_fork_child
)


def _call(fn_name: str, *args: Any, timeout: float) -> Any:
    """Run a _Runtime method on this process's espeak thread, with a time limit."""
    global _runtime
    with _lock:
        rt = _runtime
        if rt is None or rt.pid != os.getpid():
            rt = _runtime = _Runtime(os.getpid())
            try:
                rt.executor.submit(rt.start).result(timeout=timeout)
                deadline = time.monotonic() + timeout
                rt.executor.submit(_warm_up, rt, deadline).result(timeout=timeout)
            except concurrent.futures.TimeoutError:
                rt.broken = "espeak did not start in time"
            except errors.EngineError as e:
                rt.broken = f"espeak did not start: {e}"
        if rt.broken:
            raise errors.EngineError(f"{rt.broken}; restart the worker process")
        future = rt.executor.submit(getattr(rt, fn_name), *args)
        try:
            return future.result(timeout=timeout + 1)
        except concurrent.futures.TimeoutError:
            # The worker thread is stuck inside libespeak: nothing in this process can use
            # espeak again, so say so quickly from now on instead of waiting each time.
            rt.broken = "espeak stopped responding"
            raise errors.EngineError("espeak synthesis timed out") from None


def _warm_up(rt: _Runtime, deadline: float) -> None:
    path, _ = rt.synthesize("Ready.", "gmw/en-US", DEFAULT_RATE, deadline)
    path.unlink(missing_ok=True)


def _cleanup_tmpdir() -> None:
    if _runtime is not None and _runtime.pid == os.getpid():
        shutil.rmtree(_runtime.tmpdir, ignore_errors=True)


atexit.register(_cleanup_tmpdir)


# -- the engine --------------------------------------------------------------------------------
class EspeakEngine:
    """eSpeak NG. Instances are cheap; the synthesizer behind them is one per process."""

    name = "espeak"

    def __init__(self, timeout_s: float = 10.0) -> None:
        self.timeout_s = timeout_s
        self.version = f"espeak-ng-{espeak_version()}/{SCHEME}"
        self.sound_version = self.version
        self._voices: EspeakVoices | None = None
        self._pid = 0

    def _catalog(self) -> EspeakVoices:
        if self._voices is None or self._pid != os.getpid():
            raw, variants = _call("list_voices", timeout=self.timeout_s)
            self._voices = EspeakVoices.from_espeak(raw, variants)
            self._pid = os.getpid()
        return self._voices

    def voices(self) -> list[Voice]:
        return self._catalog().voices()

    def lookup(self, voice_id: str) -> EspeakVoice | None:
        """The voice for an exact (lower-case) id, including any `base+variant` combination."""
        return self._catalog().lookup(voice_id)

    def phonemes(self, text: str, voice: str) -> str:
        """What espeak would say for `text` as phoneme mnemonics (the pace is solved from them)."""
        ev = self.lookup(voice.lower())
        if ev is None:
            raise errors.UnknownVoice(voice)
        deadline = time.monotonic() + self.timeout_s
        phonemes: str = _call("phonemes", text, ev.espeak_name, deadline, timeout=self.timeout_s)
        return phonemes

    def effective_pace(self, pace: float) -> float:
        """The pace espeak really speaks at: its rate is a whole number."""
        return round(rate_for(pace) / DEFAULT_RATE, 6)

    def synthesize(self, text: str, voice: str, pace: float = 1.0) -> Audio:
        ev = self.lookup(voice.lower())
        if ev is None:
            raise errors.UnknownVoice(voice)
        if not text.strip():
            return Audio(pcm=b"", sample_rate=SAMPLE_RATE)
        rate = rate_for(pace)
        timeout = self.timeout_s + 0.02 * len(text)
        deadline = time.monotonic() + timeout
        path, marks = _call("synthesize", text, ev.espeak_name, rate, deadline, timeout=timeout)
        try:
            audio = _read_wav(path)
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
        if not audio.pcm and any(c.isalnum() for c in text):
            raise errors.EngineError(f"espeak returned no audio for {text[:40]!r}")
        return replace(audio, marks=tuple(marks))


def rate_for(pace: float) -> int:
    """espeak's rate parameter for an engine pace (1.0 = espeak's default speed)."""
    return max(MIN_RATE, min(MAX_RATE, round(DEFAULT_RATE * pace)))


def _read_wav(path: Path) -> Audio:
    try:
        with wave.open(str(path), "rb") as w:
            if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SAMPLE_RATE):
                raise errors.EngineError(f"espeak wrote an unexpected WAV format: {path}")
            return Audio(pcm=w.readframes(w.getnframes()), sample_rate=SAMPLE_RATE)
    except FileNotFoundError:
        raise errors.EngineError("espeak finished but wrote no file") from None
    except (wave.Error, EOFError) as e:
        raise errors.EngineError(f"espeak wrote an unreadable WAV: {e}") from None
