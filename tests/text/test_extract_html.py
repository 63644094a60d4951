"""The HTML reader: fragments, metadata, furniture."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root, for `bench`

from bench import forms, pageset
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


# --- the story in the page's JSON-LD (narrator.text.extract.structured) ----------------------

_STORY = [
    "The city council voted seven to two on Tuesday to approve a plan to clean up the harbor, "
    "ending a debate that had run for most of the year.",
    "Under the plan, the north pier will be rebuilt first, and the old fuel tanks beside it "
    "will be removed before the summer season begins.",
    "The mayor said the work would be paid for by the city and the state together, with a "
    "federal grant covering the cost of testing the water.",
    "Two members voted against it, saying the estimate left out the price of moving the "
    "fishing fleet while the pier is closed.",
    "Residents who spoke at the meeting asked mostly about noise, and about whether the beach "
    "by the old ferry landing would stay open.",
    "Officials said the beach would close for two months at most, and only once the dredging "
    "reached the southern end of the harbor.",
    "A public meeting on the timetable is planned for next month at the library, where the "
    "engineers will answer questions from the neighbors.",
    "The council will vote again in the autumn on the second phase, which covers the walkways, "
    "the lights and the benches along the water.",
]


def _page(shown: str, body: str, headline: str = "Council Approves Harbor Plan") -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": headline, "articleBody": body})
    return (
        f'<html><head><title>{headline}</title><script type="application/ld+json">{ld}</script>'
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{headline}</h1>{shown}</article><footer>© 2024 Example News</footer>"
        f"</body></html>"
    ).encode()


def test_a_paywalled_page_is_read_whole_from_its_structured_data() -> None:
    shown = "".join(f"<p>{p}</p>" for p in _STORY[:2])
    shown += "<div class='paywall'><p>Subscribe to continue reading. Log in.</p></div>"
    article = read_article(_page(shown, "\n\n".join(_STORY)), filename="page.html")
    assert article.paragraphs == _STORY


def test_a_page_rendered_in_the_browser_is_read_from_its_structured_data() -> None:
    body = "".join(f"<p>{p}</p>" for p in _STORY)  # articleBody holding HTML
    article = read_article(_page("<div id='root'>Loading…</div>", body), filename="page.html")
    assert article.paragraphs == _STORY


@pytest.mark.parametrize(
    "body",
    [
        # another story, longer than the page's
        "\n\n".join(
            f"The weather service said rain would fall on day {i} of the fair." for i in range(40)
        ),
        # a summary, shorter than the page's story
        "The council voted on the harbor plan.",
    ],
)
def test_the_page_text_stands_where_its_structured_data_is_no_fuller_story(body: str) -> None:
    shown = "".join(f"<p>{p}</p>" for p in _STORY[:4])
    article = read_article(_page(shown, body), filename="page.html")
    assert article.paragraphs == _STORY[:4]


def test_real_pages_behind_a_paywall_are_read_whole() -> None:
    """The 48 pages of bench/data/pages rebuilt as a paywall shows them (bench/forms.py): the
    headline and two paragraphs in the HTML, the whole true body in JSON-LD. Before
    structured.py: recall 0.12 over all 210 bench pages rebuilt so (trafilatura reads the
    HTML); now 0.997."""
    overall, _ = forms.score(pageset.load(), forms.FORMS["paywall"])
    assert overall.recall >= 0.98, overall.recall


@pytest.mark.parametrize(
    "tail",
    [
        ' <a href="/a">Continue reading &rarr;</a>',
        ' <a href="/a">Continue reading <span>Council Approves Harbor Plan</span></a>',
        ' <a href="/a">Read more &raquo;</a>',
    ],
)
def test_a_feed_entrys_link_to_the_rest_and_its_first_appeared_note_are_not_read(
    tail: str,
) -> None:
    """A WordPress feed's entry: "Continue reading ..." after its last sentence, and "The post
    ... appeared first on ..." under it."""
    first = "".join(f"<p>{p}</p>" for p in _STORY[:2])
    note = "<p>The post <a href='/a'>Council Approves Harbor Plan</a> appeared first on "
    note += "<a href='/'>Harbor City News</a>.</p>"
    entry = f"{first}<p>{_STORY[2]}{tail}</p>{note}".encode()
    assert read_article(entry).paragraphs == _STORY[:3]
