"""A sentence's places decide a numeric date's order where the article's language does not."""

from narrator.text.normalize import places
from tests.text.normalize_table import table_tests

CASES = [
    (
        "The Court of Appeal in London will hear the case on 04/06/25.",
        "The Court of Appeal in London will hear the case on the 4th of June, twenty twenty-five.",
    ),
    (
        "Units sold before 01/07/2023 are covered, the Australian distributor said.",
        "Units sold before the 1st of July, twenty twenty-three are covered, the Australian "
        "distributor said.",
    ),
    (
        "The Texas court meets on 04/06/25.",
        "The Texas court meets on April 6th, twenty twenty-five.",
    ),
    # both kinds of place: the language decides (US here)
    (
        "Filed on 04/06/2025 in Sydney and New York.",
        "Filed on April 6th, twenty twenty-five in Sydney and New York.",
    ),
    ("The meeting is on 04/06.", "The meeting is on April 6th."),
    ("The Dublin meeting is on 04/06.", "The Dublin meeting is on the 4th of June."),
]

test_rule, test_idempotent = table_tests(CASES)


def test_a_sentence_with_no_place_decides_nothing() -> None:
    assert places.day_first("The meeting is on 04/06.") is None


def test_a_place_of_either_kind_alone_decides_and_both_decide_nothing() -> None:
    assert places.day_first("Held in Nairobi on 04/06.") is True
    assert places.day_first("Held in Nairobi and Washington on 04/06.") is None
    # a word that only contains a place's name is no place
    assert places.day_first("Perthshire-born Englander") is None
