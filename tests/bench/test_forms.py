"""bench/forms.py as a regression guard: every form of the articles of one page set is read
about as well as the articles as plain paragraphs, and a JSON-LD that carries another text is
left (looser than the README's figures, so the guard fails on a broken family, not on a
shingle)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root, for `bench`

from bench import forms, pageset

ROOT = Path(__file__).resolve().parents[2]
PAGES = pageset.load(ROOT / "bench" / "data" / "pages_heldout9")


@pytest.mark.parametrize("name", [n for n in forms.FORMS if n != "paywall, other JSON-LD"])
def test_each_form_keeps_the_article(name: str) -> None:
    overall, lowest = forms.score(PAGES, forms.FORMS[name])
    assert overall.recall >= 0.98 and overall.precision >= 0.98, overall
    assert lowest >= 0.6, lowest


def test_another_text_in_json_ld_is_not_read() -> None:
    overall, _ = forms.score(PAGES, forms.FORMS["paywall, other JSON-LD"])
    assert overall.precision >= 0.95, overall
