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
