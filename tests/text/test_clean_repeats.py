from __future__ import annotations

import random
from difflib import SequenceMatcher

from narrator.text.clean.repeats import common_subsequence, near_duplicate, substituted


def _lcs(a: str, b: str) -> int:  # the textbook table, to check the bit-parallel one
    row = [0] * (len(b) + 1)
    for ch in a:
        prev = 0
        for j, other in enumerate(b, start=1):
            prev, row[j] = row[j], prev + 1 if ch == other else max(row[j], row[j - 1])
    return row[-1]


def test_common_subsequence_is_the_longest_common_subsequence() -> None:
    rng = random.Random(7)
    for _ in range(400):
        a = "".join(rng.choice("abcde ") for _ in range(rng.randint(0, 90)))
        b = "".join(rng.choice("abcde ") for _ in range(rng.randint(0, 90)))
        assert common_subsequence(a, b) == _lcs(a, b), (a, b)


def test_the_bound_never_hides_what_the_matcher_finds() -> None:
    # SequenceMatcher's matching blocks are a common subsequence: its ratio is never above
    # the LCS ratio, so a pair the bound rejects is one the matcher would have rejected.
    rng = random.Random(11)
    words = [
        "the",
        "mayor",
        "said",
        "on",
        "monday",
        "that",
        "transit",
        "fares",
        "would",
        "rise",
        "by",
        "ten",
        "cents",
    ]
    for _ in range(300):
        a = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        b = list(a)
        for _ in range(rng.randint(0, 6)):
            b[rng.randrange(len(b))] = rng.choice("xyz ")
        b_text = "".join(b)
        ratio = SequenceMatcher(None, a, b_text, autojunk=False).ratio()
        assert ratio <= 2 * common_subsequence(a, b_text) / (len(a) + len(b_text)) + 1e-12
        similar = ratio >= 0.9 and not substituted(a, b_text)
        assert near_duplicate(a, b_text) == (similar or a == b_text or _inside(a, b_text))


def test_paragraphs_written_to_one_pattern_are_not_copies() -> None:
    # An awards list: each paragraph the last with other names and figures.
    first = (
        "to be considered for the award williams had to have a minimum high school gpa of 3 25 "
        "or above and an act score of 17"
    )
    second = (
        "to be considered for the award latten had to have a minimum high school gpa of 3 0 3 24 "
        "and an act score of 17"
    )
    assert not near_duplicate(second, first)
    # A caption shown twice, one word changed or a credit dropped, is still a copy.
    caption = "the mayor speaks to reporters outside city hall on monday afternoon"
    assert near_duplicate(caption.replace("speaks", "spoke"), caption)


def _inside(a: str, b: str) -> bool:
    return len(a.split()) >= 5 and a in b
