"""What `narrator batch PATH` reads, and where --local writes each item."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from narrator import errors
from narrator.batches import files, local
from narrator.batches.intake import Item, Limits

LIMITS = Limits(max_items=100, max_bytes=1_000_000, max_chars=20_000, max_file_bytes=50_000)


def test_a_folder_goes_as_a_zip_of_its_articles(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("First article.")
    (tmp_path / "deep" / "er" / "b.html").write_text("<p>Second article.</p>")
    (tmp_path / ".hidden.md").write_text("Not sent.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    upload = files.read_path(tmp_path)
    assert upload.content_type == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(upload.body)).namelist()
    assert names == ["a.txt", "deep/er/b.html"]
    items = upload.items(LIMITS)
    assert [(i.name, i.kind, i.external_id) for i in items] == [
        ("a.txt", "text", "a.txt"),
        ("deep/er/b.html", "html", "deep/er/b.html"),
    ]


def test_ndjson_zip_and_other_paths(tmp_path: Path) -> None:
    nd = tmp_path / "items.jsonl"
    nd.write_bytes(b'{"text": "One."}\n')
    assert files.read_path(nd).content_type == "application/x-ndjson"
    z = tmp_path / "archive.bin"  # a zip by its bytes, whatever its name
    with zipfile.ZipFile(z, "w") as out:
        out.writestr("x.txt", "Text.")
    assert files.read_path(z).content_type == "application/zip"
    other = tmp_path / "notes.csv"
    other.write_text("a,b")
    with pytest.raises(errors.InputError, match="NDJSON"):
        files.read_path(other)
    with pytest.raises(errors.InputError, match="no such file"):
        files.read_path(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(errors.InputError, match="no article files"):
        files.read_path(empty)


@pytest.mark.parametrize(
    ("item", "name"),
    [
        (Item(name="news/a.html"), "news/a"),
        (Item(name="../../etc/passwd.txt"), "etc/passwd"),
        (Item(name="line 3", external_id="cms/41?x=1"), "cms/41_x_1"),
        (Item(name="line 3"), "line_3"),
        (Item(name=None, external_id="../.."), "item-7"),
    ],
)
def test_local_output_names_stay_inside_the_folder(item: Item, name: str) -> None:
    assert local.output_name(item, 7) == name
