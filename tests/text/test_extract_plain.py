"""The plain-text reader: paragraphs, list items, a conservative headline."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.text.extract import join_lines, read_article

ROOT = Path(__file__).resolve().parents[2]


def test_harbor_headline_and_byline() -> None:
    data = (ROOT / "tests" / "fixtures" / "articles" / "harbor.txt").read_bytes()
    article = read_article(data, filename="harbor.txt")
    assert article.title == "City Council Approves Harbor Cleanup Plan"
    assert article.author == "Maria Lopez"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("The city council voted 7-2")


@pytest.mark.parametrize(
    "text",
    [
        b"Hello there. This is a short test.",
        b"The council met on Tuesday.\n\nIt voted 7-2.",  # final full stop: a sentence
        b"A single line with no period",  # nothing after it
        b"Short first line\nthat continues here.\n\nMore text.",  # no blank line after it
        b"a lower-case start\n\nMore text.",
    ],
)
def test_text_title_is_conservative(text: bytes) -> None:
    article = read_article(text)
    assert article.title is None
    assert article.paragraphs[0].split()[0] in text.decode()


def test_text_headline_followed_by_blank_line() -> None:
    article = read_article(b"Storm Closes Schools\n\nAll schools were closed on Monday.")
    assert article.title == "Storm Closes Schools"
    assert article.paragraphs == ["All schools were closed on Monday."]


def test_hard_wrapped_lines_join() -> None:
    text = (
        "The council voted on Tuesday to approve a plan that had been\n"
        "debated for three years, ending a long fight over the harbor\n"
        "and its future.\n\nSecond paragraph."
    )
    assert join_lines(text.split("\n")) == [
        "The council voted on Tuesday to approve a plan that had been debated for three "
        "years, ending a long fight over the harbor and its future.",
        "Second paragraph.",
    ]


def test_short_items_stay_apart() -> None:
    assert join_lines(["- Milk", "- Eggs", "- Bread"]) == ["Milk", "Eggs", "Bread"]
    assert join_lines(["Monday: Closed", "Tuesday: 9 to 5", "Wednesday: 9 to 5"]) == [
        "Monday: Closed",
        "Tuesday: 9 to 5",
        "Wednesday: 9 to 5",
    ]


def test_single_newlines_join_in_a_paragraph() -> None:
    lines = ["Board member Raj Patel proposed a delay. His motion failed 5-4.", "He declined."]
    assert join_lines(lines) == [" ".join(lines)]


def test_text_with_no_blank_lines_is_a_paragraph_per_line() -> None:
    # (Each line two sentences, not one said twice: a line that repeats its opening is a
    # caption shown twice, clean.credits.is_doubled.)
    one = "The first paragraph is long enough that nobody would hard-wrap it at this width."
    two = "The second paragraph is also long enough that it is clearly its own paragraph here."
    more = "It goes on with a second sentence of its own to make the line longer still."
    assert read_article(f"{one} {more}\n{two} {more}\n".encode()).paragraphs == [
        f"{one} {more}",
        f"{two} {more}",
    ]


def test_paragraphs_are_clean_strings() -> None:
    article = read_article(b"  One\t\ttwo  \r\nthree.\r\n\r\n\r\n\x0cFour\xc2\xa0five.  ")
    assert article.paragraphs == ["One two three.", "Four five."]


def test_a_browser_paste_s_line_breaks_in_a_block_are_paragraphs() -> None:
    # A blog that writes its paragraphs with <br>: no blank lines between them in the copy,
    # long lines no hard wrap makes; a heading among them is not the start of a paragraph.
    heading = "A little ECMAScript glossary"
    one = "You should know the following terms related to the standardization of JavaScript."
    two = (
        "ECMAScript: Sun (now Oracle) had a trademark on the name Java and therefore also on "
        "the name JavaScript, which led to Microsoft calling its own language JScript."
    )
    three = (
        "ECMA-262: Ecma International, a standards organization, created the ECMA-262 standard, "
        "the official specification of the ECMAScript language that browsers implement."
    )
    assert join_lines([heading, one, two, three]) == [heading, one, two, three]
    # A hard-wrapped email's lines still join.
    wrapped = ["The council met on Tuesday and voted to delay the", "budget by two weeks."]
    assert join_lines(wrapped) == [" ".join(wrapped)]
