"""Bytes to text: BOM, UTF-8, UTF-16 without a BOM, a declared charset, cp1252; else BinaryInput.

A binary file sent by mistake (a PDF, an image, an archive) is named in the error, with what to
do about it.
"""

from __future__ import annotations

import codecs
import re

from narrator.errors import BinaryInput

# Magic numbers of the binary files people most often send by mistake, with what to do.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF; convert it to text first (for example with `pdftotext`)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WAV/WebP/AVI) media file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.epub); save it as text, HTML or Markdown"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"BZh", "bzip2-compressed; decompress it first"),
    (b"\xfd7zXZ", "xz-compressed; decompress it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; save it as text first"),
    (b"{\\rtf", "an RTF document; save it as plain text first"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# C0 controls except tab/newline/carriage return/form feed, DEL, and C1 controls.
_CONTROL_CHARS = r"\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# Binary: over 2% control characters, and at least 16 of them (a short pasted text with a
# stray one is text; a real binary file has them by the hundred). Text keeps none: they
# cannot be spoken.
_MAX_CONTROL_RATIO = 0.02
_MIN_CONTROLS = 16
# What the API's schema asks of a submitted text: something besides spaces and control
# characters (what is left after without_controls must not be blank).
READABLE_PATTERN = f"[^\\s{_CONTROL_CHARS}]"
_HINT = "narrator reads plain text, HTML or Markdown"


def decode(data: bytes) -> str:
    """Bytes to text, or BinaryInput when the bytes are not text in any encoding we read."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            # "binary" is the word people search for; what it is and what to do come after.
            advice = what.partition("; ")[2] or _HINT
            raise BinaryInput(f"input is binary, not text: {what.partition('; ')[0]}; {advice}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                raise BinaryInput(
                    f"input starts with a {encoding} mark but is not valid "
                    f"{encoding}: re-save it as UTF-8"
                ) from None
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(utf16)
    if b"\x00" in data:
        raise BinaryInput(f"input contains NUL bytes, so it is a binary file: {_HINT}")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        try:
            return _checked(data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    # Not UTF-8: most such text in the wild is Windows-1252 (a superset of Latin-1's
    # printable range); Latin-1 decodes anything, so the control check decides.
    try:
        return _checked(data.decode("cp1252"))
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII-range text."""
    sample = data[:2000]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for nuls, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) > 0.9 * len(nuls) and other.count(0) < 0.05 * len(other):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _checked(text: str) -> str:
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > _MAX_CONTROL_RATIO * len(sample) and controls >= _MIN_CONTROLS:
        raise BinaryInput(f"input is mostly control characters, so it is binary: {_HINT}")
    return without_controls(text)


def without_controls(text: str) -> str:
    """`text` without the control characters no voice can say (tabs and line breaks stay)."""
    return _CONTROL.sub("", text)
