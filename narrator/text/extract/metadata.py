"""Page metadata: language, title and author from <html lang>, <meta> tags and JSON-LD; and
the tidying of author names and language codes that Markdown front matter shares."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from narrator.text.clean import normalize_space


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    language: str | None = None
    body: str | None = None  # JSON-LD articleBody, the longest (narrator.text.extract.structured)


def html_metadata(html: str) -> Metadata:
    """Language (html lang, content-language, og:locale, JSON-LD), fallback title/author,
    and the story as JSON-LD gives it."""
    import lxml.html

    meta = Metadata()
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
            body = _str(item.get("articleBody"))
            if body and len(body) > len(meta.body or ""):
                meta.body = body
    meta.language = next((language_code(c) for c in candidates if c and language_code(c)), None)
    if not meta.author:
        names = tree.xpath("//meta[@name='author' or @property='article:author']/@content")
        meta.author = next((n for n in names if n and not n.startswith("http")), None)
    if not meta.title:
        h1 = tree.xpath("//h1")
        titles = tree.xpath("//title/text()")
        if h1:
            meta.title = normalize_space(h1[0].text_content()) or None
        elif titles:
            meta.title = normalize_space(titles[0]) or None
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


def language_code(value: str) -> str | None:
    m = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$", value)
    return m.group(1).lower() if m else None


_JOB_TITLE = re.compile(
    r"[\s,|-]+(?:senior |chief |staff |special |contributing )?(?:reporter|correspondent"
    r"|writer|editor|columnist|contributor|journalist)\s*$",
    re.IGNORECASE,
)


def tidy_author(author: str | None) -> str | None:
    """trafilatura joins authors with "; ": read them as "A, B and C"."""
    if not author:
        return None
    names = [normalize_space(a) for a in re.split(r"\s*;\s*", author) if a.strip()]
    # trafilatura may run a name into the job title printed under it.
    names = [_JOB_TITLE.sub("", n) for n in names]
    names = [n.title() if n.isupper() else n for n in names]
    names = list(dict.fromkeys(names))
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
