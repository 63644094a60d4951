"""Zip uploads: unsafe paths, zip bombs, file counts, encodings and file types."""

from __future__ import annotations

import io
import zipfile

import pytest

from narrator import errors
from narrator.batches import archive
from narrator.batches.intake import Limits

LIMITS = Limits(max_items=10, max_bytes=100_000, max_chars=20_000, max_file_bytes=20_000)


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def by_name(body: bytes, limits: Limits = LIMITS) -> dict[str, archive.Item]:
    return {i.name or "": i for i in archive.from_zip(body, limits)}


def test_articles_by_extension_and_metadata_skipped() -> None:
    items = by_name(
        zipped(
            {
                "news/a.html": b"<p>Hello there.</p>",
                "b.MD": b"# Title\n\nBody text.",
                "c.txt": b"Plain text.",
                "__MACOSX/news/._a.html": b"junk",
                "news/.DS_Store": b"junk",
            }
        )
    )
    assert sorted(items) == ["b.MD", "c.txt", "news/a.html"]
    assert items["news/a.html"].kind == "html" and items["b.MD"].kind == "markdown"
    assert items["c.txt"].external_id == "c.txt" and items["c.txt"].error is None


@pytest.mark.parametrize(
    "name", ["../x.txt", "a/../../x.txt", "/etc/x.txt", "C:/x.txt", "..\\x.txt"]
)
def test_unsafe_paths_are_failed_items_never_read(name: str) -> None:
    items = by_name(zipped({name: b"Escaping text.", "ok.txt": b"Fine text."}))
    assert items[name].error and "unsafe path" in items[name].error
    assert items[name].data is None and items["ok.txt"].error is None


def test_non_utf8_text_is_decoded_and_binary_is_refused() -> None:
    items = by_name(
        zipped(
            {
                "latin.txt": "Café crème brûlée.".encode("cp1252"),
                "utf16.txt": "Hello in UTF-16.".encode("utf-16"),
                "fake.txt": b"%PDF-1.7 binary",
                "nul.txt": b"abc\x00\x00\x01\x02def",
            }
        )
    )
    assert items["latin.txt"].data == "Café crème brûlée."
    assert items["utf16.txt"].data == "Hello in UTF-16."
    assert "PDF" in (items["fake.txt"].error or "")
    assert "binary" in (items["nul.txt"].error or "")


def test_unsupported_empty_and_oversized_files_are_failed_items() -> None:
    items = by_name(
        zipped({"a.pdf": b"x", "empty.txt": b"   ", "big.txt": b"w " * 15_000, "ok.md": b"Hi."})
    )
    assert "unsupported file type" in (items["a.pdf"].error or "")
    assert "empty" in (items["empty.txt"].error or "")
    assert "limit" in (items["big.txt"].error or "")
    assert items["ok.md"].error is None


def test_zip_bomb_refused_by_declared_size_before_inflating() -> None:
    bomb = zipped({f"{i}.txt": b"0" * 40_000 for i in range(5)})  # 200 kB inflated, tiny zip
    assert len(bomb) < 5_000
    with pytest.raises(errors.InputTooLarge, match="uncompressed"):
        archive.from_zip(bomb, LIMITS)


def test_zip_bomb_with_lying_sizes_stops_at_the_limit() -> None:
    """Headers that understate the size: nothing past the declared size is inflated (zipfile
    stops there, and the CRC then fails), so the file is a failed item, never a bomb."""
    body = bytearray(zipped({"liar.txt": b"word " * 10_000}))  # 50 kB > 20 kB a file
    real = (50_000).to_bytes(4, "little")
    fake = (100).to_bytes(4, "little")
    assert body.count(real) == 2  # local header and central directory
    body = body.replace(real, fake)
    (item,) = archive.from_zip(bytes(body), LIMITS)
    assert item.error and "could not be read from the zip" in item.error


def test_too_many_files_refused() -> None:
    with pytest.raises(errors.InputTooLarge, match="11 files"):
        archive.from_zip(zipped({f"{i}.txt": b"x" for i in range(11)}), LIMITS)


def test_not_a_zip_is_a_clear_input_error() -> None:
    with pytest.raises(errors.InputError, match="not a readable zip"):
        archive.from_zip(b"PK\x03\x04 truncated", LIMITS)
