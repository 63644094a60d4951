"""What a reader hands on before cleaning, and the loose comparison of lines the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class RawArticle:
    """What a reader found before cleaning: lines ("" = paragraph break) and metadata."""

    lines: list[str]
    title: str | None = None
    author: str | None = None
    language: str | None = None
    # Plain text: the lines still need joining into paragraphs after cleaning.
    joined: bool = True
    line_breaks: bool = False  # plain text that puts one paragraph on each line


def fold(text: str) -> str:
    """Lower-case words only: a headline and its copy in the body compare equal."""
    return " ".join(re.findall(r"\w+", text.lower()))
