"""Datelines split off the first paragraph, bylines beside them, read as "By NAME, in PLACE."."""

from __future__ import annotations

import pytest

from narrator.text.article import Article
from narrator.text.clean.datelines import dateline, take_dateline
from narrator.text.extract import read_article
from narrator.text.script import build_script

STORY = "The bank said on Tuesday that it would raise its main rate by a quarter point."


@pytest.mark.parametrize(
    ("head", "place", "agency"),
    [
        ("LONDON (Reuters) - ", "London", "Reuters"),
        ("LONDON, March 3 (Reuters) - ", "London", "Reuters"),
        ("SAN FRANCISCO (AP) \u2014 ", "San Francisco", "AP"),
        ("Washington (CNN) -- ", "Washington", "CNN"),
        ("(CNN) -- ", None, "CNN"),
        ("MONTGOMERY, Ala. -- ", "Montgomery, Ala.", None),
        ("ANAHEIM, Calif. \u2014 ", "Anaheim, Calif.", None),
        ("NEW YORK--", "New York", None),
        ("KYIV, Ukraine \u2014 ", "Kyiv, Ukraine", None),
        ("ST. LOUIS \u2013 ", "St. Louis", None),
        ("WASHINGTON, D.C. \u2014 ", "Washington, D.C.", None),
        ("WASHINGTON (Aug. 13) -- ", "Washington", None),
        ("BEIJING, Jan. 5 (Xinhua) -- ", "Beijing", "Xinhua"),
        ("NEW DELHI (PTI): ", "New Delhi", "PTI"),
    ],
)
def test_datelines_of_every_common_form(head: str, place: str | None, agency: str) -> None:
    found = dateline(head + STORY)
    assert found is not None
    assert (found.place, found.agency, found.rest) == (place, agency, STORY)


@pytest.mark.parametrize(
    "paragraph",
    [
        STORY,
        "UPDATE: The bank said on Tuesday that it would raise its main rate again.",
        "BREAKING \u2014 The bank said on Tuesday that it would raise its main rate again.",
        "EDITOR'S NOTE \u2014 This story was first published in the March issue of the paper.",
        "NASA: a short label",
        "AI \u2014 the technology everyone talks about \u2014 is everywhere this year.",
        "Washington -- the city, not the state -- is where the council met on Tuesday.",
        "PARIS: The city council met on Tuesday to vote on the new budget for schools.",
        "LONDON - rates",  # no sentence after the dash
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert dateline(paragraph) is None


def test_a_name_line_beside_the_dateline_is_the_byline() -> None:
    out = take_dateline(["Jane Doe, Reuters", "LONDON \u2014 " + STORY, "More text."])
    assert (out.author, out.place, out.paragraphs) == ("Jane Doe", "London", [STORY, "More text."])


def test_a_dateline_on_its_own_line_and_a_known_author() -> None:
    out = take_dateline(["LONDON \u2014", STORY], author="Sam Roe")
    assert (out.author, out.place, out.paragraphs) == ("Sam Roe", "London", [STORY])


def test_the_agency_is_the_author_only_when_none_is_known() -> None:
    assert take_dateline(["SAN FRANCISCO (AP) \u2014 " + STORY]).author == "AP"
    assert take_dateline(["SAN FRANCISCO (AP) \u2014 " + STORY], author="Jo Li").author == "Jo Li"


def test_a_headline_above_the_dateline_is_not_a_byline() -> None:
    out = take_dateline(["The Big Picture on Rates", "LONDON \u2014 " + STORY])
    assert out.paragraphs[0] == "The Big Picture on Rates"


@pytest.mark.parametrize(
    "paste",
    [
        f"Rates rise again\n\nBy Jane DoeLONDON (Reuters) - {STORY}\n\nMore text follows here.",
        f"Rates rise again\n\nJane Doe, Reuters\nLONDON \u2014 {STORY}\n\nMore text follows here.",
        f"Rates rise again\n\nBy Jane Doe\n\nLONDON (Reuters) -\n\n{STORY}\n\nMore text here.",
        f"Rates rise again\n\nBY JANE DOE\nLONDON, March 3 (Reuters) - {STORY}\n\nMore text here.",
    ],
)
def test_pasted_byline_and_dateline_are_read_as_by_name_in_place(paste: str) -> None:
    article = read_article(paste.encode())
    assert (article.author, article.place) == ("Jane Doe", "London")
    assert article.paragraphs[0] == STORY
    script = build_script(article)
    assert script.sentences[0].source == "Rates rise again."
    assert script.sentences[1].source == "By Jane Doe, in London."


def test_heading_with_a_place_and_no_author() -> None:
    article = Article(paragraphs=[STORY], title="Rates rise", place="Montgomery, Ala.")
    assert build_script(article).sentences[1].source == "From Montgomery, Ala."
