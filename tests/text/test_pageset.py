"""Real pasted pages and their saved HTML against their true bodies (bench/data/pages):
a regression check, looser than the goals in the README, so a change that loses ground
fails here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pageset() -> ModuleType:
    path = ROOT / "bench" / "pageset.py"
    spec = importlib.util.spec_from_file_location("bench_pageset", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_pasted_pages_and_html_keep_the_article() -> None:
    pageset = _pageset()
    pages = pageset.load()
    assert len(pages) >= 40
    pasted = pageset.overall(pageset.score(p, pageset.ours_pasted) for p in pages)
    assert pasted.f1 >= 0.88 and pasted.recall >= 0.95, pasted
    ours = pageset.overall(pageset.score(p, pageset.ours_html) for p in pages)
    plain = pageset.overall(pageset.score(p, pageset.plain_trafilatura) for p in pages)
    assert ours.recall >= plain.recall - 0.01, (ours, plain)
    assert ours.f1 >= plain.f1, (ours, plain)
    assert not pageset.FAILURES, pageset.FAILURES


@pytest.mark.parametrize("folder", ["pages_heldout", "pages_heldout2"])
def test_pages_no_rule_was_tuned_on_keep_the_article(folder: str) -> None:
    """bench/data/pages_heldout and pages_heldout2: 25 more sites' pages each, scored before
    any rule saw them (first sight: paste F1 0.965 and 0.936)."""
    pageset = _pageset()
    pages = pageset.load(ROOT / "bench" / "data" / folder)
    assert len(pages) >= 20
    for page in pages:  # every line of a true body is the page's own text
        pasted = " ".join(page.pasted.split())
        assert all(" ".join(line.split()) in pasted for line in page.body.splitlines()), page.id
    pasted = pageset.overall(pageset.score(p, pageset.ours_pasted) for p in pages)
    assert pasted.f1 >= 0.88 and pasted.recall >= 0.95, pasted


def test_a_third_held_out_set_keeps_what_trafilatura_keeps() -> None:
    """bench/data/pages_heldout3: 20 pages of 20 more sites, first seen at stop 42. On first
    sight ours on the HTML lost most of one feature (trafilatura's recall mode settled on a
    container cut at an ad: recall 0.844 against plain trafilatura's 0.968); both modes are
    read now and the longer body kept. The paste: F1 0.939, recall 0.919 on first sight; 0.960
    and 0.960 once a list the story announces is kept (below the 0.97 goal, see the README)."""
    pageset = _pageset()
    pages = pageset.load(ROOT / "bench" / "data" / "pages_heldout3")
    assert len(pages) >= 20
    ours = pageset.overall(pageset.score(p, pageset.ours_html) for p in pages)
    plain = pageset.overall(pageset.score(p, pageset.plain_trafilatura) for p in pages)
    assert ours.recall >= plain.recall - 0.01, (ours, plain)
    assert ours.f1 >= plain.f1, (ours, plain)
    pasted = pageset.overall(pageset.score(p, pageset.ours_pasted) for p in pages)
    assert pasted.f1 >= 0.88 and pasted.recall >= 0.95, pasted


def test_a_fourth_held_out_set_is_read_clean_pasted_and_as_html() -> None:
    """bench/data/pages_heldout4: 12 pages of 12 more sites (of 20 collected; 8 from a package
    without a licence are not redistributed), first seen at stop 44: paste F1 0.935, recall
    0.961; HTML recall 0.974 against plain trafilatura's 0.985 (its precision 0.442: a page of
    600 spam comments). Templated paragraphs kept, a lede full of names, writers' bios out:
    0.943 and 0.975, HTML recall 0.987."""
    _held_out_to_the_goals("pages_heldout4", 12)


def test_a_fifth_held_out_set_keeps_the_story_of_a_page_full_of_teasers() -> None:
    """bench/data/pages_heldout5: 20 pages of 20 more sites (2013, htmlparser-benchmark), first
    seen at stop 44: paste F1 0.906, recall 0.926, two pages nearly lost (a share bar's
    "Comments" under the headline taken for the comments once scattered teasers added up to a
    hundred words; a bare "Join the Discussion" box inside a story); 0.937 and 0.985 after.
    HTML: ours F1 0.926, recall 0.991, against trafilatura's 0.921 and 0.989."""
    _held_out_to_the_goals("pages_heldout5", 20)


def test_a_sixth_held_out_set_keeps_stories_below_lists_of_cut_short_teasers() -> None:
    """bench/data/pages_heldout6: 20 pages of 20 more sites (2013, htmlparser-benchmark), first
    seen at stop 45: paste F1 0.917, recall 0.935 (a science story lost whole: a list of deks
    cut off in mid-sentence added up to a hundred words, so its share bar's "Comments" ended
    the page); HTML F1 0.941, recall 0.968 against trafilatura's 0.943 and 0.985 (text loose
    after a heading dropped). After: paste 0.962 and 0.983, HTML 0.955 and 0.986."""
    _held_out_to_the_goals("pages_heldout6", 20)


def test_a_seventh_held_out_set_stops_at_footers_and_other_stories() -> None:
    """bench/data/pages_heldout7: 20 pages of 20 more sites (2013, htmlparser-benchmark), first
    seen at stop 45: paste F1 0.928, recall 0.983 (a radio station's "Other Stories" read on,
    a wire story's copyright line taken as a closing sentence); HTML 0.912 and 0.989 against
    trafilatura's 0.797 and 0.974. After: paste 0.945 and 0.984, HTML 0.915 and 0.989."""
    _held_out_to_the_goals("pages_heldout7", 20)


def test_an_eighth_held_out_set_keeps_a_story_below_stamped_teasers() -> None:
    """bench/data/pages_heldout8: the 9 usable pages left in htmlparser-benchmark, first seen at
    stop 45: paste F1 0.915, recall 0.925 (a local paper's story lost whole behind teaser deks
    stamped with their times, "... dream come true.- 7:57 pm"); after: 0.967 and 0.985. HTML
    F1 0.951 against trafilatura's 0.965 (a newspaper's photo captions, each shown twice with
    its credit between); after: 0.972."""
    _held_out_to_the_goals("pages_heldout8", 9)


def test_a_ninth_held_out_set_of_2026_pages_reads_past_a_consent_dialog() -> None:
    """bench/data/pages_heldout9: 11 pages of 11 more sites captured in March 2026
    (article-extractor's fixtures), first seen at stop 46: paste F1 0.923, recall 0.954 (a
    news page lost whole behind its cookie-consent dialog, whose hundred words of prose let the
    share bar's "Add a comment" end the page; a blog's quotations dropped for their "[...]");
    after: 0.961 and 0.989. HTML: 0.970 and 0.986 against trafilatura's 0.877 and 0.991;
    after: 0.973 and 0.992."""
    _held_out_to_the_goals("pages_heldout9", 11)


def _held_out_to_the_goals(folder: str, pages_at_least: int) -> None:
    """Every true line is the page's own; on the HTML at least trafilatura's F1 and its recall
    (within 0.01); on the paste F1 0.9 and recall 0.95 (looser than the goals, 0.92 and 0.97)."""
    pageset = _pageset()
    pages = pageset.load(ROOT / "bench" / "data" / folder)
    assert len(pages) >= pages_at_least
    for page in pages:
        pasted = " ".join(page.pasted.split())
        assert all(" ".join(line.split()) in pasted for line in page.body.splitlines()), page.id
    ours = pageset.overall(pageset.score(p, pageset.ours_html) for p in pages)
    plain = pageset.overall(pageset.score(p, pageset.plain_trafilatura) for p in pages)
    assert ours.recall >= plain.recall - 0.01 and ours.f1 >= plain.f1, (ours, plain)
    pasted = pageset.overall(pageset.score(p, pageset.ours_pasted) for p in pages)
    assert pasted.f1 >= 0.9 and pasted.recall >= 0.95, pasted
