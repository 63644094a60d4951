# ruff: noqa: RUF001 - typographic apostrophes are test input
from pathlib import Path

import pytest

from narrator.errors import LexiconError
from narrator.text.lexicon import NEWS_WORDS, Lexicon

FIXTURES = Path(__file__).parent.parent / "fixtures" / "lexicon"


def test_load_example_fixture() -> None:
    lexicon = Lexicon.load(FIXTURES / "example.lex")
    assert len(lexicon) == 7
    assert lexicon.apply("Xiaomi and Huawei") == "[[S'aUmi:]] and Wah-way"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xiaomi sells phones.", "Shau-mee sells phones."),
        ("XIAOMI and xiaomi", "Shau-mee and Shau-mee"),  # case-insensitive
        ("Xiaomi's profit", "Shau-mee's profit"),  # possessive kept
        ("Xiaomi’s profit", "Shau-mee’s profit"),
        ("Xiaomi-backed firm", "Shau-mee-backed firm"),
        ("Xiaomis and XiaomiPad", "Xiaomis and XiaomiPad"),  # whole words only
        ("Nguyen Van Thieu met Nguyen.", "Win Van Thieu met Win."),  # longest key first
        ("Nguyen\n  Van", "Win Van"),  # any whitespace inside a multi-word key
    ],
)
def test_apply(text: str, expected: str) -> None:
    lexicon = Lexicon.parse("Xiaomi = Shau-mee\nNguyen = Win\nNguyen Van = Win Van\n")
    assert lexicon.apply(text) == expected


@pytest.mark.parametrize(
    ("phonemes", "text", "expected"),
    [
        ("S'aUmi:", "Xiaomi's", "[[S'aUmi:z]]"),
        ("h'u:aw,eI", "Huawei's", "[[h'u:aw,eIz]]"),
        ("b'Ut", "Boot's", "[[b'Uts]]"),
        ("m'Aks", "Max's", "[[m'AksI#z]]"),
    ],
)
def test_possessive_of_phonemes_is_voiced_right(phonemes: str, text: str, expected: str) -> None:
    word = text.split("'")[0]
    assert Lexicon.parse(f"{word} = [[{phonemes}]]").apply(text) == expected


def test_comments_blank_lines_bom_and_hash_inside_phonemes() -> None:
    lexicon = Lexicon.parse("\ufeff# header\n\n  # indented comment\nOkafor = [[oUk'af#@]]\n")
    assert len(lexicon) == 1
    assert lexicon.apply("Okafor") == "[[oUk'af#@]]"


def test_later_entry_wins() -> None:
    assert Lexicon.parse("Thames = Tems\nthames = Temz").apply("Thames") == "Temz"


def test_empty_lexicon_changes_nothing() -> None:
    assert len(Lexicon()) == 0
    assert Lexicon.parse("# nothing\n").apply("Xiaomi") == "Xiaomi"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Xiaomi Shau-mee", 1, "expected 'word = respelling'"),
        ("ok = fine\n = nothing", 2, "missing the word"),
        ("ok = fine\n\nXiaomi =", 3, "missing the pronunciation"),
        ("Xiaomi = [[S'aUmi:", 1, "one [[...]] block"),
        ("Xiaomi = [[]]", 1, "one [[...]] block"),
        ("Xiaomi = Shau [[mi:]]", 1, "either a respelling"),
        ("[[x]] = y", 1, "not in the word"),
    ],
)
def test_malformed_lines_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(LexiconError) as e:
        Lexicon.parse(text, name="pub.lex")
    assert f"pub.lex line {line}" in str(e.value)
    assert message in str(e.value)


def test_load_error_names_the_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"bad\.lex line 4"):
        Lexicon.load(FIXTURES / "bad.lex")


def test_load_rejects_non_utf8_and_missing_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.lex"
    latin.write_bytes("Müller = Mueller\n".encode("latin-1"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        Lexicon.load(latin)
    with pytest.raises(LexiconError, match="cannot read"):
        Lexicon.load(tmp_path / "missing.lex")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("300 crore rupees", "300 kroh-r rupees"),
        ("Crores and crore's", "kroh-ars and kroh-r's"),
        ("crorepati", "crorepati"),  # whole words only
    ],
)
def test_news_words(text: str, expected: str) -> None:
    assert NEWS_WORDS.apply(text) == expected
