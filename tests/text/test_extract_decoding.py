"""Decoding: encodings, declared charsets, and binary files named in the error."""

from __future__ import annotations

import codecs
import re

import pytest

from narrator.errors import BinaryInput
from narrator.text.extract import decode, decoding, read_article


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Café crème.".encode(),
        codecs.BOM_UTF16_LE + "Café crème.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Café crème.".encode("utf-16-be"),
        "Café crème.".encode("utf-16-le"),  # no BOM: NUL in every other byte
        "Café crème.".encode("cp1252"),
        "Café crème.".encode("latin-1"),
    ],
)
def test_decode_encodings(data: bytes) -> None:
    assert decode(data) == "Café crème."


def test_decode_declared_html_charset() -> None:
    html = '<meta charset="iso-8859-15"><p>Prix : 5 €</p>'.encode("iso-8859-15")
    assert "5 €" in decode(html)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdftotext"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"some text\x00with a NUL", "NUL"),
        (bytes(range(1, 32)) * 20, "control"),
    ],
)
def test_binary_input(data: bytes, needle: str) -> None:
    with pytest.raises(BinaryInput) as info:
        read_article(data)
    message = str(info.value)
    assert needle in message and "\n" not in message
    assert "text, HTML or Markdown" in message or "pdftotext" in message


def test_a_few_stray_control_characters_are_dropped_not_called_binary() -> None:
    assert decode("Ogham \u008ctext, one stray C1 control.".encode()) == (
        "Ogham text, one stray C1 control."
    )
    # Binary: over 2% control characters and at least 16 of them.
    with pytest.raises(BinaryInput, match="control characters"):
        decode(("\x01\x02\x03\x04" * 4 + "abc").encode())
    assert decoding.without_controls("a\x07b\tc\nd") == "ab\tc\nd"


def test_the_readable_pattern_wants_more_than_spaces_and_controls() -> None:
    readable = re.compile(decoding.READABLE_PATTERN)
    assert readable.search(" \x8c a ") and readable.search("\u169b")
    assert not readable.search(" \x01\x7f\t\n ")
