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
