"""Read an article: bytes of plain text, HTML or Markdown in, an `Article` out.

read_article(data)
├── decode        BOM / UTF-8 / UTF-16 / declared charset / cp1252, or BinaryInput
├── detect_kind   filename extension, else content sniffing
├── from_html     trafilatura (body + metadata), a plain lxml walk for fragments
├── from_markdown markdown-it tokens: headings, paragraphs, list items
├── from_text     blank-line paragraphs, a conservative headline
└── clean         furniture, captions, byline (narrator.text.clean), then EmptyArticle
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import lxml.html
from lxml import etree

from narrator.errors import BinaryInput, EmptyArticle
from narrator.text import clean
from narrator.text.article import Article

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


# --- decoding -------------------------------------------------------------------------

# Magic numbers of the binary files people most often send by mistake, with what to do.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF; convert it to text first (for example with `pdftotext`)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WAV/WebP/AVI) media file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.epub); save it as text, HTML or Markdown"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"BZh", "bzip2-compressed; decompress it first"),
    (b"\xfd7zXZ", "xz-compressed; decompress it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; save it as text first"),
    (b"{\\rtf", "an RTF document; save it as plain text first"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# C0 controls except tab/newline/carriage return/form feed, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.02
_HINT = "narrator reads plain text, HTML or Markdown"


def decode(data: bytes) -> str:
    """Bytes to text, or BinaryInput when the bytes are not text in any encoding we read."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            # "binary" is the word people search for; what it is and what to do come after.
            advice = what.partition("; ")[2] or _HINT
            raise BinaryInput(f"input is binary, not text: {what.partition('; ')[0]}; {advice}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                raise BinaryInput(
                    f"input starts with a {encoding} mark but is not valid "
                    f"{encoding}: re-save it as UTF-8"
                ) from None
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(utf16)
    if b"\x00" in data:
        raise BinaryInput(f"input contains NUL bytes, so it is a binary file: {_HINT}")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        try:
            return _checked(data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    # Not UTF-8: most such text in the wild is Windows-1252 (a superset of Latin-1's
    # printable range); Latin-1 decodes anything, so the control check decides.
    try:
        return _checked(data.decode("cp1252"))
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII-range text."""
    sample = data[:2000]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for nuls, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) > 0.9 * len(nuls) and other.count(0) < 0.05 * len(other):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _checked(text: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise BinaryInput(f"input is mostly control characters, so it is binary: {_HINT}")
    return text


# --- kind -----------------------------------------------------------------------------

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
    re.compile(r"^\S[^\n]*\n(?:=+|-+)\s*$", re.M),  # setext heading
    re.compile(r"^>\s", re.M),  # block quote
]


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
    if re.match(r"\s*#{1,6} \S", head) or signals >= 2:
        return "markdown"
    return "text"


# --- the three readers ----------------------------------------------------------------


@dataclass
class RawArticle:
    """What a reader found before cleaning: lines ("" = paragraph break) and metadata."""

    lines: list[str]
    title: str | None = None
    author: str | None = None
    language: str | None = None
    # Plain text: the lines still need joining into paragraphs after cleaning.
    joined: bool = True
    line_breaks: bool = False  # plain text that puts one paragraph on each line


def from_html(html: str) -> RawArticle:
    """Body and metadata by trafilatura; a plain walk of block tags when it finds nothing."""
    import trafilatura
    from trafilatura.settings import set_date_params

    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
        # We never use the date, and the extensive search (dateparser) costs seconds a page.
        date_extraction_params=set_date_params(extensive=False),
    )
    lines: list[str] = []
    title = author = None
    if xml:
        doc = etree.fromstring(xml.encode("utf-8"))
        title = doc.get("title")
        author = doc.get("author")
        main = doc.find("main")
        if main is not None:
            lines = list(_xml_blocks(main))
    meta = _html_metadata(html)
    title = title or meta.title
    author = _tidy_author(author or meta.author)
    if not any(lines):
        lines = list(_fragment_blocks(html))
    elif title:
        lines = _align_with_headline(html, title, lines)
    return RawArticle(lines=lines, title=title, author=author, language=meta.language)


_LEAD_MAX_BLOCKS = 40


def _align_with_headline(html: str, title: str, lines: list[str]) -> list[str]:
    """trafilatura's lines, set against the page around the headline.

    trafilatura sometimes starts the body early, with a section kicker from above the
    headline, and sometimes late, losing a standfirst, a live blog's key points or its
    first entry heading. Short lines that come before the headline on the page are
    dropped; the blocks between the headline and the first body line are taken back.
    That region is otherwise only furniture (byline, date, share and listen buttons),
    which the cleaner removes.
    """
    blocks = list(_fragment_blocks(html, keep_header=True))
    folded = [_fold(b) for b in blocks]
    key = _fold(title)
    start = next((i for i, f in enumerate(folded) if f == key), None)
    if start is None:
        return lines
    before, after = set(folded[:start]), set(folded[start + 1 :])
    lines = list(lines)
    while lines and (
        not lines[0]
        or (
            _fold(lines[0]) in before
            and _fold(lines[0]) not in after
            and len(lines[0].split()) <= 12
        )
    ):
        lines.pop(0)
    first = next((_fold(x) for x in lines if x and _fold(x) != key), None)
    end = next((i for i in range(start + 1, len(folded)) if folded[i] == first), None)
    if end is None or end - start > _LEAD_MAX_BLOCKS:
        return lines
    return blocks[start + 1 : end] + lines


_XML_CONTAINERS = {"list", "table", "div"}
_XML_NESTED = {"p", "list", "item", "quote", "table", "head"}
_XML_SKIPPED = {"code", "graphic"}
_BREAK = "\u2028"  # stands for <br>/<lb/>: a line break inside a block


def _xml_blocks(element: etree._Element) -> Iterable[str]:
    """trafilatura's XML as lines: paragraphs, headings, list items, table rows; a <lb/>
    inside a block splits it so the cleaner sees "By Jane Doe" apart from "Updated ..."."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _XML_SKIPPED:
            continue
        if tag == "row":
            cells = [clean.normalize_space("".join(c.itertext())) for c in child]
            yield ", ".join(c for c in cells if c)
        elif tag in _XML_CONTAINERS or (
            tag in {"quote", "item"} and any(c.tag in _XML_NESTED for c in child)
        ):
            yield from _xml_blocks(child)
        else:
            for lb in child.iter("lb"):
                lb.tail = _BREAK + (lb.tail or "")
            yield from _split_breaks("".join(child.itertext()))


@dataclass
class _Meta:
    title: str | None = None
    author: str | None = None
    language: str | None = None


def _html_metadata(html: str) -> _Meta:
    """Language (html lang, content-language, og:locale, JSON-LD), fallback title/author."""
    import lxml.html

    meta = _Meta()
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):  # "Document is empty", or an XML declaration
        return meta
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("xml:lang")]
    candidates += tree.xpath(
        "//meta[@http-equiv][translate(@http-equiv,'CL','cl')='content-language']/@content"
    )
    candidates += tree.xpath("//meta[@property='og:locale']/@content")
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        for item in _json_ld_items(script):
            candidates.append(_str(item.get("inLanguage")))
            meta.author = meta.author or _ld_author(item.get("author"))
            meta.title = meta.title or _str(item.get("headline"))
    meta.language = next((_language_code(c) for c in candidates if c and _language_code(c)), None)
    if not meta.author:
        names = tree.xpath("//meta[@name='author' or @property='article:author']/@content")
        meta.author = next((n for n in names if n and not n.startswith("http")), None)
    if not meta.title:
        h1 = tree.xpath("//h1")
        titles = tree.xpath("//title/text()")
        if h1:
            meta.title = clean.normalize_space(h1[0].text_content()) or None
        elif titles:
            meta.title = clean.normalize_space(titles[0]) or None
    return meta


def _json_ld_items(text: str) -> Iterable[dict[str, object]]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            yield item


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _ld_author(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_author(v) for v in value) if n]
        return "; ".join(names) or None
    if isinstance(value, dict):
        return _str(value.get("name"))
    return _str(value)


def _language_code(value: str) -> str | None:
    m = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$", value)
    return m.group(1).lower() if m else None


_JOB_TITLE = re.compile(
    r"[\s,|-]+(?:senior |chief |staff |special |contributing )?(?:reporter|correspondent"
    r"|writer|editor|columnist|contributor|journalist)\s*$",
    re.IGNORECASE,
)


def _tidy_author(author: str | None) -> str | None:
    """trafilatura joins authors with "; ": read them as "A, B and C"."""
    if not author:
        return None
    names = [clean.normalize_space(a) for a in re.split(r"\s*;\s*", author) if a.strip()]
    # trafilatura may run a name into the job title printed under it.
    names = [_JOB_TITLE.sub("", n) for n in names]
    names = [n.title() if n.isupper() else n for n in names]
    names = list(dict.fromkeys(names))
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"}
_TEXT_BLOCKS |= {"td", "th", "figcaption", "caption", "address"}
_CONTAINERS = {"div", "section", "article", "main", "header", "body", "figure", "ul", "ol"}
_CONTAINERS |= {"dl", "table", "tbody", "thead", "tr", "span", "aside", "nav", "footer"}
_FRAGMENT_BLOCKS = _TEXT_BLOCKS | _CONTAINERS - {"span"}


def _fragment_blocks(html: str, *, keep_header: bool = False) -> Iterable[str]:
    """Text blocks of a page or fragment in document order, scripts and menus removed.

    Used for fragments trafilatura declines ("<p>Hello world.</p>") and for the region
    under the headline (`keep_header`: an article's <h1> often sits in a <header>).
    """
    from lxml_html_clean import Cleaner

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return
    cleaner = Cleaner(
        scripts=True, javascript=True, style=True, comments=True, forms=True, page_structure=False
    )
    tree = cleaner.clean_html(tree)
    dropped = "//nav|//footer|//aside|//noscript|//template|//svg|//head|//select"
    if not keep_header:
        dropped += "|//header"
    for bad in tree.xpath(dropped):
        bad.drop_tree()
    for br in tree.xpath("//br"):
        br.tail = _BREAK + (br.tail or "")
    yield from _block_texts(tree)


def _block_texts(element: lxml.html.HtmlElement) -> Iterable[str]:
    """Text of each innermost block; loose text inside a container is a block of its own.

    A container holding only inline elements and no text of its own ("<div><span>1x</span>
    <button>1.25x</button></div>", a row of widget labels) gives one block per element,
    so each label can be judged on its own; a <p> always stays one block.
    """
    children = [c for c in element if isinstance(c.tag, str)]
    loose = (element.text or "").strip() or any((c.tail or "").strip() for c in element)
    if element.tag not in _TEXT_BLOCKS and children and not loose:
        for child in children:
            if child.tag in _TEXT_BLOCKS or not list(child):
                yield from _split_breaks(child.text_content())
            else:
                yield from _block_texts(child)
        return
    inline: list[str] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            inline.append(child.tail or "")
            continue
        if child.tag in _FRAGMENT_BLOCKS:
            yield from _split_breaks("".join(inline))
            inline = []
            if child.tag not in _TEXT_BLOCKS and any(
                isinstance(c.tag, str) for c in child.iterdescendants()
            ):
                yield from _block_texts(child)
            else:
                yield from _split_breaks(child.text_content())
        else:
            inline.append(child.text_content())
        inline.append(child.tail or "")
    yield from _split_breaks("".join(inline))


def _split_breaks(text: str) -> list[str]:
    return [clean.normalize_space(x) for x in text.split(_BREAK) if x.strip()]


# Markdown.

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)


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
    tokens = md.parse(text)
    lines: list[str] = []
    title = meta.get("title")
    for i, tok in enumerate(tokens):
        if tok.type == "inline":
            content = _inline_text(tok.children or [])
            heading = i > 0 and tokens[i - 1].type == "heading_open"
            if heading and tokens[i - 1].tag == "h1" and title is None and not lines:
                title = content
            elif content:
                lines.append(content)
        elif tok.type == "html_block":
            lines.extend(_fragment_blocks(tok.content))
    language = _language_code(meta.get("lang", meta.get("language", "")) or "")
    return RawArticle(
        lines=lines,
        title=title or None,
        author=_tidy_author(meta.get("author")),
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
    return clean.normalize_space("".join(parts))


# Plain text.

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d{1,3}[.)])\s+")


def from_text(text: str) -> RawArticle:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    lines = [line.rstrip() for line in lines]
    return RawArticle(lines=lines, joined=False, line_breaks=_line_per_paragraph(lines))


def _line_per_paragraph(lines: Sequence[str]) -> bool:
    """Text with no blank line anywhere and long lines uses one line per paragraph."""
    filled = [i for i, x in enumerate(lines) if x.strip()]
    if not filled:
        return False
    inside = lines[filled[0] : filled[-1] + 1]
    return all(x.strip() for x in inside) and sum(len(x) > 100 for x in inside) >= 2


def join_lines(lines: Sequence[str], *, line_breaks: bool = False) -> list[str]:
    """Plain-text lines to paragraphs. Blank lines separate paragraphs; a single newline
    joins lines with a space unless they are separate short items (a list, or short lines
    that are not a wrapped text), or the text has no blank lines at all (`line_breaks`:
    then every line is a paragraph)."""
    if line_breaks:
        return [clean.normalize_space(_BULLET.sub("", x)) for x in lines if x.strip()]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        paragraphs.extend(_block_paragraphs(block))
        block = []
    return [p for p in paragraphs if p]


def _block_paragraphs(block: list[str]) -> list[str]:
    items = [bool(_BULLET.match(x)) for x in block]
    if len(block) > 1 and (all(items) or _short_items(block)):
        return [clean.normalize_space(_BULLET.sub("", x)) for x in block]
    out: list[str] = []
    for line, item in zip(block, items, strict=True):
        text = clean.normalize_space(_BULLET.sub("", line) if item else line)
        if out and not item:
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _short_items(block: Sequence[str]) -> bool:
    """Separate items: every line short, none continuing the one before in lower case,
    and not a hard-wrapped text (whose lines, but the last, are about the same length)."""
    lengths = [len(x.strip()) for x in block]
    wrapped = len(block) > 2 and max(lengths) >= 40 and min(lengths[:-1]) > 0.75 * max(lengths)
    return (
        max(lengths) <= 60
        and not wrapped
        and not any(x.lstrip()[:1].islower() for x in block[1:])
        and not any(clean.is_sentence(x.strip()) and len(x.split()) > 6 for x in block)
    )


# --- finishing ------------------------------------------------------------------------


def _finish(raw: RawArticle, kind: str, filename: str | None) -> Article:
    title = clean.normalize_space(raw.title) if raw.title else None
    result = clean.clean_lines(raw.lines, author=raw.author)
    lines = result.lines
    if not raw.joined:
        title, lines = _text_headline(lines)
        paragraphs = join_lines(lines, line_breaks=raw.line_breaks)
    else:
        paragraphs = [x for x in lines if x]
    paragraphs = _drop_title_repeats(paragraphs, title)
    if not paragraphs:
        raise EmptyArticle(_empty_message(kind, filename))
    language = raw.language or guess_language(" ".join(paragraphs[:20]))
    return Article(paragraphs=paragraphs, title=title, author=result.author, language=language)


def _empty_message(kind: str, filename: str | None) -> str:
    name = filename or "input"
    if kind == "html":
        return f"{name}: no readable article text in this HTML (only scripts, styles or menus?)"
    return f"{name} is empty: there is no article text to read"


_HEADLINE_MAX_WORDS = 20


def _text_headline(lines: list[str]) -> tuple[str | None, list[str]]:
    """The first line (after cleaning) is the title only if it reads like a headline: short,
    no final full stop, a paragraph break after it (a blank line, or a byline or other
    furniture that the cleaner removed) and more text after that. Else it stays body text."""
    first = next((i for i, x in enumerate(lines) if x), None)
    if first is None or first + 2 >= len(lines):
        return None, lines
    candidate = lines[first]
    if lines[first + 1] or not any(lines[first + 2 :]) or not _is_headline(candidate):
        return None, lines
    return candidate, lines[first + 1 :]


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _HEADLINE_MAX_WORDS
        and len(line) <= 150
        and not line.endswith((".", ",", ";", ":"))
        and line[:1].isupper() | line[:1].isdigit() | (line[:1] in "\"'\u201c\u2018")
        and not _BULLET.match(line)
    )


_PRE_TITLE_LINES = 3


def _drop_title_repeats(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline is often the first block of the body too; it is read once, as title.
    Short lines just above it (a section kicker, a breadcrumb) are page header, not body."""
    if not title:
        return paragraphs
    key = _fold(title)
    folded = [_fold(p) for p in paragraphs[: _PRE_TITLE_LINES + 1]]
    if key in folded:
        at = folded.index(key)
        if all(len(p.split()) <= 12 for p in paragraphs[:at]):
            paragraphs = paragraphs[at:]
    out = list(paragraphs)
    while out and _fold(out[0]) == key:
        out.pop(0)
    return out


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


# --- language -------------------------------------------------------------------------

# A few very frequent function words per language: enough to tell obvious non-English.
_STOPWORD_TEXT = {
    "en": "the and of to in is that for it was on with as he she said",
    "fr": "le la les des et est une dans pour que qui sur pas au du",
    "de": "der die das und ist nicht mit den ein eine sich auf für zu",
    "es": "el la los las y es en que del por con una para se",
    "it": "il la di che è per non una sono con del della gli",
    "pt": "o a os as e de que do da em um uma para com não",
    "nl": "de het een en van is dat op te niet met voor zijn",
}
_STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORD_TEXT.items()}


def guess_language(text: str) -> str:
    """The language code: "en" unless another language's function words clearly dominate."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    if len(words) < 8:
        return "en"
    counts = {lang: sum(1 for w in words if w in sw) for lang, sw in _STOPWORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    if best != "en" and counts[best] >= 2 * max(counts["en"], 1) and counts[best] >= 4:
        return best
    return "en"
