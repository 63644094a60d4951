"""HTML: trafilatura finds the body and metadata; a plain walk of block tags reads fragments;
the page's JSON-LD gives the story where the HTML holds clearly less of it (structured.py).

trafilatura's start of the body is set against the page around the headline
(`_align_with_headline`), and a page's <br> splits a block so that the cleaner sees a byline
apart from the date under it.
"""

from __future__ import annotations

from collections.abc import Iterable

import lxml.html
from lxml import etree

from narrator.text.clean import normalize_space
from narrator.text.clean.prose import line_info
from narrator.text.extract import structured
from narrator.text.extract.metadata import html_metadata, tidy_author
from narrator.text.extract.raw import RawArticle, fold


def from_html(html: str) -> RawArticle:
    """Body and metadata by trafilatura; a plain walk of block tags when it finds nothing."""
    lines: list[str] = []
    title = author = None
    # trafilatura's recall mode keeps more of most pages, but on some it settles on a
    # smaller container than its default mode finds (a magazine feature cut after its
    # tenth paragraph, the rest below an ad): of the two bodies, the longer is read.
    found = [d for d in (_trafilatura(html, recall) for recall in (False, True)) if d is not None]
    if found:
        doc, lines = max(((d, _main_lines(d)) for d in found), key=lambda f: _words(f[1]))
        title = doc.get("title")
        author = doc.get("author")
    meta = html_metadata(html)
    title = title or meta.title
    author = tidy_author(author or meta.author)
    fuller = structured.fuller(lines, meta.body, _words, title)
    if fuller is not None:  # a paywall's first paragraphs, a page that renders in the browser
        lines = fuller
    elif not any(lines):
        lines = list(fragment_blocks(html))
    elif title:
        lines = _align_with_headline(html, title, lines)
    return RawArticle(lines=lines, title=title, author=author, language=meta.language)


def _trafilatura(html: str, recall: bool) -> etree._Element | None:
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
        favor_recall=recall,
        deduplicate=False,
        # We never use the date, and the extensive search (dateparser) costs seconds a page.
        date_extraction_params=set_date_params(extensive=False),
    )
    return etree.fromstring(xml.encode("utf-8")) if xml else None


def _main_lines(doc: etree._Element) -> list[str]:
    main = doc.find("main")
    return list(_xml_blocks(main)) if main is not None else []


def _words(lines: list[str]) -> int:
    """The words of `lines` that read as the story's prose: a form, a share bar or a list
    of links that one mode keeps and the other does not weighs little."""
    return sum(len(line.split()) for line in lines if line_info(line).prose)


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
    blocks = list(fragment_blocks(html, keep_header=True))
    folded = [fold(b) for b in blocks]
    key = fold(title)
    start = next((i for i, f in enumerate(folded) if f == key), None)
    if start is None:
        return lines
    before, after = set(folded[:start]), set(folded[start + 1 :])
    lines = list(lines)
    while lines and (
        not lines[0]
        or (
            fold(lines[0]) in before and fold(lines[0]) not in after and len(lines[0].split()) <= 12
        )
    ):
        lines.pop(0)
    first = next((fold(x) for x in lines if x and fold(x) != key), None)
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
    inside a block splits it so the cleaner sees "By Jane Doe" apart from "Updated ...".
    Text loose in a container, before its first block or after one ("<head>A glossary</head>
    You should know these terms.<list>"), is a line of its own too. (A container of loose
    text alone, a page's menu as trafilatura's last resort, is left to fragment_blocks.)"""
    if len(element):
        yield from _split_breaks(element.text or "")
    for child in element:
        yield from _xml_block(child)
        yield from _split_breaks(child.tail or "")


def _xml_block(child: etree._Element) -> Iterable[str]:
    """One element of trafilatura's XML as lines (_xml_blocks), without its tail."""
    tag = child.tag
    if not isinstance(tag, str) or tag in _XML_SKIPPED:
        return
    if tag == "row":
        cells = [normalize_space("".join(c.itertext())) for c in child]
        yield ", ".join(c for c in cells if c)
    elif tag in _XML_CONTAINERS or (
        tag in {"quote", "item"} and any(c.tag in _XML_NESTED for c in child)
    ):
        yield from _xml_blocks(child)
    else:
        for lb in child.iter("lb"):
            lb.tail = _BREAK + (lb.tail or "")
        # A block trafilatura nested in a paragraph ("... | Photo: Quora<head>Earlier it
        # was January 26</head>") is a line of its own, not the end of the credit.
        for inner in child.iter(*_XML_NESTED):
            if inner is not child:
                inner.text = _BREAK + (inner.text or "")
                inner.tail = _BREAK + (inner.tail or "")
        yield from _split_breaks("".join(child.itertext()))


_TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"}
_TEXT_BLOCKS |= {"td", "th", "figcaption", "caption", "address"}
_CONTAINERS = {"div", "section", "article", "main", "header", "body", "figure", "ul", "ol"}
_CONTAINERS |= {"dl", "table", "tbody", "thead", "tr", "span", "aside", "nav", "footer"}
_FRAGMENT_BLOCKS = _TEXT_BLOCKS | _CONTAINERS - {"span"}


def fragment_blocks(html: str, *, keep_header: bool = False) -> Iterable[str]:
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
    try:
        tree = cleaner.clean_html(tree)
    except ValueError:
        # A saved page can carry an attribute lxml cannot delete by name (an invalid
        # qualified name such as `xmlns:fb:app_id`): then drop the same elements by hand.
        for bad in tree.xpath("//script|//style|//form|//input|//button|//textarea"):
            bad.drop_tree()
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
    return [normalize_space(x) for x in text.split(_BREAK) if x.strip()]
