"""Is a whole line page furniture? Each family of furniture has its own module and rule."""

from __future__ import annotations

from narrator.text.clean.audio import is_audio_widget
from narrator.text.clean.bylines import is_signoff
from narrator.text.clean.dates import is_date_line
from narrator.text.clean.labels import is_label
from narrator.text.clean.lines import normalize_space, words
from narrator.text.clean.links import is_excerpt, is_link_line, is_nav_row
from narrator.text.clean.notices import is_notice


def is_furniture(line: str) -> bool:
    """True when the whole line is page furniture (a label, prompt, credit or notice)."""
    line = normalize_space(line)
    if not line:
        return False
    if not words(line):  # punctuation or symbols only: "|", "•••", "—"
        return True
    return (
        is_label(line)
        or is_link_line(line)
        or is_excerpt(line)
        or is_notice(line)
        or is_date_line(line)
        or is_signoff(line)
        or is_nav_row(line)
        or is_audio_widget(line)
    )
