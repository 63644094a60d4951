"""Article -> Script: the exact sentences the engine will read, and what they came from.

Sentences are split on the source text (so each `Sentence.source` is what a caption shows)
and normalized one by one (so normalization can never merge or split sentences).
"""

# ruff: noqa: RUF001 - typographic closing quotes and dashes are matched on purpose

from __future__ import annotations

from collections.abc import Iterable, Iterator

from narrator.text.article import Article, Script, Sentence
from narrator.text.lexicon import Lexicon
from narrator.text.normalize import normalize
from narrator.text.normalize.characters import SLOTS
from narrator.text.segment import split_sentences

_CLOSING = "\"'”’»)]"


def build_script(article: Article, lexicon: Lexicon | None = None) -> Script:
    language = article.language
    sentences: list[Sentence] = []
    for index, source in _sentence_sources(article):
        text = normalize(source, language=language, lexicon=lexicon)
        if _speakable(text):
            sentences.append(Sentence(text=text, paragraph=index, source=source))
    return Script(
        sentences=sentences,
        title=article.title,
        author=article.author,
        language=language,
        words=article.words,
    )


def lexicon_used(article: Article, lexicon: Lexicon) -> Lexicon:
    """The entries of `lexicon` that change how `article` is read: build_script with only these
    reads it the same, so a narration depends on them alone (its cache key takes their digest).
    Matched on the very text normalize gives the lexicon: each sentence, before any rule."""
    return lexicon.used_in(SLOTS.sub("", source) for _, source in _sentence_sources(article))


def _sentence_sources(article: Article) -> Iterator[tuple[int, str]]:
    """(paragraph index, sentence as written) of what is read, the heading first."""
    heading = _heading(article.title, article.author, article.place)
    # The heading is paragraph 0 when there is one, so article paragraphs shift by one.
    paragraphs = [heading, *article.paragraphs] if heading else list(article.paragraphs)
    for index, paragraph in enumerate(paragraphs):
        for source in split_sentences(paragraph, article.language):
            yield index, source


def script_lines(
    lines: Iterable[str], lexicon: Lexicon | None = None, language: str = "en"
) -> list[str]:
    """One output line per input line: each line normalized as its own text (`--lines`)."""
    out = []
    for line in lines:
        spoken = (
            normalize(sentence, language=language, lexicon=lexicon)
            for sentence in split_sentences(line, language)
        )
        out.append(" ".join(s for s in spoken if _speakable(s)))
    return out


def _heading(title: str | None, author: str | None, place: str | None = None) -> str | None:
    """ "Title. By Author, in Place." read first, as its own paragraph."""
    title = " ".join((title or "").split()).rstrip(" ,;:—–-")
    author = " ".join((author or "").split()).rstrip(" .,;:")
    place = " ".join((place or "").split()).rstrip(" ,;:")
    if not title:
        return None
    if not title.rstrip(_CLOSING).endswith((".", "?", "!", "…")):
        title += "."
    if author and not author.lower().startswith("by "):
        author = f"By {author}"
    # "Montgomery, Ala." keeps its abbreviation's point; the sentence needs no second one.
    byline = author
    if place:
        byline = f"{author}, in {place}" if author else f"From {place}"
    if not byline:
        return title
    return f"{title} {byline}" + ("" if byline.endswith(".") else ".")


def _speakable(text: str) -> bool:
    return any(c.isalnum() for c in text)
