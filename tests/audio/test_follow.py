"""follow: the article as written, sentence spans in it, and word times inside sentences."""

from __future__ import annotations

from narrator.audio import follow
from narrator.text.article import Article
from narrator.text.script import build_script


def test_article_text_keeps_paragraphs_and_the_writing() -> None:
    article = Article(paragraphs=["It cost $5 in 2012. Then more.", "Dr. Lee left."], title="Cost")
    script = build_script(article)
    text, spans = follow.article_text(script)
    assert text == "Cost.\n\nIt cost $5 in 2012. Then more.\n\nDr. Lee left."
    assert [text[a:b] for a, b in spans] == [
        "Cost.",
        "It cost $5 in 2012.",
        "Then more.",
        "Dr. Lee left.",
    ]


def test_word_times_fill_the_sentence_in_order_on_source_words() -> None:
    source = "In 2012, it cost $5."
    words = follow.word_times("In twenty twelve, it cost five dollars.", source, 1000, 4000, 50)
    assert [source[c - 50 : d - 50] for _, _, c, d in words] == ["In", "2012,", "it", "cost", "$5."]
    assert words[0][0] == 1000 and words[-1][1] == 4000
    assert all(a < b for a, b, _, _ in words)
    assert all(words[i][1] == words[i + 1][0] for i in range(len(words) - 1))
    # "twenty twelve," takes longer to say than "it".
    assert words[1][1] - words[1][0] > 2 * (words[2][1] - words[2][0])


def test_sentence_timings_carry_both_spans() -> None:
    script = build_script(Article(paragraphs=["One two. Three 4."]))
    text, entries = follow.sentence_timings(script, [(0, 900), (1200, 2000)])
    second = entries[1]
    assert text[second.source_start : second.source_end] == "Three 4." == second.text
    assert script.text[second.start_char : second.end_char] == script.sentences[1].text
    assert [text[c:d] for _, _, c, d in second.words] == ["Three", "4."]


def test_engine_marks_place_the_words_they_mark_and_the_rest_between() -> None:
    spoken = "In the spring, the council met."
    # The engine marked "In", "spring" (its mark on the space before it) and "met".
    marks = [(0, 40), (6, 400), (26, 1500)]
    starts = follow.spoken_starts(spoken, 20, 1900, marks)
    assert len(starts) == 6
    assert starts[0] == 60 and starts[2] == 420 and starts[5] == 1520
    assert starts[0] < starts[1] < starts[2] < starts[3] < starts[4] < starts[5]
    # Without marks, the sentence's span is shared by length, from its first sample.
    assert follow.spoken_starts(spoken, 20, 1900)[0] == 20


def test_marks_out_of_order_or_outside_the_sentence_are_ignored() -> None:
    spoken = "one two three"
    starts = follow.spoken_starts(spoken, 0, 1000, [(4, 700), (8, 300), (0, 5000)])
    assert starts[1] == 700 and 700 < starts[2] < 1000  # "three" at 300 would go backwards


def test_word_times_use_marks_and_map_them_to_source_words() -> None:
    source = "In 2012, it cost $5."
    spoken = "In twenty twelve, it cost five dollars."
    marks = [(0, 0), (3, 250), (10, 600), (18, 1400), (21, 1600), (26, 2100)]
    words = follow.word_times(spoken, source, 1000, 4000, 0, marks)
    assert [w[0] for w in words] == [1000, 1250, 2400, 2600, 3100]
    assert words[-1][1] == 4000


def test_a_mark_out_of_order_does_not_pull_the_words_after_it() -> None:
    # espeak said "19" last: its event comes after the later words' (as seen in real output).
    spoken = "it came 19 days after the vote"
    marks = [(0, 0), (3, 200), (11, 900), (16, 1200), (22, 1500), (26, 1700), (8, 2000)]
    starts = follow.spoken_starts(spoken, 0, 2100, marks)
    assert starts[3:] == [900, 1200, 1500, 1700]  # "days" ... "vote" where the engine said
    assert 200 < starts[2] < 900  # "19" between its neighbours
