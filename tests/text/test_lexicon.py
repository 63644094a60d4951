# ruff: noqa: RUF001 - typographic apostrophes are test input
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.errors import LexiconError
from narrator.text.lexicon import FILE_PATTERN, NEWS_WORDS, Lexicon, check_entry, overlay

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


def test_every_bad_line_is_collected_in_order() -> None:
    text = "ok = fine\nno equals sign\n= x\nY =\nZ = [[open\n"
    with pytest.raises(LexiconError) as caught:
        Lexicon.parse(text, name="pub.lex")
    assert [n for n, _ in caught.value.problems] == [2, 3, 4, 5]
    assert caught.value.unit == "line"
    assert str(caught.value).startswith("pub.lex line 2: expected 'word = respelling'")
    assert str(caught.value).endswith("(and 1 more)")


def test_overlong_words_and_values_are_refused() -> None:
    with pytest.raises(LexiconError, match="limit is 100"):
        Lexicon.parse("x" * 101 + " = y")
    with pytest.raises(LexiconError, match="limit is 200"):
        Lexicon.parse("x = " + "y" * 201)


def test_to_text_parses_back_to_the_same_entries_and_digest() -> None:
    lexicon = Lexicon.parse("# c\nXiaomi = [[S'aUmi:]]\nNguyen  Van = Win Van\nA = B = C\n")
    again = Lexicon.parse(lexicon.to_text())
    assert again.entries == lexicon.entries
    assert again.digest() == lexicon.digest() != ""
    assert Lexicon().digest() == ""
    # The digest is of the entries, not of the file: comments and order do not count.
    assert Lexicon.parse("a = b\nc = d").digest() == Lexicon.parse("# x\nc = d\n\na = b").digest()
    assert Lexicon.parse("a = b").digest() != Lexicon.parse("a = c").digest()


def test_from_pairs_numbers_entries() -> None:
    lexicon = Lexicon.from_pairs([("Xiaomi", "[[S'aUmi:]]"), ("Nguyen", "Win")])
    assert lexicon.entries == {"xiaomi": "[[S'aUmi:]]", "nguyen": "Win"}
    with pytest.raises(LexiconError) as caught:
        Lexicon.from_pairs([("ok", "fine"), ("", "x"), ("y", "two\nlines")])
    assert caught.value.unit == "entry"
    assert [n for n, _ in caught.value.problems] == [2, 3]


@pytest.mark.parametrize(
    ("word", "value", "says"),
    [
        ("a=b", "x", "'='"),
        ("#tag", "x", "'#'"),
        ("a", "x\ny", "one line"),
        ("a", "say [[x]]", "either a respelling"),
        ("a", "", "missing the pronunciation"),
    ],
)
def test_check_entry_refuses_what_the_file_form_cannot_hold(
    word: str, value: str, says: str
) -> None:

    problem = check_entry(word, value)
    assert problem is not None and says in problem


def test_used_in_keeps_only_matched_entries_and_applies_alike() -> None:
    lexicon = Lexicon.parse("Nguyen = Win\nNguyen Van = Win Van\nXiaomi = Shau-mee\nTata = Tah-tah")
    texts = ["Nguyen Van Thieu met Nguyen.", "Xiaomi's phones."]
    used = lexicon.used_in(texts)
    assert used.entries == {"nguyen": "Win", "nguyen van": "Win Van", "xiaomi": "Shau-mee"}
    assert [used.apply(t) for t in texts] == [lexicon.apply(t) for t in texts]
    # Only the longer key matched: the shorter one is not used.
    assert lexicon.used_in(["Nguyen Van spoke."]).entries == {"nguyen van": "Win Van"}
    assert lexicon.used_in(["Nothing here."]).digest() == ""


# --- the rules as regular expressions (the OpenAPI patterns) say what the parser does --------

_TRICKY = "ab Xé_1 =#[]:'\t\n\r\x0b\x00\x1c\x1f\x85\u2028\u3000\ufeff"


def _accepted(text: str) -> bool:
    # As PUT /v1/lexicon reads a text/plain body: UTF-8 with an optional BOM, any line ends.
    text = text.encode("utf-8").decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    try:
        Lexicon.parse(text)
    except LexiconError:
        return False
    return True


def _no_surrogates(text: str) -> bool:
    return not any("\ud800" <= c <= "\udfff" for c in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=30))
def test_file_pattern_accepts_exactly_what_parse_accepts(text: str) -> None:
    assert bool(re.search(FILE_PATTERN, text)) == _accepted(text)


@settings(max_examples=100, deadline=None)
@given(st.from_regex(FILE_PATTERN).filter(_no_surrogates))
def test_every_text_the_pattern_allows_parses(text: str) -> None:
    assert _accepted(text)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("", True),
        ("# only a comment", True),
        ("Xiaomi = [[S'aUmi:]]\n\nNguyen Van = Win Van\r\n", True),
        ("\ufeffa = b", True),
        ("a = b = c", True),
        ("x" * 100 + " = y", True),
        ("x" * 101 + " = y", False),
        ("a = " + "y" * 200, True),
        ("a = " + "y" * 201, False),
        ("a = [[" + "y" * 196 + "]]", True),
        ("a = [[" + "y" * 197 + "]]", False),
        ("a b", False),
        ("a = [[x]] y", False),
        ("a = x ]", False),
        ("a = b\x00", False),
        ("# a comment with a NUL \x00", False),
    ],
)
def test_file_pattern_examples(text: str, ok: bool) -> None:
    assert bool(re.search(FILE_PATTERN, text)) == ok == _accepted(text)


def test_overlay_the_later_files_entry_wins() -> None:
    base = "# the key's\nXiaomi = Zhao-mee\nSiobhan = Shiv-awn"  # no final newline
    top = "xiaomi = [[S'aUmi:]]\n"
    merged = Lexicon.parse(overlay(base, top))
    assert dict(merged.entries) == {"xiaomi": "[[S'aUmi:]]", "siobhan": "Shiv-awn"}
    assert overlay(base, top).splitlines()[-1] == top.strip()  # not glued to the last line
    assert Lexicon.parse(overlay(top, base)).entries["xiaomi"] == "Zhao-mee"
    assert overlay("", top) == top and overlay(top, "") == top
