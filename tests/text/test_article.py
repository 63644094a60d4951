"""The article as it will be read."""

from __future__ import annotations

from narrator.text.article import Article


def test_a_submitted_title_or_author_replaces_the_extracted_one() -> None:
    found = Article(paragraphs=["Body."], title="Extracted", author="Byline", language="fr")
    both = found.with_overrides(title="Given", author="Someone")
    assert (both.title, both.author, both.paragraphs, both.language) == (
        "Given",
        "Someone",
        ["Body."],
        "fr",
    )
    assert found.with_overrides(title=None, author="Someone").title == "Extracted"
    assert found.with_overrides(title="", author=None) == found
