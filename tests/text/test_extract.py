"""read_article: decoding, kind detection, the three readers, errors, and the fixture pages."""

from __future__ import annotations

import codecs
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from narrator.errors import BinaryInput, EmptyArticle
from narrator.text.extract import decode, detect_kind, guess_language, join_lines, read_article

ROOT = Path(__file__).resolve().parents[2]


# --- decoding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Café crème.".encode(),
        codecs.BOM_UTF16_LE + "Café crème.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Café crème.".encode("utf-16-be"),
        "Café crème.".encode("utf-16-le"),  # no BOM: NUL in every other byte
        "Café crème.".encode("cp1252"),
        "Café crème.".encode("latin-1"),
    ],
)
def test_decode_encodings(data: bytes) -> None:
    assert decode(data) == "Café crème."


def test_decode_declared_html_charset() -> None:
    html = '<meta charset="iso-8859-15"><p>Prix : 5 €</p>'.encode("iso-8859-15")
    assert "5 €" in decode(html)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdftotext"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"some text\x00with a NUL", "NUL"),
        (bytes(range(1, 32)) * 20, "control"),
    ],
)
def test_binary_input(data: bytes, needle: str) -> None:
    with pytest.raises(BinaryInput) as info:
        read_article(data)
    message = str(info.value)
    assert needle in message and "\n" not in message
    assert "text, HTML or Markdown" in message or "pdftotext" in message


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"", None), (b"   \n\n\t  ", None), (b"\xef\xbb\xbf  \n", None), (b"   ", "markdown")],
)
def test_empty(data: bytes, kind: str | None) -> None:
    with pytest.raises(EmptyArticle, match="empty"):
        read_article(data, kind=kind)


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><script>var a = 1;</script><style>p{color:red}</style></head></html>",
        b"<script>document.write('hello there')</script>",
        b"<html><body><nav><a>Home</a> <a>News</a></nav></body></html>",
    ],
)
def test_html_with_nothing_readable(html: bytes) -> None:
    with pytest.raises(EmptyArticle, match="no readable article text"):
        read_article(html, filename="page.html")


def test_furniture_only_text_is_empty() -> None:
    with pytest.raises(EmptyArticle):
        read_article(b"Advertisement\n\nShare this article\n\n1.25x\n")


# --- kind -----------------------------------------------------------------------------


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


# --- HTML -----------------------------------------------------------------------------


def test_tiny_html_fragment() -> None:
    assert read_article(b"<p>Hello world.</p>").paragraphs == ["Hello world."]


def test_html_fragment_keeps_paragraphs_and_drops_furniture() -> None:
    html = (
        b"<h1>Headline here</h1><p>By Noor Haddad<br>Posted 11:20 AM</p>"
        b"<p>First <em>paragraph</em>.</p><p>Advertisement</p><p>Second one.</p>"
    )
    article = read_article(html)
    assert article.title == "Headline here"
    assert article.author == "Noor Haddad"
    assert article.paragraphs == ["First paragraph.", "Second one."]


def test_html_language_from_lang_attribute() -> None:
    html = b'<html lang="de-AT"><body><p>Guten Tag.</p></body></html>'
    assert read_article(html).language == "de"


def test_html_author_from_json_ld() -> None:
    page = ROOT / "tests" / "fixtures" / "pages" / "jsonld_science.html"
    assert read_article(page.read_bytes(), filename=page.name).author == "Dr Fiona McAllister"


# --- Markdown -------------------------------------------------------------------------


def test_markdown() -> None:
    md = b"""# The Title

![a photo](x.jpg)

A paragraph with a [link text](https://example.org/long/url) and `code`.

- first item
- second item

```
print("never read")
```

## A subheading

> A quoted line.
"""
    article = read_article(md, filename="a.md")
    assert article.title == "The Title"
    assert article.paragraphs == [
        "A paragraph with a link text and code.",
        "first item",
        "second item",
        "A subheading",
        "A quoted line.",
    ]


def test_markdown_front_matter() -> None:
    md = b"---\ntitle: From Front Matter\nauthor: Jo Bloggs\nlang: es\n---\n\nHola a todos.\n"
    article = read_article(md)
    assert (article.title, article.author, article.language) == (
        "From Front Matter",
        "Jo Bloggs",
        "es",
    )
    assert article.paragraphs == ["Hola a todos."]


def test_markdown_without_h1_has_no_title() -> None:
    assert read_article(b"Some text.\n\n## Later\n", kind="markdown").title is None


# --- plain text -----------------------------------------------------------------------


def test_harbor_headline_and_byline() -> None:
    data = (ROOT / "tests" / "fixtures" / "articles" / "harbor.txt").read_bytes()
    article = read_article(data, filename="harbor.txt")
    assert article.title == "City Council Approves Harbor Cleanup Plan"
    assert article.author == "Maria Lopez"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("The city council voted 7-2")


@pytest.mark.parametrize(
    "text",
    [
        b"Hello there. This is a short test.",
        b"The council met on Tuesday.\n\nIt voted 7-2.",  # final full stop: a sentence
        b"A single line with no period",  # nothing after it
        b"Short first line\nthat continues here.\n\nMore text.",  # no blank line after it
        b"a lower-case start\n\nMore text.",
    ],
)
def test_text_title_is_conservative(text: bytes) -> None:
    article = read_article(text)
    assert article.title is None
    assert article.paragraphs[0].split()[0] in text.decode()


def test_text_headline_followed_by_blank_line() -> None:
    article = read_article(b"Storm Closes Schools\n\nAll schools were closed on Monday.")
    assert article.title == "Storm Closes Schools"
    assert article.paragraphs == ["All schools were closed on Monday."]


def test_hard_wrapped_lines_join() -> None:
    text = (
        "The council voted on Tuesday to approve a plan that had been\n"
        "debated for three years, ending a long fight over the harbor\n"
        "and its future.\n\nSecond paragraph."
    )
    assert join_lines(text.split("\n")) == [
        "The council voted on Tuesday to approve a plan that had been debated for three "
        "years, ending a long fight over the harbor and its future.",
        "Second paragraph.",
    ]


def test_short_items_stay_apart() -> None:
    assert join_lines(["- Milk", "- Eggs", "- Bread"]) == ["Milk", "Eggs", "Bread"]
    assert join_lines(["Monday: Closed", "Tuesday: 9 to 5", "Wednesday: 9 to 5"]) == [
        "Monday: Closed",
        "Tuesday: 9 to 5",
        "Wednesday: 9 to 5",
    ]


def test_single_newlines_join_in_a_paragraph() -> None:
    lines = ["Board member Raj Patel proposed a delay. His motion failed 5-4.", "He declined."]
    assert join_lines(lines) == [" ".join(lines)]


def test_text_with_no_blank_lines_is_a_paragraph_per_line() -> None:
    one = "The first paragraph is long enough that nobody would hard-wrap it at this width."
    two = "The second paragraph is also long enough that it is clearly its own paragraph here."
    assert read_article(f"{one} {one}\n{two} {two}\n".encode()).paragraphs == [
        f"{one} {one}",
        f"{two} {two}",
    ]


def test_paragraphs_are_clean_strings() -> None:
    article = read_article(b"  One\t\ttwo  \r\nthree.\r\n\r\n\r\n\x0cFour\xc2\xa0five.  ")
    assert article.paragraphs == ["One two three.", "Four five."]


# --- language -------------------------------------------------------------------------


def test_guess_language() -> None:
    assert guess_language("The council said that it was on the agenda for the vote.") == "en"
    french = "Le conseil a voté pour le projet et la ville est prête pour les travaux dans le port."
    assert guess_language(french) == "fr"
    assert guess_language("Too short.") == "en"


# --- the fixture pages against their gold ---------------------------------------------


def _bench() -> ModuleType:
    path = ROOT / "bench" / "extraction.py"
    spec = importlib.util.spec_from_file_location("bench_extraction", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_fixture_pages_meet_the_bar() -> None:
    bench = _bench()
    pages = bench.pages()
    assert len(pages) >= 10
    scores = [bench.score_page(p) for p in pages]
    overall = bench.overall(scores)
    assert overall.precision >= 0.95, [(s.name, round(s.precision, 3)) for s in scores]
    assert overall.recall >= 0.97, [(s.name, round(s.recall, 3)) for s in scores]
    assert all(s.f1 >= 0.9 for s in scores), [(s.name, round(s.f1, 3)) for s in scores]
    assert overall.title_accuracy >= 0.9, [s.name for s in scores if not s.title_ok]
    assert overall.author_accuracy >= 0.9, [s.name for s in scores if not s.author_ok]
    assert overall.language_accuracy == 1.0, [s.name for s in scores if not s.language_ok]
