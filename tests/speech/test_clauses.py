"""Pauses at punctuation: which marks count, and what they cost at a pace."""

from __future__ import annotations

import pytest

from narrator.speech import clauses, voices


def test_marks_are_counted_where_an_engine_pauses():
    text = 'He said, "we (all) win": yes; no, 3,000 people, 1.5 m, U.S. law at 10:30.'
    counts = clauses.count(text)
    # "3,000", "1.5", "U.S." and "10:30" carry no pause: a comma or colon follows a word (or
    # its closing quote) and precedes a space.
    assert counts == {"comma": 4, "colon": 2, "bracket": 2, "quote": 2}
    assert clauses.count("Nothing to pause at here") == dict.fromkeys(clauses.MARKS, 0)


def test_counts_add_up_by_class():
    assert clauses.add({"comma": 2}, {"comma": 1, "quote": 2}) == {
        "comma": 3,
        "colon": 0,
        "bracket": 0,
        "quote": 2,
    }


def test_seconds_interpolate_and_hold_past_the_measured_paces():
    curves = {"comma": [(1.0, 0.2), (2.0, 0.1)]}
    assert clauses.seconds_at(curves, {"comma": 3}, 1.5) == pytest.approx(0.45)
    assert clauses.seconds_at(curves, {"comma": 1}, 0.5) == pytest.approx(0.2)
    assert clauses.seconds_at(curves, {"comma": 1}, 3.0) == pytest.approx(0.1)
    # A class the voice has no curve for costs nothing.
    assert clauses.seconds_at(curves, {"quote": 4}, 1.0) == 0.0


def test_the_calibration_sentences_carry_only_their_own_class():
    for name, sentences in clauses.MARK_SENTENCES.items():
        for sentence in sentences:
            counts = clauses.count(sentence)
            assert counts[name] > 0, sentence
            assert sum(counts.values()) == counts[name], sentence


def test_espeak_pauses_at_commas_and_shorter_when_faster():
    engine = voices.get_engine("espeak")
    curves = clauses.measure(engine, "en-us", [1.0, 2.0])
    (slow, comma_1x), (fast, comma_2x) = curves["comma"]
    assert (slow, fast) == (1.0, 2.0)
    assert 0.1 < comma_1x < 0.4
    assert comma_2x < comma_1x
    assert curves["colon"][0][1] > 0.1
