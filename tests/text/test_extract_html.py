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


def test_a_heading_trafilatura_nested_in_a_paragraph_is_a_line_of_its_own() -> None:
    # trafilatura put a subheading inside the paragraph that ends with a photo credit: read as
    # one line, the heading went out with the credit.
    from lxml import etree

    from narrator.text.extract.html import _xml_blocks

    xml = (
        "<main><p>India won its freedom in 1947.<lb/>Image credit : Photo: Quora"
        '<head rend="h2">Earlier it was January 26 </head><lb/>But why August 15?</p></main>'
    )
    lines = [" ".join(x.split()) for x in _xml_blocks(etree.fromstring(xml)) if x.strip()]
    assert lines == [
        "India won its freedom in 1947.",
        "Image credit : Photo: Quora",
        "Earlier it was January 26",
        "But why August 15?",
    ]


def test_text_loose_between_trafilatura_s_blocks_is_kept() -> None:
    # A blog post's text after a heading, not in a paragraph: trafilatura keeps it as the
    # heading's tail, and so must we (a list item's text before its nested list too).
    from lxml import etree

    from narrator.text.extract.html import _xml_blocks

    xml = (
        '<main><p>This post explains the names.</p><head rend="h3">A glossary</head>'
        "You should know these terms.<list><item>Intro of an item<list><item>ES5</item>"
        "</list></item></list>A closing line.</main>"
    )
    lines = [" ".join(x.split()) for x in _xml_blocks(etree.fromstring(xml)) if x.strip()]
    assert lines == [
        "This post explains the names.",
        "A glossary",
        "You should know these terms.",
        "Intro of an item",
        "ES5",
        "A closing line.",
    ]


def test_of_trafilatura_s_two_modes_the_one_with_more_prose_is_read() -> None:
    # Its recall mode kept an e-mail form under a story (a Wall Street Journal page): more
    # words, no more prose, so the default mode's body is read; a paragraph more is prose.
    from narrator.text.extract.html import _words

    story = [
        "Panasonic will cut its costs by a third over the next two years, its chief executive "
        "told reporters in Osaka on Friday, as the company struggles with falling sales.",
        "The company said it would close two of its factories in the country.",
    ]
    form = [
        "Email This",
        "Recipient's Email Address (Separate multiple address with commas)",
        "Your Email Address",
        "Message (Optional)",
        "Your email has been sent.",
        "\u2022 Invalid email address.",
        "Share: facebook Twitter LinkedIn StumbleUpon Reddit del.icio.us MySpace",
    ]
    assert _words(story + form) == _words(story) > 0
    more = "Its shares rose by four percent in Tokyo after the announcement was made public."
    assert _words([*story, more]) > _words(story)
