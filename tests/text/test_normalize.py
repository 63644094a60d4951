# ruff: noqa: RUF001 - typographic quotes and dashes are test input
"""The entry point: languages, the lexicon, properties over news text, and espeak-ng itself
confirming the cases it misread. Each written form's table is in test_normalize_<form>.py."""

import random
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.text.lexicon import Lexicon
from narrator.text.normalize import normalize
from narrator.text.segment import split_sentences
from tests.text.normalize_table import table_tests

NEWS_WORDS_CASES = [
    ("a 2 crore loan", "a 2 kroh-r loan"),  # espeak's /krOr/ is heard as "core"
    ("crores of rupees", "kroh-ars of rupees"),
]

test_news_words, test_news_words_idempotent = table_tests(NEWS_WORDS_CASES)


def test_other_languages_get_only_lexicon_and_whitespace() -> None:
    lexicon = Lexicon.parse("Xiaomi = Schau-mi")
    text = "Gov. Xiaomi  kostet $20.50\n am 10/02/2022."
    assert normalize(text, language="de", lexicon=lexicon) == (
        "Gov. Schau-mi kostet $20.50 am 10/02/2022."
    )


def test_day_first_for_british_english() -> None:
    assert normalize("10/02/2022", language="en-GB") == "the 10th of February, twenty twenty-two"
    assert normalize("10/02/2022", language="en-us") == "October 2nd, twenty twenty-two"


def test_lexicon_applies_first_and_its_output_is_untouched() -> None:
    lexicon = Lexicon.parse("Xiaomi = [[S'aUmi:]]\nNASA = N A S A\nDr. No = Doctor Know")
    assert normalize("Xiaomi's U.S. sales rose 5%.", lexicon=lexicon) == (
        "[[S'aUmi:z]] US sales rose 5 percent."
    )
    # a publisher entry wins over our acronym and title rules
    assert normalize("NASA and Dr. No", lexicon=lexicon) == "N A S A and Doctor Know"
    assert normalize("Gov. Xiaomi", lexicon=lexicon) == "Governor [[S'aUmi:]]"


def test_inline_phonemes_survive() -> None:
    text = "Say [[h@'loU]] to Mr. [[n'Ag_#U2-jEn]] at 3:30 pm."
    assert normalize(text) == "Say [[h@'loU]] to Mr [[n'Ag_#U2-jEn]] at three thirty PM."


# ---------------------------------------------------------------- properties

NEWS = [
    "The city council voted 7-2 on Tuesday to approve a $48 million plan. Gov. Smith agreed.",
    "Sen. Ted Cruz (R-Texas) said the U.S. would act. Others, e.g. Rep. Lee, disagreed.",
    '"It is over." She left at 3 p.m. Tuesday. The vote was 52-48.',
    "Apple Inc. said profits rose 12.5% to $1.2bn. Shares fell 3% in New York.",
    "Temperatures hit 30°C in St. Louis on Feb. 10, 2022. It was the hottest day since 1998.",
    "J. K. Rowling's new book sold 1,234,567 copies. See example.com/books for more.",
    "Prices rose 2x in the 1990s, approx. 5% a year. The No. 1 cause was demand.",
    "He ran 5km in 20 min. Then he rested; he was tired. Dr. Jones said he was fine.",
]


@pytest.mark.parametrize("paragraph", NEWS)
def test_normalization_keeps_sentence_count(paragraph: str) -> None:
    assert len(split_sentences(normalize(paragraph))) == len(split_sentences(paragraph))


@pytest.mark.parametrize("paragraph", NEWS)
def test_idempotent(paragraph: str) -> None:
    once = normalize(paragraph)
    assert normalize(once) == once


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_stays_one_line(text: str) -> None:
    out = normalize(text)
    assert "\n" not in out
    assert out == out.strip()


def test_never_raises_on_newsy_noise() -> None:
    rng = random.Random(7)
    alphabet = "0123456789$£€¥.,:;-–—/%°#&@()[]'\"“”’ kmgxAaBbStDr.U.S.pm am Rs \u200b😀|•*~"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        out = normalize(text, lexicon=Lexicon.parse("Dr = [[d'0k]]"))
        assert "\n" not in out


# ---------------------------------------------------------------- what espeak-ng says

ESPEAK = shutil.which("espeak-ng")


def phonemes(text: str) -> str:
    assert ESPEAK
    out = subprocess.run(
        [ESPEAK, "-v", "en-us", "-q", "-x", "--", text],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return " ".join(out.split())


# (source, what a person says; comment: what espeak 1.51 said for the source)
SPOKEN = [
    # "dollar twenty point five zero"
    ("It cost $20.50.", "It cost twenty dollars and fifty cents."),
    # "US dollar one point five billion"
    ("It cost US$1.5 billion.", "It cost one point five billion US dollars."),
    ("It was ¥30b.", "It was thirty billion yen."),  # "yen thirty B"
    ("It was €5m.", "It was five million euros."),  # "euros five M"
    ("It cost Rs 300.", "It cost three hundred rupees."),  # "R S three hundred"
    ("They won 7-2.", "They won seven to two."),  # "seven dash two"
    ("It ran 5km.", "It ran five kilometers."),  # "five K M"
    ("It was 30°C.", "It was thirty degrees Celsius."),  # "thirty degrees C"
    ("It went 10 mph.", "It went ten miles per hour."),  # "ten M P H"
    ("It is 2x faster.", "It is two times faster."),  # "two X faster"
    ("It was the 1990s.", "It was the nineteen nineties."),  # "nineteen hundred ninety Z"
    ("It was in 2019.", "It was in twenty nineteen."),  # "two thousand nineteen"
    ("It was at 3:05 pm.", "It was at three oh five PM."),  # "three zero five"
    ("Gov. Smith spoke.", "Governor Smith spoke."),  # "guv Smith"
    ("Ms. Park spoke.", "Miz Park spoke."),  # "M S Park"
    ("See example.com/news.", "See example dot com slash news."),  # reads right: kept as a check
    ("The NCAA said so.", "The N C double A said so."),  # "nk-ah"
    ("The IAEA said so.", "The I.A.E.A. said so."),  # "eye-ee-uh"
    ("ICE agents came.", "Ice agents came."),  # "I C E"
    ("It was #1.", "It was number one."),  # "hash one"
    ("Read 3/4 of it.", "Read three quarters of it."),  # "three slash four"
    ("Great news 😀.", "Great news."),  # "grinning face"
    ("It was ~5 days.", "It was about five days."),  # "tilde five"
    ("It was in the '90s.", "It was in the nineties."),  # "ninety Z"
    ("Sen. Cruz (R-Texas) spoke.", "Senator Cruz, Republican of Texas, spoke."),
    ("Roe v. Wade fell.", "Roe versus Wade fell."),  # "Roe V Wade"
    ("In Albany, N.Y., it rained.", "In Albany, New York, it rained."),  # "N Y"
    ("In Fresno, Calif., it rained.", "In Fresno, California, it rained."),  # "Cal if"
]


def _without_pauses(p: str) -> str:
    # Pauses ("_:", "_!"), stress marks, word breaks and allophone variants ("t2" vs "t")
    # differ between digits and words for the same sounds; the phonemes themselves must not.
    return re.sub(r"_[:!]?|[',;#\s]|(?<=\D)2", "", p)


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize(("source", "spoken"), SPOKEN, ids=[s for s, _ in SPOKEN])
def test_espeak_says_what_a_person_says(source: str, spoken: str) -> None:
    assert _without_pauses(phonemes(normalize(source))) == _without_pauses(phonemes(spoken))


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize(
    ("source", "spoken"), [c for c in SPOKEN if "example.com" not in c[0]], ids=lambda c: c
)
def test_espeak_got_these_wrong_unnormalized(source: str, spoken: str) -> None:
    # Word breaks count here: "ninety z" is not "nineties".
    def words(p: str) -> str:
        return " ".join(_without_pauses(w) for w in p.split())

    assert words(phonemes(source)) != words(phonemes(spoken))


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
def test_lexicon_phonemes_reach_espeak() -> None:
    lexicon = Lexicon.parse("Xiaomi = [[S'aUmi:]]")
    assert "S'aUmi:" in phonemes(normalize("Xiaomi sells phones.", lexicon=lexicon))
    assert "S'aUmi:" not in phonemes("Xiaomi sells phones.")


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
def test_crore_keeps_its_final_r() -> None:
    # espeak says "crore" as /krOr/, heard as "core"; the respelling voices the r: /kroU'A@/
    assert "oU'A@" in phonemes(normalize("It froze Rs 300 crore."))
    assert "A@" not in phonemes("It froze 300 crore rupees.")
