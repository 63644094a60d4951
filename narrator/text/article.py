"""The article and the script: what we read, and exactly what the engine will say."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace


@dataclass(frozen=True)
class Article:
    """An article as it will be read, before speech normalization (`narrator extract`)."""

    paragraphs: list[str]
    title: str | None = None
    author: str | None = None
    language: str = "en"
    place: str | None = None  # where the story was filed (its dateline), read after the byline

    @property
    def words(self) -> int:
        """Words of the article text (title and byline excluded): the basis of measured WPM."""
        return sum(len(p.split()) for p in self.paragraphs)

    def with_overrides(self, *, title: str | None, author: str | None) -> Article:
        """This article with the title and author a user submitted in place of the extracted
        ones (None or empty: keep what extraction found)."""
        return replace(self, title=title or self.title, author=author or self.author)

    def pack(self) -> str:
        """As stored beside its source (ArticleRecord.extracted): read once, by the API."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def unpack(cls, data: str) -> Article:
        fields = json.loads(data)
        return cls(
            paragraphs=[str(p) for p in fields["paragraphs"]],
            title=fields.get("title"),
            author=fields.get("author"),
            language=str(fields.get("language") or "en"),
            place=fields.get("place"),
        )


@dataclass(frozen=True)
class Sentence:
    """One sentence exactly as the engine receives it."""

    text: str
    paragraph: (
        int  # index of the paragraph it belongs to (the title line is paragraph 0 when present)
    )
    source: str = ""  # the sentence before normalization, for captions


@dataclass(frozen=True)
class Script:
    """The normalized, segmented text the engine reads: `narrator script` prints `text`."""

    sentences: list[Sentence]
    title: str | None = None
    author: str | None = None
    language: str = "en"
    words: int = 0  # words of the article text, for WPM
    spans: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Character spans of each sentence in `text` (one sentence per line).
        spans, pos = [], 0
        for s in self.sentences:
            spans.append((pos, pos + len(s.text)))
            pos += len(s.text) + 1
        object.__setattr__(self, "spans", spans)

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)
