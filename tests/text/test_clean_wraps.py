"""Hard-wrapped text (an email, a .txt or Markdown source, a PDF's copy) read as paragraphs."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root, for `bench`

from bench import forms, pageset
from narrator.text.clean.wraps import is_wrapped, unwrap
from narrator.text.extract import read_article

STORY = [
    "Storm Closes Schools Across the County",
    "All public schools in the county were closed on Monday after an overnight storm "
    "brought down power lines and left several main roads under water, officials said.",
    "The superintendent said buses could not reach the northern districts safely, and that "
    "a decision about Tuesday would be made by early evening once the roads were checked.",
    "Parents were asked to watch the district's well-known website for updates rather than "
    "calling the central office, which has been flooded with calls since dawn.",
]


def _wrapped(paragraphs: list[str], width: int, blank: bool = True) -> list[str]:
    text = ("\n\n" if blank else "\n").join(textwrap.fill(p, width) for p in paragraphs)
    return text.split("\n")


@pytest.mark.parametrize("width", [50, 72, 80])
@pytest.mark.parametrize("blank", [True, False])
def test_wrapped_paragraphs_come_back_one_line_each(width: int, blank: bool) -> None:
    lines = _wrapped(STORY, width, blank)
    assert is_wrapped(lines)
    assert [x for x in unwrap(lines) if x] == STORY  # "well-" / "known": joined, no space


@pytest.mark.parametrize(
    "lines",
    [
        # A browser's copy: paragraphs on long lines, menus and labels on short ones.
        ["Home", "News", "Sports", "", *STORY, "", "Share this story", "Comments (12)"],
        # A list of short items, and a poem: lines far from any width.
        ["Bring:", "- water", "- a hat", "- sunscreen", "- a map of the trail", "- snacks"],
        ["The fog comes", "on little cat feet.", "", "It sits looking", "over harbor and city"],
        # Items of a list, each a long line: kept apart even in a wrapped text.
        [
            "- The council approved the harbor cleanup plan by a vote of seven to two",
            "- The mayor said work on the north pier would start in the spring this year",
            "- Residents will be asked to comment on the plan at two public meetings",
            "- The cost will be shared by the city and the state over the next five years",
            "- A final report on the harbor's water quality is due in the autumn of 2026",
            "- The plan includes new walkways, lights and benches along the harbor front",
        ],
    ],
)
def test_text_that_is_not_hard_wrapped_is_left_alone(lines: list[str]) -> None:
    assert unwrap(list(lines)) == lines


def test_a_pdfs_page_numbers_and_running_heads_are_left_out() -> None:
    """A page break inside a paragraph: the paragraph goes on across it, and the page's
    number and running head (the same on every page but for its numbers) are not read."""
    lines = _wrapped(STORY * 4, 50, blank=False)
    paged: list[str] = []
    for i, line in enumerate(lines):
        if i and i % 24 == 0:  # pages of 24 lines
            page = i // 24 + 1
            paged += [str(page), "", f"THE HARBOR TIMES - May 4, 2024 - Page {page}", ""]
        paged.append(line)
    assert [x for x in unwrap(paged) if x] == STORY * 4


def test_numbers_of_a_list_or_a_footnote_stay() -> None:
    lines = _wrapped(STORY, 50, blank=True)
    lines[3:3] = ["", "[1]", "", "Step 1", ""]
    kept = [x for x in unwrap(lines) if x]
    assert "[1]" in kept and "Step 1" in kept


def test_a_wrapped_story_keeps_its_headline_and_opening() -> None:
    article = read_article("\n".join(_wrapped(STORY, 60)).encode())
    assert article.title == STORY[0]
    assert article.paragraphs == STORY[1:]


@pytest.mark.parametrize("form", ["wrapped 72", "wrapped 72, no blank"])
def test_real_articles_hard_wrapped_are_read_whole(form: str) -> None:
    """The true bodies of the 48 pages of bench/data/pages wrapped at 72 columns, as a
    plain-text email sends them (bench/forms.py). Before wraps.py the page cleaner took
    fragments for lines: recall 0.967 (0.970 without blank lines), 0.575 on the worst page; now
    0.998 and 0.915, as read unwrapped."""
    overall, worst = forms.score(pageset.load(), forms.FORMS[form])
    assert overall.recall >= 0.99 and worst >= 0.85, (overall.recall, worst)
