"""read_article: errors for empty input, and the fixture pages against their gold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from narrator.errors import EmptyArticle
from narrator.text.extract import read_article

ROOT = Path(__file__).resolve().parents[2]


# --- nothing to read -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"", None), (b"   \n\n\t  ", None), (b"\xef\xbb\xbf  \n", None), (b"   ", "markdown")],
)
def test_empty(data: bytes, kind: str | None) -> None:
    with pytest.raises(EmptyArticle, match="empty"):
        read_article(data, kind=kind)


def test_furniture_only_text_is_empty() -> None:
    with pytest.raises(EmptyArticle):
        read_article(b"Advertisement\n\nShare this article\n\n1.25x\n")


# --- the fixture pages against their gold ---------------------------------------------


def _bench() -> ModuleType:
    path = ROOT / "bench" / "extraction.py"
    spec = importlib.util.spec_from_file_location("bench_extraction", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_fixture_pages_meet_the_bar() -> None:
    bench = _bench()
    pages = bench.pages()
    assert len(pages) >= 10
    scores = [bench.score_page(p) for p in pages]
    overall = bench.overall(scores)
    assert overall.precision >= 0.95, [(s.name, round(s.precision, 3)) for s in scores]
    assert overall.recall >= 0.97, [(s.name, round(s.recall, 3)) for s in scores]
    assert all(s.f1 >= 0.9 for s in scores), [(s.name, round(s.f1, 3)) for s in scores]
    assert overall.title_accuracy >= 0.9, [s.name for s in scores if not s.title_ok]
    assert overall.author_accuracy >= 0.9, [s.name for s in scores if not s.author_ok]
    assert overall.language_accuracy == 1.0, [s.name for s in scores if not s.language_ok]
