"""Furniture rules, one by one, and the body sentences they must leave alone."""

from __future__ import annotations

import pytest

from narrator.text.clean import (
    byline_author,
    clean_lines,
    clean_paragraphs,
    is_date_line,
    is_furniture,
    normalize_space,
)


@pytest.mark.parametrize(
    "line",
    [
        # ads
        "Advertisement",
        "ADVERTISEMENT",
        "Sponsored",
        "Story continues below advertisement",
        "Advertisement · Scroll to continue",
        # reading time and badges
        "Reading Time: 2 minutes",
        "5 min read",
        "Verified",
        "Fact checked",
        "Fact-checked by Sam Lee",
        # share, follow, subscribe
        "Share this article",
        "Share",
        "Facebook",
        "Facebook Twitter Email",
        "Copy link",
        "Subscribe to our newsletter",
        "Follow us on Twitter",
        "Sign up",
        "Sign up for our Breaking News alerts",
        "Get the Herald's morning briefing in your inbox.",
        "We are funded by readers. Become a member today from just £5 a month.",
        "You must be logged in to comment.",
        "Comments (87)",
        # navigation
        "Skip to content",
        "Home",
        "Menu",
        "Home | News | Sport | Weather",
        "HOME  >  NEWS  >  CALIFORNIA",
        "Back to top",
        # cookies
        "We use cookies to improve your experience on our site.",
        "By continuing to browse, you agree to our use of cookies.",
        "Accept all cookies",
        # photo credits
        "Photo: Luis Herrera / Harbor City Herald",
        "Credit: Getty Images",
        "(AP Photo/Evan Vucci)",
        "Getty Images",
        # listen widget
        "Listen to this article",
        "Listen",
        "Play",
        "Voice: Joanna",
        "Speed",
        "1x",
        "1.25x",
        "0.75x 1x 1.25x 1.5x 2x",
        "250 WPM",
        "Slow / Average / Fast",
        "00:00 / 03:24",
        "-6:12",
        "Powered by AudioReader",
        # link lines
        "Related: Metro ridership still 20% below 2019 levels",
        "Read more: What the end of federal aid means for transit agencies",
        "READ MORE: Council delays vote",
        "Related stories",
        "Tags: wildfire, Cal Fire, Paso Robles",
        # dates, sign-offs, copyright
        "Published March 7, 2024 at 6:02 p.m. | Updated March 8, 2024 at 9:15 a.m.",
        "Posted on November 4, 2023 by Clare Whitfield",
        "Updated 3 hours ago",
        "Reporting by Daniel Okafor; Editing by Paul Simao",
        "© 2024 The Daily Courier Ltd. All rights reserved.",
        "•••",
        # email wrappers, job titles under a byline
        "View this email in your browser",
        "Unsubscribe | Update your preferences",
        "You are receiving this email because you subscribed to The Valley Brief.",
        "Senior reporter",
    ],
)
def test_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "He declined.",
        "Prices rose 2x.",
        "It played.",
        "Home prices rose 4% in May.",
        "Play resumed after a 20-minute delay.",
        "The company said it would share the data with regulators.",
        "Nearly 2 million people subscribe to the service.",
        "The bakery sells cookies and cakes to 300 customers a day.",
        "Verified accounts doubled last year, the company said.",
        '"Sign up now or lose your place," the organisers warned.',
        "By the end of 2024, prices had risen 5%.",
        "Related charges were filed on Monday against three men.",
        "Warnings ignored",
        "Who supports it",
        "Key points",
        "Listen to the people, she said.",
        "The speed limit is 20 mph.",
        '"We support our members," the union said.',
    ],
)
def test_body_text_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Maria Lopez", "Maria Lopez"),
        ("by: Jane Doe", "Jane Doe"),
        ("By Jane Doe, Reuters", "Jane Doe"),
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


def test_date_lines() -> None:
    assert is_date_line("Thu 2 May 2024 16.00 BST")
    assert is_date_line("March 20, 2024 2:04 PM UTC Updated 3 hours ago")
    assert not is_date_line("The vote is on March 20, 2024.")
    assert not is_date_line("2024")


def test_normalize_space() -> None:
    assert normalize_space("  a\u00a0b\u200b c\t\nd \u00ad") == "a b c d"


def test_byline_becomes_author_and_leaves_the_text() -> None:
    out = clean_lines(["By Jane Doe", "", "The council met on Tuesday."])
    assert out.author == "Jane Doe"
    assert out.lines == ["The council met on Tuesday."]


def test_known_author_is_kept_and_byline_dropped() -> None:
    out = clean_lines(["By Jane Doe", "", "Body text here."], author="Sam Roe")
    assert out.author == "Sam Roe"
    assert out.lines == ["Body text here."]


def test_names_line_dropped_when_author_known() -> None:
    out = clean_paragraphs(
        ["Ana Ruiz and Tom Hale", "Storms hit the coast."], author="Ana Ruiz and Tom Hale"
    )
    assert out.lines == ["Storms hit the coast."]


def test_caption_shown_twice_keeps_one() -> None:
    caption = "Residents fill sandbags in Elm Park on Monday, before the river peaked."
    out = clean_lines(["First paragraph of the story.", "", caption, caption, "", "Next one."])
    assert out.lines.count(caption) == 1


def test_caption_with_credit_goes_with_its_repeats() -> None:
    caption = "A bus waits at the Eastgate transit center on Thursday."
    lines = ["Body.", "", caption, caption, "Photo: Luis Herrera / Harbor City Herald", "", "More."]
    assert clean_lines(lines).lines == ["Body.", "", "More."]


def test_caption_with_inline_credit_and_plain_repeat() -> None:
    lines = [
        "Firefighters watch flames approach a ridge on Sunday. (Photo by Alan Ruiz/Times)",
        "",
        "Firefighters watch flames approach a ridge on Sunday.",
        "",
        "The fire grew overnight.",
    ]
    assert clean_lines(lines).lines == ["The fire grew overnight."]


def test_credit_after_blank_line_keeps_paragraph_above() -> None:
    lines = ["The fire grew overnight to 11,000 acres.", "", "Credit: Getty Images", "", "More."]
    assert clean_lines(lines).lines == ["The fire grew overnight to 11,000 acres.", "", "More."]


def test_link_list_after_related_heading() -> None:
    lines = [
        "The council voted 7-2.",
        "",
        "Related stories",
        "Millbrook flood defences 'a decade behind schedule'",
        "How to claim on your insurance after a flood",
        "",
        "The work will start next spring, officials said.",
    ]
    out = clean_lines(lines).lines
    assert out == ["The council voted 7-2.", "", "The work will start next spring, officials said."]


def test_pull_quote_copy_is_dropped() -> None:
    body = (
        '"It does its job," he says of the machine that replaced him. '
        '"It just doesn\'t care whether it does it."'
    )
    quote = '"It does its job. It just doesn\'t care whether it does it."'
    assert clean_paragraphs([body, quote, "Next paragraph."]).lines == [body, "Next paragraph."]


def test_short_body_sentences_survive_between_furniture() -> None:
    lines = ["Advertisement", "He declined.", "1.25x", "Prices rose 2x.", "Play", "Yes."]
    assert [x for x in clean_lines(lines).lines if x] == ["He declined.", "Prices rose 2x.", "Yes."]


def test_heading_then_paragraph_starting_with_it_both_stay() -> None:
    lines = [
        "Welcome to our live coverage",
        "Good afternoon and welcome to our live coverage of it.",
    ]
    assert clean_paragraphs(lines).lines == lines


def test_paragraph_breaks_are_kept_and_collapsed() -> None:
    out = clean_lines(["", "One.", "", "", "Advertisement", "", "Two.", ""])
    assert out.lines == ["One.", "", "Two."]
