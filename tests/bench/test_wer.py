"""Normalization and WER of the intelligibility bench (bench/wer.py): no audio, no model."""

from pathlib import Path

import pytest

from bench.wer import Errors, collapse_loops, normalize, wer, word_errors


def said(text: str) -> str:
    return " ".join(normalize(text))


def w(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Hello, World!", "hello world"),
        ("Gov. Katherine Holloway", "governor katherine holloway"),
        ("Sen. Dale Whitcomb (R-Texas)", "senator dale whitcomb republican of texas"),
        ("(D-N.M.)", "democrat of new mexico"),
        ("$1.5 billion", "one point five billion dollars"),
        ("$1", "one dollar"),
        ("$34,000 a year", "thirty four thousand dollars a year"),
        ("$1.34,000 and $$500", "thirty four thousand dollars and five hundred dollars"),
        ("$2.90 to $3", "two point nine zero dollars to three dollars"),
        ("Rs 300 crore", "three hundred crore rupees"),
        ("Rs 1 crore loan", "one crore rupees loan"),
        ("£2.1bn", "two point one billion pounds"),
        ("£760m", "seven hundred sixty million pounds"),
        ("HK$31.55", "thirty one point five five hong kong dollars"),
        ("rose 4%", "rose four percent"),
        ("6.25 per cent", "six point two five percent"),
        ("Feb. 10, 2022", "february tenth twenty twenty two"),
        ("February 10th 2022", "february tenth twenty twenty two"),
        ("Jan. 1, 2026", "january first twenty twenty six"),
        ("in December 2026", "in december twenty twenty six"),
        ("11:40 p.m.", "eleven forty p m"),
        ("11.40pm", "eleven forty p m"),
        ("10 a.m.", "ten a m"),
        ("10:00 AM", "ten a m"),
        ("9:05", "nine oh five"),
        ("voted 14-8", "voted fourteen to eight"),
        ("200-400 mm", "two hundred to four hundred millimeters"),
        ("the 22nd", "the twenty second"),
        ("41,200 sedans", "forty one thousand two hundred sedans"),
        ("in 2021", "in twenty twenty one"),
        ("the 2030s", "the twenty thirties"),
        ("ZL7", "zl seven"),
        ("COVID-19", "covid nineteen"),
        ("U.S. and US", "us and us"),
        ("don't", "do not"),
        ("It's what they're doing; we'll see", "it is what they are doing we will see"),
        ("can't won't", "can not will not"),
        ("a well-known, Thane-based firm", "a well known thane based firm"),
        ("St James's Hospital", "saint james hospital"),
        ("city centre, 166 km/h", "city center one hundred sixty six kilometers per hour"),
        ("West & North", "west and north"),
        ("\u201cNobody\u2019s perfect\u201d \u2014 he said", "nobodys perfect he said"),
        ("uh, the um plan", "the plan"),
    ],
)
def test_normalize_says_it_like_a_newsreader(written: str, spoken: str) -> None:
    assert said(written) == spoken


def test_written_and_transcribed_forms_agree() -> None:
    reference = (
        "Gov. Holloway said the $1.5 billion deal, announced at 11:40 p.m. on Feb. 10, 2022, "
        "won't pass."
    )
    whisper = (
        "Governor Holloway said the $1.5 billion deal announced at 11.40pm on February 10th "
        "2022 will not pass"
    )
    assert wer(reference, whisper) == 0.0


def test_and_inside_numbers_is_optional() -> None:
    assert said("one hundred and twenty") == said("120") == "one hundred twenty"
    assert said("salt and pepper") == "salt and pepper"


def test_collapse_loops_cuts_decoder_repetition_only() -> None:
    assert collapse_loops(w("new york london london london london")) == (
        w("new york london london"),
        2,
    )
    assert collapse_loops(w("a b a b a b a b c")) == (w("a b a b c"), 4)
    assert collapse_loops(w("no no no")) == (w("no no no"), 0)
    assert collapse_loops([]) == ([], 0)
    assert collapse_loops(normalize("$5" + "0" * 400)) == (w("five zero zero dollars"), 398)
    phrase = w("i am going to say to the right of texas")
    assert collapse_loops([*w("so"), *phrase * 5, *w("end")]) == (
        [*w("so"), *phrase, *w("end")],
        40,
    )
    assert collapse_loops(w("that is that is that is it")) == (w("that is that is that is it"), 0)
    assert collapse_loops(w("the vote the vote was close")) == (w("the vote the vote was close"), 0)


def test_word_errors_counts_each_kind() -> None:
    ref = w("the cat sat on the mat")
    assert word_errors(ref, ref) == Errors(0, 0, 0, 6)
    assert word_errors(ref, w("the cat sat on a mat")) == Errors(1, 0, 0, 6)
    assert word_errors(ref, w("the cat sat on the")) == Errors(0, 1, 0, 6)
    assert word_errors(ref, w("the big cat sat on the mat")) == Errors(0, 0, 1, 6)
    assert word_errors(ref, []) == Errors(0, 6, 0, 6)
    assert word_errors([], w("hello")) == Errors(0, 0, 1, 0)


def test_word_errors_prefers_a_substitution_to_a_deletion_plus_insertion() -> None:
    errors = word_errors(w("a b c"), w("a x c"))
    assert (errors.substitutions, errors.deletions, errors.insertions) == (1, 0, 0)


def test_wer_is_edits_over_reference_words_and_can_exceed_one() -> None:
    assert wer("one two three four", "one too three") == pytest.approx(2 / 4)
    assert wer("yes", "no no no") == pytest.approx(3.0)
    assert wer("", "") == 0.0
    assert Errors(1, 0, 0, 0).wer == 1.0


def test_errors_add_up_over_articles() -> None:
    total = Errors(1, 2, 3, 10) + Errors(0, 1, 0, 30)
    assert total == Errors(1, 3, 3, 40)
    assert total.wer == pytest.approx(7 / 40)


def test_fixture_articles_normalize_without_digits_or_symbols() -> None:
    articles = sorted((Path(__file__).resolve().parents[2] / "bench" / "articles").glob("*.txt"))
    assert len(articles) >= 5
    for path in articles:
        words = normalize(path.read_text(encoding="utf-8"))
        assert 250 <= len(words) <= 700, path.name
        assert all(w.isalpha() for w in words), [w for w in words if not w.isalpha()][:5]
