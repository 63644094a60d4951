"""`narrator batch --local`: a process pool writing each item's files side by side; re-runs
skip what is done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrator.batches import local
from narrator.batches.intake import Item

pytestmark = pytest.mark.slow  # spawned processes, the real pipeline with ffmpeg


def item(name: str, text: str) -> Item:
    return Item(name=name, external_id=name, kind="text", data=text)


def test_narrates_once_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    items = [
        item("a.txt", "The first article is short."),
        item("sub/b.txt", "The second one is short too."),
        Item(name="bad.txt", error="the article is empty"),
    ]
    seen: list[tuple[int, int, int]] = []
    first = local.run(
        items,
        out,
        voice="fake",
        speed=1.0,
        fmt="mp3",
        processes=2,
        report=lambda d, f, t, _: seen.append((d, f, t)),
    )
    assert (first.total, first.ready) == (3, 2)
    assert first.failed == [{"item": "bad.txt", "reason": "the article is empty"}]
    assert seen[0] == (0, 1, 3) and seen[-1] == (2, 1, 3)
    for base in ("a", "sub/b"):
        assert {p.name for p in (out / base).parent.glob(Path(base).name + ".*")} == {
            f"{Path(base).name}.mp3",
            f"{Path(base).name}.timings.json",
            f"{Path(base).name}.vtt",
        }
    assert not list(out.rglob("*partial*"))
    manifest = json.loads((out / local.MANIFEST).read_text())
    assert set(manifest) == {"a.txt", "sub/b.txt"}
    stamp = (out / "a.mp3").stat().st_mtime_ns

    # Again, with one article edited: only that one is narrated.
    items[1] = item("sub/b.txt", "The second one was edited.")
    again = local.run(items, out, voice="fake", speed=1.0, fmt="mp3", processes=2)
    assert again.ready == 2 and (out / "a.mp3").stat().st_mtime_ns == stamp
    assert (
        json.loads((out / local.MANIFEST).read_text())["sub/b.txt"]["digest"]
        != manifest["sub/b.txt"]["digest"]
    )
