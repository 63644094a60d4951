"""Articles made up for the tests: distinct paragraphs of plain news prose.

Distinct because extractors drop repeated boilerplate and the chunk cache would serve repeated
sentences; made up from a seed, so that each test's article (and its id) is its own.
"""

from __future__ import annotations

import random

# A short article with a title, for the tests of the HTTP API.
ARTICLE = (
    "Harbor Opens New Ferry Line\n\n"
    "The city opened a new ferry line on Monday. Officials said the route will carry "
    "two thousand riders a day.\n\n"
    "Service runs every twenty minutes from six in the morning until midnight."
)

PLACES = ["Springfield", "Riverton", "Lakeside", "Oakdale", "Hillcrest", "Brookfield"]
NOUNS = [
    "library",
    "bridge",
    "harbor",
    "school",
    "market",
    "stadium",
    "museum",
    "railway",
    "hospital",
    "garden",
    "factory",
    "airport",
    "theater",
    "clinic",
    "tunnel",
    "park",
]
VERBS = ["approved", "delayed", "questioned", "praised", "funded", "rejected", "reviewed"]
PEOPLE = [
    "the mayor",
    "local residents",
    "two engineers",
    "the treasurer",
    "shop owners",
    "a teacher",
    "the planning board",
    "several farmers",
]


def article_text(paragraphs: int, seed: str = "", *, sentences: int = 3) -> str:
    """`paragraphs` paragraphs of 2 or 3 sentences; every one says "days of debate"."""
    if sentences not in (2, 3):
        raise ValueError("a paragraph has 2 or 3 sentences")
    rng = random.Random(f"{seed}-{paragraphs}")
    out = []
    for _ in range(paragraphs):
        a, b = rng.sample(NOUNS, 2)
        text = (
            f"In {rng.choice(PLACES)}, {rng.choice(PEOPLE)} {rng.choice(VERBS)} the plan for the "
            f"{a} {seed} after {rng.randint(2, 90)} days of debate. "
            f"{rng.choice(PEOPLE).capitalize()} said the {b} would cost "
            f"{rng.randint(2, 900)} thousand dollars more than expected."
        )
        if sentences == 3:
            text += f" A final vote on the {a} and the {b} is set for week {rng.randint(2, 50)}."
        out.append(text)
    return "\n\n".join(out)
