import random

import pytest

from narrator.text import segment
from narrator.text.segment import MAX_SENTENCE_CHARS, split_sentences


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("One. Two? Three!", ["One.", "Two?", "Three!"]),
        # quotes closing after the period stay with their sentence
        ('"This is the end." She left.', ['"This is the end."', "She left."]),
        ("“We are done.” She smiled.", ["“We are done.”", "She smiled."]),
        ('He said, "We won." Then he left.', ['He said, "We won."', "Then he left."]),
        # abbreviations and titles
        ("Gov. Smith spoke. Sen. Jones replied.", ["Gov. Smith spoke.", "Sen. Jones replied."]),
        (
            "Lt. Gov. Dan Patrick spoke. Atty. Gen. Ken Paxton agreed.",
            ["Lt. Gov. Dan Patrick spoke.", "Atty. Gen. Ken Paxton agreed."],
        ),
        (
            "Dr. Jones met Mrs. Park at No. 10 Downing St. on Friday.",
            ["Dr. Jones met Mrs. Park at No. 10 Downing St. on Friday."],
        ),
        (
            "Prices rose 2.5% vs. last year, e.g. bread, i.e. staples. Then they fell.",
            ["Prices rose 2.5% vs. last year, e.g. bread, i.e. staples.", "Then they fell."],
        ),
        (
            "The company, Acme Corp., fell. Gen. Mills retired.",
            ["The company, Acme Corp., fell.", "Gen. Mills retired."],
        ),
        (
            "Chris Murphy, D-Conn., said no. Others agreed.",
            ["Chris Murphy, D-Conn., said no.", "Others agreed."],
        ),
        # U.S. inside a sentence and at its end
        ("The U.S. Senate voted. It won.", ["The U.S. Senate voted.", "It won."]),
        ("They moved to the U.S. The rest stayed.", ["They moved to the U.S.", "The rest stayed."]),
        # initials and decimals
        ("J. K. Rowling wrote it. It sold well.", ["J. K. Rowling wrote it.", "It sold well."]),
        ("Pi is 3.14 roughly. Yes.", ["Pi is 3.14 roughly.", "Yes."]),
        # AP clock times followed by a day, and a split before a lower-case word
        (
            "It began at 3 p.m. Tuesday in St. Louis. Then it rained.",
            ["It began at 3 p.m. Tuesday in St. Louis.", "Then it rained."],
        ),
        # a clock time followed by its zone by name; a name after it is a new sentence
        (
            "It opens at 4:45 a.m. Pacific time. Then it closes.",
            ["It opens at 4:45 a.m. Pacific time.", "Then it closes."],
        ),
        (
            "It ended at 9 p.m. Pacific Gas and Electric said so.",
            ["It ended at 9 p.m.", "Pacific Gas and Electric said so."],
        ),
        # "No." ends sentences unless a number follows
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        ("  spaced \n out  text.  ", ["spaced out text."]),
        # a dateline's state abbreviation is not the end of a sentence
        (
            "CHARLESTON, W.Va. — Gov. Jim Justice signed it. It passed.",
            ["CHARLESTON, W.Va. — Gov. Jim Justice signed it.", "It passed."],
        ),
        ("RICHMOND, Va. \u2013 The vote was close.", ["RICHMOND, Va. \u2013 The vote was close."]),
        # a weekday abbreviation before a hyphen, a time or a date; a verb ends its sentence
        ("Open Mon.-Fri., 9-5. Closed Sun.", ["Open Mon.-Fri., 9-5.", "Closed Sun."]),
        # a clipped year goes on after a month, and keeps its space; a quotation still closes
        ("Since Oct. '98, prices doubled. Next.", ["Since Oct. '98, prices doubled.", "Next."]),
        ("He said 'no.' Then he left.", ["He said 'no.'", "Then he left."]),
        ("It opens Sat. 9 a.m. sharp.", ["It opens Sat. 9 a.m. sharp."]),
        ("Closes Fri. Sept. 12 at noon.", ["Closes Fri. Sept. 12 at noon."]),
        ("We met on Sat. March was cold.", ["We met on Sat.", "March was cold."]),
        ("He sat. 9 people came.", ["He sat.", "9 people came."]),
    ],
)
def test_split(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_a_dash_opens_dialogue_outside_english() -> None:
    # French and Spanish set off each line of dialogue with a dash: those stay sentences.
    assert split_sentences("Il partit. — Bonjour, dit-elle.", "fr") == [
        "Il partit.",
        "— Bonjour, dit-elle.",
    ]


@pytest.mark.parametrize("paragraph", ["", "   ", "\n\n"])
def test_nothing_in_nothing_out(paragraph: str) -> None:
    assert split_sentences(paragraph) == []


def test_long_sentences_are_cut_at_semicolons_dashes_then_commas() -> None:
    clauses = ["the council met again to debate the plan"] * 12
    semicolons = "; ".join(clauses) + "."
    parts = split_sentences(semicolons)
    assert len(parts) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in parts)
    assert all(p.endswith((";", ".")) for p in parts)
    assert " ".join(parts) == semicolons

    commas = ", ".join(clauses) + "."
    parts = split_sentences(commas)
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in parts)
    assert " ".join(parts) == commas

    dashes = " — ".join(clauses) + "."
    parts = split_sentences(dashes)
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in parts)
    assert " ".join(parts) == dashes


def test_long_sentence_without_punctuation_is_cut_between_words() -> None:
    words = " ".join(["word"] * 300) + "."
    parts = split_sentences(words)
    assert all(0 < len(p) <= MAX_SENTENCE_CHARS for p in parts)
    assert " ".join(parts) == words


def test_a_single_huge_token_is_kept_whole() -> None:
    token = "x" * (MAX_SENTENCE_CHARS + 50)
    assert split_sentences(token) == [token]


@pytest.mark.parametrize("language", ["de", "fr-FR", "en_GB", "xx"])
def test_other_languages(language: str) -> None:
    assert split_sentences("Eins. Zwei.", language) == ["Eins.", "Zwei."]


# Text that skips pysbd must split as pysbd would split it: each of these goes through pysbd.
_TRICKY = [
    "1) first 2) second 3) third",  # list items need no full stop
    "a) first thing b) second thing",
    "He called it “a disaster” Then he left?",  # a quote before a capital ends a sentence
    "'single Ave one' St?",
    'our paranoia about vaguely brown men."',  # closers after the final stop stay on it
    "rn a server off?”",
    "oading..",
    "a ȸ b",  # pysbd's own placeholders
    "what?! no",
    "I. Intro II. Body",
    "Prix Moteurs!»",
]
_TOKENS = (
    "He said the Then A I (see this) \"hello there\" “quoted text” 'single one' 1 2 a b Mr Dr "
)
_TOKENS += "U S Inc No & - — , ; : [1] « » é ß (x y) ñ $5 % # * / “ ” \" ' ( ] [ • 1st St vs Jan"


def _through_pysbd(text: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as m:
        m.setattr(segment, "_may_split", lambda _text: True)
        return split_sentences(text)


@pytest.mark.parametrize("text", _TRICKY)
def test_text_that_may_split_goes_through_pysbd(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert segment._may_split(" ".join(text.split())) or len(_through_pysbd(text, monkeypatch)) == 1
    assert split_sentences(text) == _through_pysbd(text, monkeypatch)


def test_text_pysbd_cannot_split_skips_it_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(7)
    tokens = _TOKENS.split(" ")
    skipped = 0
    for _ in range(3000):
        text = " ".join(rng.choice(tokens) for _ in range(rng.randint(1, 12)))
        text += rng.choice(["", ".", "!", "?", '."', "?”", ".)", ")", '"'])
        skipped += not segment._may_split(" ".join(text.split()))
        assert split_sentences(text) == _through_pysbd(text, monkeypatch), text
    assert skipped > 1000  # the shortcut is taken, not just harmless
