"""MP3 frames as LAME writes them: their length, where their samples fall, the gapless tag.

What narrator.audio.segments needs to encode a narration in pieces on several cores and join
the pieces into one file that decodes sample for sample as the whole would:

- a frame holds FRAME samples (576 at the 22.05 kHz we deliver; 1152 at 32-48 kHz), and the
  decoder's frame j of a stream LAME encoded (through ffmpeg, no gapless tag) gives the input's
  samples from FRAME * j - DELAY on: LAME's own ENCODER_DELAY plus the decoder's 529;
- without the bit reservoir (`-reservoir 0`) every frame carries all of its own data, so frames
  of two encodes of the same audio can follow each other;
- the LAME tag in the file's first ("Info") frame tells players how many samples to drop at
  each end (the gapless fields); ffmpeg copying frames writes the tag with those two at zero,
  and set_gapless() fills them in.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ENCODER_DELAY = 576  # LAME's, as its tag records it
DECODER_DELAY = 529  # the synthesis filterbank's (the tag's convention: LAME's +528 +1)
DELAY = ENCODER_DELAY + DECODER_DELAY
_BITRATES_KBPS = {
    # (MPEG-1?, index) -> kb/s, Layer III
    True: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    False: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44_100, 48_000, 32_000), 2: (22_050, 24_000, 16_000), 0: (11_025, 12_000, 8_000)}
_TAG_CRC_SPAN = 190  # the bytes of the tag frame ffmpeg's CRC covers (CRC field zeroed)


class FrameError(ValueError):
    """Not the MP3 stream this module reads (no frame sync, or not Layer III)."""


def frame_samples(rate: int) -> int:
    """Samples per Layer III frame at `rate` (MPEG-1 rates hold two granules of 576)."""
    return 1152 if rate >= 32_000 else 576


@lru_cache(maxsize=64)
def frame_length(header: bytes) -> int:
    """The length in bytes of the Layer III frame whose four header bytes are `header`."""
    word = int.from_bytes(header[:4], "big")
    version, layer = (word >> 19) & 3, (word >> 17) & 3
    bitrate, rate_index, padding = (word >> 12) & 15, (word >> 10) & 3, (word >> 9) & 1
    if word >> 21 != 0x7FF or layer != 1 or version == 1 or rate_index == 3:
        raise FrameError(f"no Layer III frame header: {header[:4].hex()}")
    mpeg1 = version == 3
    kbps = _BITRATES_KBPS[mpeg1][bitrate] if bitrate < 15 else 0
    if not kbps:
        raise FrameError(f"free or bad bitrate in frame header {header[:4].hex()}")
    rate = _RATES[version][rate_index]
    return (144 if mpeg1 else 72) * kbps * 1000 // rate + padding


class Frames:
    """Cuts a stream of MP3 bytes, fed in any pieces, into whole frames."""

    def __init__(self) -> None:
        self._rest = b""

    def feed(self, data: bytes) -> tuple[bytes, list[int]]:
        """The frames completed by `data`, as one piece of bytes, and where each of them
        starts in it (a Python loop over headers, not over bytes: about a microsecond a
        frame)."""
        buffer, starts, at = self._rest + data, [], 0
        while len(buffer) - at >= 4:
            size = frame_length(buffer[at : at + 4])
            if len(buffer) - at < size:
                break
            starts.append(at)
            at += size
        self._rest = buffer[at:]
        return buffer[:at], starts

    def finish(self) -> None:
        """FrameError if the stream ended inside a frame."""
        if self._rest:
            raise FrameError(f"the stream ends with {len(self._rest)} bytes of a cut frame")


def _crc16(data: bytes) -> int:
    """CRC-16/ARC (ffmpeg's AV_CRC_16_ANSI_LE), as the LAME tag's own CRC is computed."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def _side_info(header: bytes) -> int:
    """Bytes of side information after the header: by MPEG version and channel mode."""
    mpeg1, mono = (header[1] >> 3) & 3 == 3, (header[3] >> 6) == 3
    return (17 if mono else 32) if mpeg1 else (9 if mono else 17)


def set_gapless(path: Path, samples: int) -> None:
    """Fill in the gapless fields of the LAME tag of `path` (an MP3 file ffmpeg wrote with its
    tag frame) for `samples` of audio: the delay and the padding a player drops, and the
    tag's CRC. FrameError if the file has no such tag."""
    with open(path, "r+b") as handle:
        head = handle.read(10)
        start = 0
        if head[:3] == b"ID3":
            start = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(head[6:10]))
        handle.seek(start)
        frame = bytearray(handle.read(_TAG_CRC_SPAN + 19))
        at = 4 + _side_info(bytes(frame[:4]))
        if frame[at : at + 4] not in (b"Info", b"Xing"):
            raise FrameError(f"{path}: no Info/Xing frame after the ID3 tag")
        flags = int.from_bytes(frame[at + 4 : at + 8], "big")
        if not flags & 1:
            raise FrameError(f"{path}: the Info frame does not count its frames")
        count = int.from_bytes(frame[at + 8 : at + 12], "big")
        # Frames, bytes, TOC, quality: each present when its flag is.
        lame = at + 8 + sum(n for bit, n in ((1, 4), (2, 4), (4, 100), (8, 4)) if flags & bit)
        if len(frame) < max(lame + 36, _TAG_CRC_SPAN):
            raise FrameError(f"{path}: the Info frame is too short for a LAME tag")
        rate = _RATES[(frame[1] >> 3) & 3][(frame[2] >> 2) & 3]
        padding = count * frame_samples(rate) - ENCODER_DELAY - samples
        if not 0 <= padding < 1 << 12:
            raise FrameError(f"{path}: {count} frames cannot hold {samples} samples")
        frame[lame + 21 : lame + 24] = (ENCODER_DELAY << 12 | padding).to_bytes(3, "big")
        frame[lame + 34 : lame + 36] = b"\0\0"
        crc = _crc16(bytes(frame[:_TAG_CRC_SPAN]))
        frame[lame + 34 : lame + 36] = crc.to_bytes(2, "big")
        handle.seek(start)
        handle.write(frame)
