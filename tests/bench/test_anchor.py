"""bench/anchor.py's windows: whole sentences, cut in the pauses, none longer than asked."""

from __future__ import annotations

from bench.anchor import windows


def test_windows_group_whole_sentences_and_cut_in_the_pauses() -> None:
    spans = [(0, 4000), (4200, 9000), (9400, 15000), (15200, 18000), (18300, 30000)]
    got = windows(spans, 30100, 10_000)
    assert got == [(0, 9200), (9200, 18150), (18150, 30100)]  # two, two, then one sentence
    assert all(b - a <= 10_000 for a, b in got[:-1])  # the last holds an 11.7 s sentence alone
    # Every cut lies inside a pause, never inside a sentence.
    for cut in [a for a, _ in got[1:]]:
        assert not any(s < cut < e for s, e in spans)


def test_short_audio_is_one_window() -> None:
    assert windows([(0, 2000), (2300, 5000)], 5100, 10_000) == [(0, 5100)]
