"""Text shown twice: a caption or heading repeated, a pull quote copied from the body."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate

from narrator.text.clean.lines import word_key


def near_duplicate(line: str, earlier: str) -> bool:
    """`line` repeats `earlier`: the same words, nearly, or a part of it (a caption under
    its credit line, a pull quote). A longer line that contains a short earlier one (a
    heading, then the paragraph that starts with it) is new text."""
    a, b = line, earlier
    if a == b:
        return True
    if len(a.split()) >= 5 and a in b:
        return True
    if abs(len(a) - len(b)) > 0.15 * max(len(a), len(b)) or len(a) > 400:
        return False
    # SequenceMatcher.quick_ratio without building the matcher (its index of `b` is most of
    # the cost, and a long pasted page compares thousands of pairs): the same bound, exactly.
    if 2 * (_letters(a) & _letters(b)).total() < 0.9 * (len(a) + len(b)):
        return False
    # The matching blocks SequenceMatcher counts are a common subsequence, so its ratio is
    # at most 2 * LCS / (len(a) + len(b)): an exact bound, bit-parallel, far cheaper than
    # the matcher on two paragraphs of the same letters (most of the pairs that reach here).
    if 2 * common_subsequence(a, b) < 0.9 * (len(a) + len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9 and not substituted(a, b)


_SUBSTITUTED_WORDS = 2  # words each side has that the other lacks, in a pattern's paragraphs


def substituted(a: str, b: str) -> bool:
    """Each line has words the other lacks: paragraphs written to one pattern ("Kayla Williams
    was awarded the Gold Award ... $5,000", then "Aniyah Owens ... the Bronze Award ...
    $1,500"), not the same text shown twice (a repeated caption adds or drops words, or
    changes one; a list of "ID: 10022662" lines is furniture repeated)."""
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    return min(len(only_a), len(only_b)) >= _SUBSTITUTED_WORDS


@lru_cache(maxsize=4096)
def _letters(text: str) -> Counter[str]:
    return Counter(text)  # read only: `&` makes a new Counter


def common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence of `a` and `b`.

    Bit-parallel (Hyyrö 2004, after Allison and Dix): one bit per character of `a`, whose
    zeros after reading all of `b` count the subsequence.
    """
    if not a or not b:
        return 0
    where: dict[str, int] = {}
    for i, ch in enumerate(a):
        where[ch] = where.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & where.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


_CONTAINED_WORDS = 6  # a shorter line, verbatim inside a longer one
_QUOTED_WORDS = 8  # a shorter line whose words run in order through a longer one


_QUOTE_REACH = 4  # an edited pull quote sits within this many blocks of its source


def drop_contained(lines: list[str]) -> list[str]:
    """A line repeated inside a longer one is a pull quote or a caption: drop the copy.

    Verbatim copies of six words or more go; so do edited pull quotes of eight words or
    more whose words appear in order within a span at most twice their length, near the
    paragraph they quote. Far from it, the same words are a paragraph that sums up
    another ("The administration lost by a 6-3 vote ..."), which stays.
    """
    keys = [word_key(x).split() for x in lines]
    words = [set(k) for k in keys]
    blocks = list(accumulate((bool(x) for x in lines), initial=0))  # position in blocks
    out = []
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        copy = (
            line
            and len(key) >= _CONTAINED_WORDS
            and any(
                j != i
                and len(k) > len(key)
                and key[0] in words[j]  # where a copy would start
                and _within(key, k, abs(blocks[i] - blocks[j]) <= _QUOTE_REACH)
                for j, k in enumerate(keys)
            )
        )
        out.append("" if copy else line)
    return out


def _within(short: list[str], long_: list[str], edited: bool = True) -> bool:
    n = len(short)
    for start in (i for i, w in enumerate(long_) if w == short[0]):
        if long_[start : start + n] == short:
            return True
        if n < _QUOTED_WORDS or not edited:
            continue
        pos = start
        for word in short[1:]:
            try:
                pos = long_.index(word, pos + 1, start + 2 * n)
            except ValueError:
                break
        else:
            return True
    return False
