"""Changes to pyttsx3's espeak driver that narrator.speech.espeak relies on.

Applied to the one driver instance of a process (pyttsx3 offers no hooks for these): `[[...]]`
read as phonemes, a finished utterance noticed within 2 ms, and each word event's place in the
text and in the audio. Also libespeak-ng's phonemizer, which pyttsx3 does not wrap.
"""

from __future__ import annotations

import ctypes
import time
import types
from typing import Any

_FLAGS_NAME = ("CHARS_UTF8", "PHONEMES", "ENDPAUSE")


def patch(driver: Any, marks: list[tuple[int, int]]) -> None:
    """Patch `driver` (pyttsx3's EspeakDriver); word events are appended to `marks`."""
    driver._start_synthesis = types.MethodType(_start_synthesis_with_phonemes, driver)
    driver.startLoop = types.MethodType(_loop_until_finished, driver)
    _espeak_callback_with_marks(driver, marks)


def _start_synthesis_with_phonemes(self: Any, text: str) -> None:
    """The driver's `_start_synthesis`, with espeakPHONEMES so `[[...]]` is read as phonemes."""
    from pyttsx3.drivers import _espeak

    flags = 0
    for name in _FLAGS_NAME:
        flags |= getattr(_espeak, name)
    self._proxy.setBusy(True)
    self._proxy.notify("started-utterance")
    self._speaking = True
    self._stopping = False  # a stop requested before this utterance must not cancel it
    self._data_buffer = b""
    try:
        _espeak.Synth(str(text).encode("utf-8"), flags=flags)
    except Exception as e:
        self._proxy.setBusy(False)
        self._proxy.notify("error", exception=e)
        raise


def _loop_until_finished(self: Any) -> None:
    """The driver's `startLoop`, looking every 2 ms instead of every 10 ms.

    espeak speaks a sentence in a few ms on its own thread; the driver's 10 ms sleep between
    looks at whether it had finished was most of a short sentence's wall time (0.57 s of 0.8 s
    for a 1000-word article).
    """
    first = True
    self._looping = True
    while self._looping:
        if first:
            self._proxy.setBusy(False)
            first = False
            if self._text_to_say:
                self._start_synthesis(self._text_to_say)
        self.iterate()
        if self._looping:
            time.sleep(0.002)


def _espeak_callback_with_marks(driver: Any, marks: list[tuple[int, int]]) -> None:
    """espeak's synthesis callback, noting each word event's place in the text and in the audio
    (pyttsx3 passes on the place in the text only) before the driver's own callback runs."""
    from pyttsx3.drivers import _espeak

    on_synth = driver._onSynth

    def callback(wav: Any, numsamples: int, events: Any) -> int:
        i = 0
        while events[i].type != _espeak.EVENT_LIST_TERMINATED:
            event = events[i]
            if event.type == _espeak.EVENT_WORD:
                # text_position counts characters from 1; audio_position is ms into the audio.
                marks.append((event.text_position - 1, event.audio_position))
            i += 1
        return int(on_synth(wav, numsamples, events))

    _espeak.SetSynthCallback(callback)


def text_to_phonemes(text: str) -> str:
    """espeak's phoneme mnemonics for `text` in the current voice, clause by clause (no audio:
    about 8 ms for 1000 words). Call it on the thread that owns the engine."""
    from pyttsx3.drivers import _espeak

    convert = _espeak.dll.espeak_TextToPhonemes
    convert.restype = ctypes.c_char_p
    convert.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
    buffer = ctypes.create_string_buffer(text.encode("utf-8"))
    position = ctypes.c_void_p(ctypes.addressof(buffer))
    clauses = []
    while position.value:  # espeak moves it past each clause; NULL at the end
        clauses.append((convert(ctypes.byref(position), _espeak.CHARS_UTF8, 0) or b"").decode())
    return " ".join(clauses)
