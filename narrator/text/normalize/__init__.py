"""Say it as a person would: rewrite what espeak-ng 1.51 would misread in news copy.

Only what the engine gets wrong is rewritten; what it already reads well is left alone (plain
numbers, decimals, "1,234,567", ordinals "21st", "+5", "-5", "S&P", "AT&T", most acronyms).
Numbers stay digits wherever espeak reads them right, so the output stays close to the source.
Every rule was checked by comparing `espeak-ng -v en-us -q -x` phonemes of the source and of
the rewrite; the cases live in tests/text/test_normalize*.py.

One module per written form; this one composes them. Order matters and is fixed in
`_build_rules`: things whose dots and slashes other rules would mangle go first (web addresses,
phone numbers, versions and network addresses, blood pressures, party tags, dateline
states, fractions of a unit, dates, times, durations, money), then equations, ranges and
units, then powers ("10^6"), numbers read as years, Roman numerals, abbreviations, acronyms
and symbols; numbers that say "forty" are spelled last (see `numbers`), then punctuation is tidied.

News words the engines mispronounce ("crore") are respelled last, from `lexicon.NEWS_WORDS`,
so the rules still see the written word. A publisher's lexicon is applied first and what it
produced is never rewritten.
"""

from __future__ import annotations

import re

from narrator.text.lexicon import NEWS_WORDS, Lexicon
from narrator.text.normalize import (
    abbreviations,
    acronyms,
    characters,
    date_spans,
    dates,
    durations,
    equations,
    models,
    money,
    numbers,
    phones,
    pressure,
    punctuation,
    quarters,
    ranges,
    roman,
    scientific,
    scores,
    stamps,
    states,
    symbols,
    tech,
    times,
    units,
    web,
    weekdays,
    years,
)
from narrator.text.normalize.characters import SLOT_BASE, SLOTS
from narrator.text.normalize.spoken import Rule
from narrator.text.segment import base_language, split_sentences

_PHONEMES = re.compile(r"\[\[.*?\]\]", re.S)


def normalize(text: str, *, language: str = "en", lexicon: Lexicon | None = None) -> str:
    """`text` rewritten as one line of words the engine reads as a person would."""
    saved: list[str] = []

    def protect(spoken: str) -> str:
        saved.append(spoken)
        return chr(SLOT_BASE + len(saved) - 1)

    text = SLOTS.sub("", text)
    if lexicon is not None:
        text = lexicon.apply(text, mark=protect)
    text = _PHONEMES.sub(lambda m: protect(m.group(0)), text)
    if base_language(language) == "en":
        day_first = language.lower().replace("_", "-") not in ("en", "en-us")
        # Addresses first: their dots and "?" would otherwise split the sentence.
        text = web.spell(characters.plain(text))
        text = " ".join(_english(s, day_first) for s in split_sentences(text, "en"))
        text = NEWS_WORDS.apply(text)
    text = " ".join(text.split())
    return SLOTS.sub(lambda m: saved[ord(m.group(0)) - SLOT_BASE], text)


def _english(sentence: str, day_first: bool) -> str:
    for pattern, replace in _RULES[day_first]:
        sentence = pattern.sub(replace, sentence)
    return punctuation.tidy(sentence)


def _build_rules(day_first: bool) -> list[Rule]:
    return [
        *abbreviations.ADDRESS,
        *models.RULES,
        *phones.RULES,
        *tech.RULES,
        *pressure.RULES,
        *states.RULES,
        *abbreviations.NUMBERED,
        *weekdays.RULES,
        *numbers.FRACTIONS_OF,
        *scores.CRICKET,
        *quarters.RULES,
        *date_spans.rules(day_first),
        *stamps.RULES,
        *dates.rules(day_first),
        *durations.PACE,
        *times.RULES,
        *durations.RULES,
        *money.RULES,
        *scores.RULES,
        *equations.RULES,
        *ranges.RULES,
        *numbers.DIMENSIONS,
        *units.RULES,
        *scientific.RULES,
        *numbers.RULES,
        *years.RULES,
        *roman.RULES,
        *abbreviations.RULES,
        *acronyms.RULES,
        *symbols.RULES,
        *numbers.FORTIES,
    ]


_RULES = {day_first: _build_rules(day_first) for day_first in (False, True)}
