"""Bylines: the author's names taken, the line dropped."""

from __future__ import annotations

import pytest

from narrator.text.clean import byline_author, clean_lines, clean_paragraphs


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Maria Lopez", "Maria Lopez"),
        ("by: Jane Doe", "Jane Doe"),
        ("By Jane Doe, Reuters", "Jane Doe"),
        ("posted by Raj Kishore", "Raj Kishore"),
        ("Posted by the council on Friday", None),
        ("By KAYLA NGUYEN and ROBERT ASHE, Central Coast Times", "Kayla Nguyen and Robert Ashe"),
        ("By Ana Ruiz, Tom Hale and Li Wei", "Ana Ruiz, Tom Hale and Li Wei"),
        ("Words by Owen Pryde · Photographs by Isla Grant", "Owen Pryde"),
        ("Par Camille Dubreuil - Le 14 octobre 2024", "Camille Dubreuil"),
        ("By Tuesday, the council had voted.", None),
        ("By the end of the year prices rose", None),
        ("The vote was 5-2.", None),
    ],
)
def test_byline_author(line: str, author: str | None) -> None:
    assert byline_author(line) == author


def test_byline_becomes_author_and_leaves_the_text() -> None:
    out = clean_lines(["By Jane Doe", "", "The council met on Tuesday."])
    assert out.author == "Jane Doe"
    assert out.lines == ["The council met on Tuesday."]


def test_known_author_is_kept_and_byline_dropped() -> None:
    out = clean_lines(["By Jane Doe", "", "Body text here."], author="Sam Roe")
    assert out.author == "Sam Roe"
    assert out.lines == ["Body text here."]


def test_names_over_a_job_title_are_the_byline() -> None:
    out = clean_lines(["Ellen Parry", "Transport correspondent", "", "Rail fares will rise."])
    assert out.author == "Ellen Parry"
    assert out.lines == ["Rail fares will rise."]
    # Without the job title below it, a line of names is not taken for a byline.
    plain = clean_lines(["Ellen Parry", "", "Rail fares will rise."])
    assert plain.author is None


def test_names_line_dropped_when_author_known() -> None:
    out = clean_paragraphs(
        ["Ana Ruiz and Tom Hale", "Storms hit the coast."], author="Ana Ruiz and Tom Hale"
    )
    assert out.lines == ["Storms hit the coast."]
