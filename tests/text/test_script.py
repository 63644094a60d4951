import pytest

from narrator.text.article import Article
from narrator.text.lexicon import Lexicon
from narrator.text.script import build_script, lexicon_used, script_lines


def test_title_and_author_are_paragraph_zero() -> None:
    article = Article(
        paragraphs=["Gov. Smith spoke. It cost $20.50.", "Then it ended."],
        title="Harbor Plan Approved",
        author="Maria Lopez",
    )
    script = build_script(article)
    assert [(s.text, s.paragraph) for s in script.sentences] == [
        ("Harbor Plan Approved.", 0),
        ("By Maria Lopez.", 0),
        ("Governor Smith spoke.", 1),
        ("It cost 20 dollars and 50 cents.", 1),
        ("Then it ended.", 2),
    ]
    assert script.sentences[2].source == "Gov. Smith spoke."
    assert script.sentences[3].source == "It cost $20.50."
    assert (script.title, script.author, script.language) == (
        "Harbor Plan Approved",
        "Maria Lopez",
        "en",
    )
    assert script.words == article.words == 9


@pytest.mark.parametrize(
    ("title", "author", "expected"),
    [
        ("Plan Approved", None, ["Plan Approved."]),
        ("Is It Over?", "Ann Lee", ["Is It Over?", "By Ann Lee."]),
        ("It Is Over!", None, ["It Is Over!"]),
        ("Plan Approved.", "By Ann Lee", ["Plan Approved.", "By Ann Lee."]),
        ("Plan Approved:", "Ann Lee.", ["Plan Approved.", "By Ann Lee."]),
        (None, "Ann Lee", []),
    ],
)
def test_heading(title: str | None, author: str | None, expected: list[str]) -> None:
    script = build_script(Article(paragraphs=["Body."], title=title, author=author))
    heading = [s.text for s in script.sentences if s.paragraph == 0 and s.text != "Body."]
    assert heading == expected
    body = script.sentences[-1]
    assert (body.text, body.paragraph) == ("Body.", 1 if expected else 0)


def test_unspeakable_sentences_are_skipped() -> None:
    script = build_script(Article(paragraphs=["• * |", "😀", "Real words."]))
    assert [(s.text, s.paragraph) for s in script.sentences] == [("Real words.", 2)]


def test_lexicon_and_language_reach_the_sentences() -> None:
    lexicon = Lexicon.parse("Xiaomi = [[S'aUmi:]]")
    script = build_script(Article(paragraphs=["Xiaomi's U.S. sales rose."]), lexicon)
    assert script.sentences[0].text == "[[S'aUmi:z]] US sales rose."
    assert script.sentences[0].source == "Xiaomi's U.S. sales rose."
    german = build_script(Article(paragraphs=["Es kostet $5. Gut."], language="de"))
    assert [s.text for s in german.sentences] == ["Es kostet $5.", "Gut."]
    assert german.language == "de"


def test_spans_follow_the_script_text() -> None:
    script = build_script(Article(paragraphs=["One. Two."], title="T"))
    assert script.text == "T.\nOne.\nTwo."
    assert [script.text[a:b] for a, b in script.spans] == ["T.", "One.", "Two."]


def test_script_lines_one_line_out_per_line_in() -> None:
    lines = ["It cost $20.50.", "", "She ran 5km. Then she rested.", "Gov. Smith spoke.", "   "]
    assert script_lines(lines) == [
        "It cost 20 dollars and 50 cents.",
        "",
        "She ran 5 kilometers. Then she rested.",
        "Governor Smith spoke.",
        "",
    ]


def test_script_lines_with_lexicon_and_language() -> None:
    lexicon = Lexicon.parse("Thames = Temz")
    assert script_lines(["The Thames rose 2m."], lexicon=lexicon) == ["The Temz rose 2 meters."]
    assert script_lines(["Il pleut. 5km."], language="fr") == ["Il pleut. 5km."]


def test_lexicon_used_is_what_build_script_applies() -> None:
    article = Article(
        title="Xiaomi results",
        author="Nguyen Van",
        paragraphs=["Sales rose. Huawei did not say.", "Nothing else."],
    )
    lexicon = Lexicon.parse("Xiaomi = Shau-mee\nNguyen Van = Win Van\nHuawei = Wah-way\nTata = Ta")
    used = lexicon_used(article, lexicon)
    assert set(used.entries) == {"xiaomi", "nguyen van", "huawei"}  # heading and body
    assert build_script(article, used) == build_script(article, lexicon)
    assert lexicon_used(Article(paragraphs=["Plain words."]), lexicon).digest() == ""
