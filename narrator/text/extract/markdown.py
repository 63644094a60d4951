"""Markdown: front matter for metadata, markdown-it tokens for headings, paragraphs and items.

A table is read a row at a time ("Databases, $18k."), not a cell a paragraph; footnote marks
("[^1]") go, and a footnote's text is read where it is written, without its mark. A site
generator's template tags go too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrator.text.clean import normalize_space
from narrator.text.extract.html import fragment_blocks
from narrator.text.extract.metadata import language_code, tidy_author
from narrator.text.extract.raw import RawArticle

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]{1,20}\]:?\s*")
# A site generator's template tags: Hugo's shortcodes ("{{< figure src=... >}}", "{{% note %}}")
# and Jekyll's Liquid tags ("{% include ad.html %}"), for the generator, not the reader.
_TEMPLATE_TAG = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}", re.S)


def from_markdown(text: str) -> RawArticle:
    from markdown_it import MarkdownIt

    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        text = text[m.end() :]
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse(_TEMPLATE_TAG.sub("", text))
    lines: list[str] = []
    row: list[str] | None = None  # the cells of the table row being read
    title = meta.get("title")
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            cells = [c for c in row if c]
            if cells:
                last = cells[-1]
                lines.append(", ".join(cells) + ("" if last[-1] in ".!?" else "."))
            row = None
        elif tok.type == "inline":
            content = _FOOTNOTE_MARK.sub("", _inline_text(tok.children or [])).strip()
            heading = i > 0 and tokens[i - 1].type == "heading_open"
            if row is not None:
                row.append(content)
            elif heading and tokens[i - 1].tag == "h1" and title is None and not lines:
                title = content
            elif content:
                lines.append(content)
        elif tok.type == "html_block":
            lines.extend(fragment_blocks(tok.content))
    language = language_code(meta.get("lang", meta.get("language", "")) or "")
    return RawArticle(
        lines=lines,
        title=title or None,
        author=tidy_author(meta.get("author")),
        language=language,
    )


def _inline_text(children: Sequence[object]) -> str:
    """Inline Markdown as words: link text kept, URLs, images and raw HTML dropped."""
    from markdown_it.token import Token

    parts: list[str] = []
    for child in children:
        assert isinstance(child, Token)
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return normalize_space("".join(parts))
