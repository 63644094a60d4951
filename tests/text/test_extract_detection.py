"""Which reader an input needs."""

from __future__ import annotations

import pytest

from narrator.text.extract import detect_kind, read_article


@pytest.mark.parametrize(
    ("text", "filename", "kind"),
    [
        ("# Title", "a.HTML", "html"),
        ("<p>x</p>", "notes.md", "markdown"),
        ("<p>x</p>", "notes.txt", "text"),
        ("<!DOCTYPE html><html><body>x</body></html>", None, "html"),
        ("<p>Hello world.</p>", None, "html"),
        ("Intro\n<div>one</div>\n<p>two</p>", "page.unknown", "html"),
        ("# A heading\n\nSome text.", None, "markdown"),
        ("---\ntitle: x\n---\nBody.", None, "markdown"),
        ("Text with a [link](http://x.org) and **bold** words.", None, "markdown"),
        # a fenced code block, opened and closed, is Markdown's alone (its reader drops the code)
        ("Reverse it:\n\n```python\nitems[::-1]\n```\n\nDone.", None, "markdown"),
        ("Three backticks ``` in a sentence are no fence.", None, "text"),
        ("Plain text. 3 < 4 and 5 > 2.\n\nMore.", None, "text"),
        ("Just a [link](http://x.org) once.", None, "text"),
    ],
)
def test_detect_kind(text: str, filename: str | None, kind: str) -> None:
    assert detect_kind(text, filename) == kind


def test_kind_overrides_detection() -> None:
    article = read_article(b"# Not a heading\n\nText.", kind="text")
    assert article.paragraphs[0] == "# Not a heading"


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="kind"):
        read_article(b"x", kind="pdf")
