"""The HTML reader: fragments, metadata, furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.errors import EmptyArticle
from narrator.text.extract import read_article

ROOT = Path(__file__).resolve().parents[2]


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
