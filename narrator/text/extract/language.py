"""The article's language when the page does not say it: obvious non-English by function words."""

from __future__ import annotations

import re

# A few very frequent function words per language: enough to tell obvious non-English.
_STOPWORD_TEXT = {
    "en": "the and of to in is that for it was on with as he she said",
    "fr": "le la les des et est une dans pour que qui sur pas au du",
    "de": "der die das und ist nicht mit den ein eine sich auf für zu",
    "es": "el la los las y es en que del por con una para se",
    "it": "il la di che è per non una sono con del della gli",
    "pt": "o a os as e de que do da em um uma para com não",
    "nl": "de het een en van is dat op te niet met voor zijn",
}
_STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORD_TEXT.items()}


def guess_language(text: str) -> str:
    """The language code: "en" unless another language's function words clearly dominate."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    if len(words) < 8:
        return "en"
    counts = {lang: sum(1 for w in words if w in sw) for lang, sw in _STOPWORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    if best != "en" and counts[best] >= 2 * max(counts["en"], 1) and counts[best] >= 4:
        return best
    return "en"
