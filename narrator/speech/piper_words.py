"""Where piper's words begin: its spoken words, read off the model's frames per phoneme, matched
to the words of the text (narrator.speech.piper's word marks)."""

from __future__ import annotations

import re
from collections.abc import Callable


def word_marks(
    text: str,
    spoken: list[tuple[float, int]],
    phonemes_of: Callable[[str], int] | None = None,
) -> tuple[tuple[int, int], ...]:
    """(character in `text`, ms) where its words begin, from the words piper spoke: (start ms,
    phonemes) each, as spoken_words reads them off the model's durations.

    piper puts a " " phoneme between the words it speaks, but its phonemizer (espeak's) joins
    some short words to the next ("in the" is one spoken word) and splits others ("N.Y.", a
    number), so its words are matched to the text's by length (align_words): each text word's
    phonemes when said alone (`phonemes_of`), else an estimate from its letters. A joined word
    marks the first of its words.
    """
    tokens = [m for m in _WORD.finditer(text) if any(c.isalnum() for c in m.group())]
    if phonemes_of is not None:
        expected = [float(phonemes_of(m.group())) for m in tokens]
    else:
        expected = [PHONEMES_PER_LETTER * sum(c.isalnum() for c in m.group()) for m in tokens]
    pairs = align_words(expected, [n for _, n in spoken])
    return tuple((tokens[i].start(), round(spoken[j][0])) for i, j in pairs)


def spoken_words(
    phonemes: list[str], samples: list[int], offset: int, sample_rate: int
) -> list[tuple[float, int]]:
    """(start ms, phonemes) of each word in one sentence: `phonemes` per phoneme id (the pads
    and markers included) and the samples the model gave each id, from `offset` samples.

    A word begins where the one before it stops sounding: the pads and the " " between two
    words are already the glide into the next. Marks at a word's first phoneme sat 85 ms after
    where Whisper hears the word (median, 6 bench articles); from the end of the word before,
    40 ms (bench/word_timings.py). After punctuation (a pause) a word begins at its " ".
    """
    out: list[tuple[float, int]] = []
    at, new_word = offset, True
    onset: int | None = None  # where the next word's sound may begin
    sounding_until: int | None = None  # the end of the last phoneme spoken, if no pause since
    for phoneme, n in zip(phonemes, samples, strict=True):
        if phoneme == " ":
            new_word = True
            if onset is None:
                onset = at if sounding_until is None else sounding_until
        elif phoneme == PAD:
            pass
        elif phoneme in NOT_SPOKEN:
            sounding_until = None  # punctuation and markers: a pause, not a glide
        else:
            if new_word:
                out.append((1000 * (at if onset is None else onset) / sample_rate, 0))
                new_word = False
            out[-1] = (out[-1][0], out[-1][1] + 1)
            onset, sounding_until = None, at + n
        at += n
    return out


PHONEMES_PER_LETTER = 0.85  # English in espeak's IPA, about
_MAX_JOINED = 3  # text words one spoken word may stand for ("in the", "out of the")
# spoken words one text word may take: "26,850" is "twenty-six thousand eight hundred fifty"
_MAX_SPLIT = 10
_ONE_TO_ONE_BONUS = 0.5


def align_words(expected: list[float], phonemes: list[int]) -> list[tuple[int, int]]:
    """Match text words (the phonemes each is expected to take) to spoken words (the phonemes
    each took), in order:
    a spoken word stands for 1 to 3 text words, or a text word is spoken as 2 to 10. Least
    squared misfit of length; the (text word, spoken word) pairs where a group starts."""
    n, m = len(expected), len(phonemes)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0

    def misfit(wanted: float, n_phonemes: int) -> float:
        return (n_phonemes - wanted) ** 2 / (wanted + 1)

    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            steps = [(a, 1) for a in range(1, _MAX_JOINED + 1)]
            steps += [(1, b) for b in range(2, _MAX_SPLIT + 1)]
            for a, b in steps:
                if i + a > n or j + b > m:
                    continue
                c = cost[i][j] + misfit(sum(expected[i : i + a]), sum(phonemes[j : j + b]))
                c += 0.0 if (a, b) == (1, 1) else _ONE_TO_ONE_BONUS
                if c < cost[i + a][j + b]:
                    cost[i + a][j + b], back[i + a][j + b] = c, (a, b)
    if cost[n][m] == inf:
        return []
    pairs = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        i, j = i - a, j - b
        pairs.append((i, j))
    return pairs[::-1]


# Phonemes that are not speech: piper's start/end markers, its pad, and punctuation.
PAD = "_"
NOT_SPOKEN = frozenset("^$_.,;:!?\"'()- \u2014\u2013\u2026")
_WORD = re.compile(r"\S+")
