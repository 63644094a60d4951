"""The Markdown reader: headings, front matter, what is never read."""

from __future__ import annotations

from narrator.text.extract import read_article


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


def test_a_table_is_read_a_row_at_a_time() -> None:
    md = b"""# Costs

What we saved.

| Change | Saving |
|---|---|
| Databases | $18k |
| Nights off | $9k |

That was the year.
"""
    assert read_article(md, filename="a.md").paragraphs == [
        "What we saved.",
        "Change, Saving.",
        "Databases, $18k.",
        "Nights off, $9k.",
        "That was the year.",
    ]


def test_footnote_marks_go_and_the_note_is_read_without_its_mark() -> None:
    md = b"See the report for details[^1].\n\n[^1]: Figures are monthly averages.\n"
    assert read_article(md, filename="a.md").paragraphs == [
        "See the report for details.",
        "Figures are monthly averages.",
    ]


def test_a_site_generators_template_tags_are_not_read() -> None:
    """Hugo's shortcodes and Jekyll's Liquid tags are for the generator; what a paired shortcode
    wraps is the post's own text."""
    source = (
        b"---\ntitle: Night Bus\n---\n\n"
        b'{{< figure src="/img/bus.jpg" caption="The last bus" >}}\n\n'
        b"The last bus leaves Main Street at 10:40 every night, far too early for late shifts.\n\n"
        b"{% include newsletter.html %}\n\n"
        b"{{% note %}}Riders can ask for a stop anywhere on the route.{{% /note %}}\n"
    )
    article = read_article(source, filename="post.md")
    assert article.paragraphs == [
        "The last bus leaves Main Street at 10:40 every night, far too early for late shifts.",
        "Riders can ask for a stop anywhere on the route.",
    ]
