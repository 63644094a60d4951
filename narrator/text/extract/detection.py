"""Which reader an input needs ("html", "markdown" or "text"): its file extension, else its look."""

from __future__ import annotations

import re
from pathlib import PurePath

KINDS = ("text", "html", "markdown")

_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<head|<body)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|h[1-6]|body|html|head|article|section|main|header|footer|nav"
    r"|li|ul|ol|script|style|meta|title|em|strong|b|i|blockquote|figure|img|table)\b[^>]*>",
    re.IGNORECASE,
)
_MD_SIGNALS = [
    re.compile(r"^#{1,6} \S", re.M),  # ATX heading
    re.compile(r"^```|^~~~", re.M),  # fenced code
    re.compile(r"!?\[[^\]\n]+\]\([^)\s]+\)"),  # link or image
    re.compile(r"(?:\*\*|__)\S[^\n]*?\S(?:\*\*|__)"),  # strong emphasis
    # Setext heading; a lone "-" under a line is a page's text-size widget ("A - +"), not one.
    re.compile(r"^\S[^\n]*\n(?:={2,}|-{2,})\s*$", re.M),
    re.compile(r"^>\s", re.M),  # block quote
]

# A fenced code block, opened and closed: Markdown alone writes one (and its reader leaves the
# code out, where a plain text's would be read aloud, backticks and all).
_FENCED = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1\s*$", re.M | re.S)


def detect_kind(text: str, filename: str | None = None) -> str:
    """The kind ("html", "markdown" or "text"): by file extension, else by how the text looks."""
    if filename:
        found = _EXTENSIONS.get(PurePath(filename).suffix.lower())
        if found:
            return found
    head = text[:20000]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 2:
        return "html"
    if head.startswith("---\n") and re.search(r"^---\s*$", head[4:], re.M):
        return "markdown"  # YAML front matter
    signals = sum(1 for p in _MD_SIGNALS if p.search(head))
    if re.match(r"\s*#{1,6} \S", head) or signals >= 2 or _FENCED.search(head):
        return "markdown"
    return "text"
