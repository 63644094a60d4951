"""The labels of a listen widget, by their words rather than one product's wording.

Pages that ship an audio player print its controls and its pitch around the story: a voice
picker ("Choose a voice"), "Choose your listening speed", "Listen to articles up to 3x
faster", "Get through your reading list faster: listen instead", "AI-generated audio". The
exact words vary by vendor and site, but such a line is short and made only of the widget's
vocabulary: a word about listening (listen, audio, voice, speed, narration) and the rest
from a small set of control and promotion words, speeds (1.5x) and durations. A body
sentence that mentions listening carries other words ("Listen to the people, she said.",
"The speed limit is 20 mph.") and is left alone.
"""

from __future__ import annotations

import re

from narrator.text.clean.lines import is_sentence, words

_CORE = re.compile(
    r"^(?:listen(?:s|ing|er|ers)?|audio|voices?|narrat(?:or|ors|ion|ed|e)|playback|speed|speeds"
    r"|aloud|hear|tts|text|speech)$"
)
_WIDGET_WORDS = """
    a an the this these your you our my to of in on for with by and or at up from as through
    article articles story stories page post piece news reading list lists read reader
    choose select pick change set adjust switch preferred default
    play pause player resume stop skip rewind forward back mute
    faster slower fast slow quicker normal natural rate
    more now free get try start download app apps install subscribe premium upgrade
    min mins minute minutes time while go anywhere instead save hands commute
    ai generated automated computer powered voiced by sounding human
    settings options menu label loading ready getting x times
"""
_WIDGET = frozenset(_WIDGET_WORDS.split())
_SPEED = re.compile(r"^\d+(?:\.\d+)?x?$")
_MAX_WORDS = 14
_SENTENCE_WORDS = 4


def is_audio_widget(line: str) -> bool:
    """A short line made only of a listen widget's words, with one about listening."""
    tokens = words(line)
    if not tokens or len(tokens) > _MAX_WORDS or re.search(r"[\"\u201c\u201d]", line):
        return False
    if is_sentence(line) and len(tokens) < _SENTENCE_WORDS:
        return False  # "Listen." said in a story
    if not any(_CORE.match(t) for t in tokens):
        return False
    return all(_CORE.match(t) or t in _WIDGET or _SPEED.match(t) for t in tokens)


_PICKED_WORDS = 4  # a voice's or a speed's name shown between two widget labels


def _widget_line(line: str) -> bool:
    tokens = words(line)
    return is_audio_widget(line) or (bool(tokens) and all(_SPEED.match(t) for t in tokens))


def widget_choices(lines: list[str]) -> set[int]:
    """Indexes of short lines shown between two widget labels: the voice or speed picked
    ("Choose a voice" / "Emma (UK)" / "Choose your listening speed")."""
    filled = [i for i, x in enumerate(lines) if x.strip()]
    out = set()
    for before, i, after in zip(filled, filled[1:], filled[2:], strict=False):
        line = lines[i]
        short = len(words(line)) <= _PICKED_WORDS and not line.rstrip().endswith(".")
        if short and _widget_line(lines[before]) and _widget_line(lines[after]):
            out.add(i)
    return out
