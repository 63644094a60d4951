"""Piper's word marks: spoken words read off the model's frames, matched to the text's."""

from __future__ import annotations

from narrator.speech.piper_words import align_words, spoken_words


def test_align_words_matches_joined_and_split_words_by_length() -> None:
    # "in the spring of nineteen" (phonemes each alone): piper speaks "in the" as one word.
    assert align_words([2, 2, 5, 2, 7], [4, 5, 2, 7]) == [(0, 0), (2, 1), (3, 2), (4, 3)]
    # One to one when the counts agree.
    assert align_words([3, 5], [3, 4]) == [(0, 0), (1, 1)]
    # A word spoken as two ("best-known", "N.Y.").
    assert align_words([3, 9, 6], [3, 4, 5, 6]) == [(0, 0), (1, 1), (2, 3)]
    # "about 26,850 homes were": the number is five spoken words, and the words after it keep
    # their own (a split into at most two put "homes" inside the number).
    assert align_words([4, 30, 4, 3], [4, 7, 6, 4, 6, 7, 4, 3]) == [
        (0, 0),
        (1, 1),
        (2, 6),
        (3, 7),
    ]


def test_a_word_begins_where_the_word_before_stops_sounding_or_at_its_space_after_a_pause() -> None:
    # "^ a _ b _ ' ' _ c , _ ' ' _ d $": samples per id at 1000 Hz, so samples are ms.
    names = ["^", "a", "_", "b", "_", " ", "_", "c", ",", "_", " ", "_", "d", "$"]
    samples = [5, 10, 3, 10, 4, 6, 2, 10, 200, 3, 6, 2, 10, 5]
    words = spoken_words(names, samples, offset=100, sample_rate=1000)
    # "ab" at its first phoneme (nothing before it); "c" where "b" ends (the pad and the space
    # are its glide in); "d" after the comma's pause at its space, not where "c" ended.
    assert words == [(105.0, 2), (128.0, 1), (353.0, 1)]
