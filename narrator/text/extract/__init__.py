"""Read an article: bytes of plain text, HTML or Markdown in, an `Article` out.

read_article(data)
├── decoding.decode        BOM / UTF-8 / UTF-16 / declared charset / cp1252, or BinaryInput
├── detection.detect_kind  filename extension, else content sniffing
├── html.from_html         trafilatura (body + metadata), a plain lxml walk for fragments
├── markdown.from_markdown markdown-it tokens: headings, paragraphs, list items
├── plain.from_text        blank-line paragraphs, a conservative headline
└── clean                  furniture, captions, byline (narrator.text.clean), then EmptyArticle
"""

from __future__ import annotations

from narrator.errors import EmptyArticle
from narrator.text import clean
from narrator.text.article import Article
from narrator.text.clean.datelines import take_dateline
from narrator.text.extract.decoding import READABLE_PATTERN, decode, without_controls
from narrator.text.extract.detection import KINDS, detect_kind
from narrator.text.extract.html import from_html
from narrator.text.extract.language import guess_language
from narrator.text.extract.markdown import from_markdown
from narrator.text.extract.plain import from_text, join_lines, text_headline
from narrator.text.extract.raw import RawArticle, fold

__all__ = [
    "KINDS",
    "READABLE_PATTERN",
    "RawArticle",
    "decode",
    "detect_kind",
    "from_html",
    "from_markdown",
    "from_text",
    "guess_language",
    "join_lines",
    "read_article",
    "without_controls",
]


def read_article(data: bytes, *, filename: str | None = None, kind: str | None = None) -> Article:
    """The article in `data`; raises BinaryInput or EmptyArticle with a message to act on."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or None, got {kind!r}")
    text = decode(data)
    kind = kind or detect_kind(text, filename)
    if kind == "html":
        raw = from_html(text)
    elif kind == "markdown":
        raw = from_markdown(text)
    else:
        raw = from_text(text)
    return _finish(raw, kind, filename)


def _finish(raw: RawArticle, kind: str, filename: str | None) -> Article:
    title = clean.normalize_space(raw.title) if raw.title else None
    result = clean.clean_lines(raw.lines, author=raw.author, paragraphs=raw.joined)
    lines = result.lines
    if not raw.joined:
        title, lines = text_headline(lines)
        paragraphs = join_lines(lines, line_breaks=raw.line_breaks)
    else:
        paragraphs = [x for x in lines if x]
    paragraphs = _drop_title_repeats(paragraphs, title)
    byline = take_dateline(paragraphs, result.author)
    paragraphs = byline.paragraphs
    if not paragraphs:
        raise EmptyArticle(_empty_message(kind, filename))
    language = raw.language or guess_language(" ".join(paragraphs[:20]))
    return Article(
        paragraphs=paragraphs,
        title=title,
        author=byline.author,
        language=language,
        place=byline.place,
    )


def _empty_message(kind: str, filename: str | None) -> str:
    name = filename or "input"
    if kind == "html":
        return f"{name}: no readable article text in this HTML (only scripts, styles or menus?)"
    return f"{name} is empty: there is no article text to read"


_PRE_TITLE_LINES = 3


def _drop_title_repeats(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline is often the first block of the body too; it is read once, as title.
    Short lines just above it (a section kicker, a breadcrumb) are page header, not body."""
    if not title:
        return paragraphs
    key = fold(title)
    folded = [fold(p) for p in paragraphs[: _PRE_TITLE_LINES + 1]]
    if key in folded:
        at = folded.index(key)
        if all(len(p.split()) <= 12 for p in paragraphs[:at]):
            paragraphs = paragraphs[at:]
    out = list(paragraphs)
    while out and fold(out[0]) == key:
        out.pop(0)
    return out
