"""Whether an amount or a measure is an adjective: "a $48 million plan", "the 300 MW plant".

A newsreader says the unit in the singular when the amount describes the noun after it ("a
forty-eight million dollar plan", "a five kilometer race") and in the plural when it is the
thing itself ("spent forty-eight million dollars", "ran five kilometers"). The evidence is the
words around it: a determiner or a possessive before, and after it a word that can be a noun,
not a verb, a preposition or a pronoun ("the $5 million he stole", "the $2 billion raised").
"""

from __future__ import annotations

import re

# ... maybe with an adjective between: "the old $500 note", "a whopping $48 million plan"
# (by its ending or a short list: "the company $40 million" has a noun there).
_ADJECTIVE = (
    r"(?:[a-z]+(?:ed|al|ing|ous|ive|ful|ic|est|ble|ary)|old|new|first|last|next|extra|whopping"
    r"|record|big|huge|small|latest|average|total|net|gross|annual|initial|single|double"
    r"|daily|weekly|monthly|yearly|full|whole|entire|standard|modest|mere|further|separate"
    r"|special|long|short|high|low|flat|fresh|second|third|final"
    # a contract's length before its worth: "a four-year, $212 million extension"
    r"|[a-z0-9]+-(?:year|month|week|day|game|season),?)"
)
_BEFORE = re.compile(
    r"(?:\b(?:an?|the|this|that|its|his|her|their|our|your|each|every|another|whose"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)"
    # a possessive, not "it's" or "that's" ("It's 3°C right now": is, not of)
    rf"|\b(?!(?:it|that|there|here|what|who|he|she|where|how|let)['\u2019]s)\w+['\u2019]s)"
    rf"\s+(?:{_ADJECTIVE}\s+)?$",
    re.IGNORECASE,
)
_AFTER = re.compile(r"\s+([a-z]+)(?:-[a-z]+)*(?:\s+([a-z]+))?")
# Words that cannot be the noun an amount describes: function words, and the verbs that most
# often follow an amount that is the subject ("the $5 million was").
_NOT_NOUN_TEXT = """a an the and or but nor of to in on at for with from by as into onto over under
    about
    after before between through during against without within per than plus minus via
    is are was were be been being am has have had will would can could should may might must
    do does did shall said says say went goes go come came made make makes paid pay pays
    took take takes cost costs rose fell grew left put set hit kept brought bought sold spent
    gave got won lost ran helped remains remained became seemed
    it its he she they we you i his her their our them him us me my your who whom whose which
    that this these those what when where while if so not no more less most least each every
    all some any both either neither also too very just only even still already yet again
    back up down out off away there here then now ago later earlier worth apiece annually
    total ahead behind above below beyond around near until till since unless because though
    although once today tonight tomorrow yesterday daily weekly monthly yearly overnight last
    next"""
_NOT_NOUNS = frozenset(_NOT_NOUN_TEXT.split())
# Words ending in "s" that are not plural nouns.
_NOT_PLURAL_TEXT = """as is us was does has this thus plus minus less unless whereas besides its
    ours yours theirs hers always perhaps sometimes towards afterwards upwards downwards
    backwards forwards onwards outwards inwards sideways nowadays across"""
_NOT_PLURALS = _NOT_NOUNS | frozenset(_NOT_PLURAL_TEXT.split())
_PLURAL = re.compile(r"\s+([a-z]+)\b")
# Plurals without an "s", and nouns whose plural is the word itself.
_IRREGULAR_TEXT = (
    "people men women children cattle sheep fish deer staff personnel livestock police"
)
_IRREGULAR_PLURALS = frozenset(_IRREGULAR_TEXT.split())


def plural_after(text: str, end: int) -> str | None:
    """The word after text[:end] when it is a plural noun (an amount before it counts those
    things: "3m people", "2.5m barrels"), else None."""
    after = _PLURAL.match(text, end)
    if after is None:
        return None
    word = after.group(1)
    if word in _IRREGULAR_PLURALS or (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in _NOT_PLURALS
    ):
        return word
    return None


def noun_after(text: str, end: int, *, names: bool = True) -> bool:
    """Whether the word after text[:end] can be a noun the words before it describe ("the 20
    November encounter", "a 14\" screen"): not a function word, a verb or an adverb."""
    after = _WORD.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    if not word.islower():  # a name ("iPad Pro", "TV"), where the caller counts names
        return names and (word[0].isupper() or word[1:2].isupper())
    # "-ible" is an adjective's ending ("8-12\" possible", "2 ft visible"); few nouns end so
    adjective = word.endswith(("ed", "ly", "ible"))
    return word not in _NOT_NOUNS and not adjective and word not in _DIMENSIONS


_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'-]*)")
# What a measure is, not what it describes: "55\" wide".
_DIMENSIONS = frozenset(
    ["wide", "tall", "long", "high", "deep", "thick", "across", "apart", "away"]
)


# An acronym is a noun too: "a 2TB SSD", "a 450 KB PDF", "the $5 million IPO".
_ACRONYM_AFTER = re.compile(r"\s+[A-Z]{2,5}s?\b(?!['\u2019]|\.\w)")


def attributive(text: str, start: int, end: int) -> bool:
    """Whether the amount or measure at text[start:end] describes the noun after it."""
    if not _BEFORE.search(text, max(0, start - 40), start):
        return False
    if _ACRONYM_AFTER.match(text, end):
        return True
    after = _AFTER.match(text, end)
    if after is not None and after.group(1) == "can" and after.group(2) in (None, "of"):
        return True  # "one 12 oz can of tomatoes": the tin, not "the $5 million can be spent"
    if after is None or after.group(1) in _NOT_NOUNS or _past_tense(after.group(1)):
        return False
    word = after.group(1)
    if word.endswith("ing") and not _ing_noun(word):
        # "the $2 billion funding package" but "the $20 billion going to schools"
        return after.group(2) is not None and after.group(2) not in _NOT_NOUNS
    return True


# Nouns that end like a verb's "-ed": "a $5M seed round", "a 50 mph speed limit"
_ED_NOUNS = frozenset(["speed", "breed", "greed", "creed", "steed", "tweed"])


def _past_tense(word: str) -> bool:
    """ "raised", "spent": a verb after the amount; "seed", "bed", "speed" are nouns."""
    return word.endswith("ed") and len(word) > 4 and word not in _ED_NOUNS


# Nouns that end like a verb's "-ing": a stem without a vowel ("thing", "string", "spring"),
# or one of these ("a 2 oz serving has", "a 10 ft ceiling").
_ING_NOUNS_TEXT = """serving building ceiling clothing housing filling topping frosting icing
    dressing stuffing pudding wedding morning evening bedding flooring siding railing lining"""
_ING_NOUNS = frozenset(_ING_NOUNS_TEXT.split())


def _ing_noun(word: str) -> bool:
    return word in _ING_NOUNS or not re.search(r"[aeiouy]", word[:-3])
