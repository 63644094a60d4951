"""clean_lines: captions, repeats, link lists and paragraph breaks; spaces made plain."""

from __future__ import annotations

from narrator.text.clean import (
    clean_lines,
    clean_paragraphs,
    normalize_space,
)


def test_normalize_space() -> None:
    assert normalize_space("  a\u00a0b\u200b c\t\nd \u00ad") == "a b c d"


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


def test_paragraphs_above_a_credit_stay_in_a_paste_without_blank_lines() -> None:
    # A page laid out in <div>s pastes with one line a paragraph and no blank line between:
    # the credit of an image between two paragraphs has body text right above it.
    body = [
        "The first warning sign was the on-call rotation, which grew every month as more "
        "services went live and every engineer covered code they had never read at all.",
        "The second was cost: the cloud bill grew by 70% in a year while traffic grew by 15%, "
        "mostly because each service carried its own database and cache.",
    ]
    after = "We did not go back to a single codebase overnight, but one pair at a time."
    lines = [*body, "Photo by Growtika on Unsplash", after, "Today we run six services."]
    assert clean_lines(lines).lines == [*body, "", after, "Today we run six services."]
    # ... while a short caption right above its credit still goes.
    caption = "A server room in Dublin."
    assert caption not in clean_lines([*body, caption, "Photo: Ana Ruiz/Reuters", after]).lines


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


def test_a_caption_shown_twice_in_one_block_is_dropped() -> None:
    from narrator.text.clean.credits import is_doubled

    caption = (
        "Though catcher Buster Posey is hitting .325 with 13 homers, he is learning about "
        "life on a losing team."
    )
    assert is_doubled(f"{caption} Photo: Jeff Chiu, Associated Press {caption}")
    # A story may repeat a phrase of its opening, not ten words of it.
    assert not is_doubled(
        "There is no way to maintain velocity without lightness, and there is no way to "
        "maintain lightness without curiosity."
    )
    kept = clean_lines(["A story's first paragraph.", f"{caption} Photo: AP {caption}"]).lines
    assert kept == ["A story's first paragraph."]
    # A whole story in one block (a page's JSON-LD body) may quote its standfirst again.
    standfirst = "Coal has been in a slow-motion death spiral over the past ten years"
    story = f"{standfirst} " + "The plant closed in spring and the town lost jobs. " * 20
    assert not is_doubled(f"{story}{standfirst}, the report said.")
