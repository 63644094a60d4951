"""wordmap: spoken words back to the source words they read."""

from __future__ import annotations

from narrator.text import wordmap
from narrator.text.normalize import normalize


def owners(source: str) -> list[tuple[str, str]]:
    spans = wordmap.source_words(source)
    words = [source[a:b] for a, b in spans]
    spoken = wordmap.spoken_words(normalize(source, language="en"))
    return [(w, words[i]) for w, i in zip(spoken, wordmap.align(spoken, words), strict=True)]


def test_rewritten_words_map_to_what_they_replaced() -> None:
    pairs = owners("In 2012 Dr. Smith paid $5 for 3 km of road \u2014 twice.")
    assert ("twenty", "2012") in pairs and ("twelve", "2012") in pairs
    assert ("Doctor", "Dr.") in pairs
    assert ("dollars", "$5") in pairs  # "$5" is read "5 dollars"
    assert ("kilometers", "km") in pairs
    assert pairs[-1] == ("twice.", "twice.")


def test_order_is_kept_and_every_spoken_word_has_a_source() -> None:
    source = "Prices rose 12% since March; Sen. Lee, D-Ore., disagreed at 10:30 a.m."
    spans = wordmap.source_words(source)
    spoken = wordmap.spoken_words(normalize(source, language="en"))
    found = wordmap.align(spoken, [source[a:b] for a, b in spans])
    assert len(found) == len(spoken) and found == sorted(found)
    assert set(found) == set(range(len(spans)))  # every source word is read


def test_symbols_are_no_words() -> None:
    assert wordmap.source_words("A \u2014 B") == [(0, 1), (4, 5)]
    assert wordmap.align([], []) == [] and wordmap.align(["x"], []) == []
