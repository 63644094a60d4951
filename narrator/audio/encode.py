"""Encode PCM to the delivered file (MP3, Opus in Ogg, or WAV) with title/artist tags.

ffmpeg reads the PCM from stdin and writes a temporary file next to the destination; the file
is fsynced and moved into place with os.replace, so `path` is either the complete old file,
the complete new one, or absent, never half written.

Encoding keeps loudness: the audio arrives normalized (narrator.audio.loudness) and the file
must measure the same. Lossy codecs shift it: LAME scales CBR output by 0.95 (-0.45 dB) and
Opus at 64 kb/s about 0.2 dB. Each format starts from a measured compensation;
the written file is then measured (loudness and true peak) and re-encoded with the residual
corrected if it is off. encode_normalized() is the narration path: the loudness search runs on
an excerpt, its gain and limiter are applied to the whole once, and the file is encoded once.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from narrator import errors, owners
from narrator.audio import loudness, mp3, pipes, probe, r128, segments
from narrator.speech.engine import Audio


@dataclass(frozen=True)
class Format:
    muxer: str
    codec_args: tuple[str, ...]
    sample_rate: int | None  # None: keep the input rate
    mime: str
    lossy: bool
    gain_db: float = 0.0  # first guess at the codec's loudness shift, measured on speech
    muxer_options: tuple[tuple[str, str], ...] = ()

    @property
    def output_args(self) -> list[str]:
        """Codec and muxer arguments for an ffmpeg output of this format."""
        return [*self.codec_args, *(a for k, v in self.muxer_options for a in (f"-{k}", v))]


FORMATS: dict[str, Format] = {
    # CBR (exact seeking by byte offset for the player), 64 kb/s mono at 22.05 kHz: the
    # engines speak at 22.05 kHz or less, and at 44.1 kHz 64 kb/s starves LAME into peak
    # overshoots of 1.5 dB; at 22.05 kHz it adds none. ID3v2.3: the version every player reads.
    # LAME quality 7 instead of its default 3: its psychoacoustic noise shaping, made for music,
    # buys speech nothing at 64 kb/s mono. Against quality 5 (shipped before) it takes about a
    # third less CPU and scores higher on PESQ wideband and segmental SNR, on espeak and piper
    # alike (bench/mp3_quality.py; README "MP3 encoder").
    # No bit reservoir: every frame holds its own data, so a narration can be encoded in
    # segments on several cores and joined (segments.py). On 5 minutes of espeak the decoded
    # file's error against its input is 0.3 dB lower without it than with it.
    "mp3": Format(
        "mp3",
        ("-c:a", "libmp3lame", "-b:a", "64k", "-compression_level", "7", "-reservoir", "0"),
        22_050,
        "audio/mpeg",
        lossy=True,
        gain_db=0.45,
        muxer_options=(("id3v2_version", "3"),),
    ),
    # Opus always runs at 48 kHz. 64 kb/s constrained VBR, mono. At 40-48 kb/s libopus
    # turns the limited peaks of engine speech into erratic overshoots (from -2.5 to +0.3
    # dBTP for a 0.25 dB change of input gain); at 64 kb/s they stay within about 1 dB.
    # Constrained: with plain VBR, mono at 56 kb/s and up actually runs at 90-115 kb/s.
    "ogg": Format(
        "ogg",
        ("-c:a", "libopus", "-b:a", "64k", "-vbr", "constrained"),
        48_000,
        "audio/ogg",
        lossy=True,
        gain_db=0.2,
    ),
    "wav": Format("wav", ("-c:a", "pcm_s16le"), None, "audio/wav", lossy=False),
}
LOUDNESS_TOLERANCE_LU = 0.25
# encode_normalized() keeps a file this close to the target (normalize() lands within 0.2 and
# encode() keeps within 0.25 of that: the two-step path could end 0.45 off).
NORMALIZED_TOLERANCE_LU = 0.3
MAX_TRUE_PEAK = loudness.MAX_TRUE_PEAK  # dBTP in the delivered file
PEAK_MARGIN_DB = 0.2  # a correcting re-encode aims this far under MAX_TRUE_PEAK
MAX_ENCODES = 3
MAX_CORRECTION_DB = 2.0  # a larger shift means something else is wrong: leave it visible
_TAG_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def check_format(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise errors.UnknownFormat(
            f"format must be one of {', '.join(FORMATS)}, got {fmt!r}"
        ) from None


def metadata_args(tags: Mapping[str, str]) -> list[str]:
    args = []
    for key, value in tags.items():
        if not _TAG_KEY.match(key):
            raise errors.AudioError(f"invalid tag name {key!r}")
        if value:
            # One line per value: ID3, Vorbis comments and RIFF INFO all take plain text.
            args += ["-metadata", f"{key}={' '.join(str(value).split())}"]
    return args


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success fsync it and move it to `path`.

    If the body raises, the temporary file is removed and `path` is left as it was.
    Parent directories are created. The file gets the usual umask permissions (mkstemp's
    0600 would hide it from a web server running as another user).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise errors.StorageError(f"cannot write {path}: {exc}") from exc
    try:
        yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); not possible everywhere, so best effort."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _encode_to(audio: Audio, target: Path, spec: Format, tags: Mapping[str, str]) -> None:
    """Encode, then measure the file against the input; re-encode if it is off.

    Off means its loudness moved by more than LOUDNESS_TOLERANCE_LU, or the codec pushed
    its true peak over MAX_TRUE_PEAK (then the gain comes down by the excess: a few tenths
    of a dB of loudness are a better trade than clipping in the listener's decoder).
    At most MAX_ENCODES runs; the last one is kept.
    """
    if not audio.pcm:
        # MP3 and Ogg would come out as files no player (or ffprobe) can open.
        raise errors.AudioError("nothing to encode: the audio is empty")
    gain = spec.gain_db
    _run_encoder(audio, target, spec, tags, gain)
    if not spec.lossy:
        return
    wanted = loudness.integrated_lufs(audio)
    if wanted <= loudness.SILENT_LUFS:
        return  # nothing measurable to keep
    rate = spec.sample_rate or audio.sample_rate
    # (loudness error, gain) of the best file so far that kept under the peak
    safe: tuple[float, float] | None = None
    for _ in range(MAX_ENCODES - 1):
        got = loudness.measure(target, sample_rate=rate)
        correction = wanted - got.integrated_lufs
        if got.true_peak_dbtp <= MAX_TRUE_PEAK:
            if abs(correction) <= LOUDNESS_TOLERANCE_LU:
                return
            safe = min(safe or (abs(correction), gain), (abs(correction), gain))
        peak = got.true_peak_dbtp + correction  # what the corrected file would peak at
        if peak > MAX_TRUE_PEAK - PEAK_MARGIN_DB:
            correction -= peak - (MAX_TRUE_PEAK - PEAK_MARGIN_DB)
        low, high = spec.gain_db - MAX_CORRECTION_DB, spec.gain_db + MAX_CORRECTION_DB
        gain = min(high, max(low, gain + correction))
        _run_encoder(audio, target, spec, tags, gain)
    if (
        safe is not None
        and loudness.measure(target, sample_rate=rate).true_peak_dbtp > MAX_TRUE_PEAK
    ):
        # Opus overshoots erratically (see FORMATS): a loudness correction of a few tenths of
        # a dB can push its peak back over. A file a little off in loudness beats one that
        # clips in the listener's decoder, so the best earlier file is made again.
        _run_encoder(audio, target, spec, tags, safe[1])


def _run_encoder(
    audio: Audio, target: Path, spec: Format, tags: Mapping[str, str], gain_db: float
) -> None:
    """Encode `audio` to `target`, `gain_db` applied in float ahead of the encoder (no
    clipping at 16 bits where the codec's compensation raises a peak)."""
    probe.run_ffmpeg(
        [
            *["-loglevel", "error", "-nostdin", *probe.pcm_input(audio)],
            *_encoding(spec, tags, gain_db, audio.sample_rate),
            *[*spec.output_args, "-f", spec.muxer, "-y", str(target)],
        ],
        audio.pcm,
        what=f"encoding {spec.muxer}",
    )


def _encoding(spec: Format, tags: Mapping[str, str], gain_db: float, input_rate: int) -> list[str]:
    """The encoder's arguments between its input and its output: tags, gain, channels, rate.
    The gain is applied in float ahead of the encoder: no clipping at 16 bits where the
    codec's compensation raises a peak."""
    gain = ["-af", f"volume={gain_db:.3f}dB:precision=float"] if gain_db else []
    rate = spec.sample_rate or input_rate
    return ["-map_metadata", "-1", *metadata_args(tags), *gain, "-ac", "1", "-ar", str(rate)]


def _encode_measured(
    source: segments.PcmRange,
    frames: int,
    input_rate: int,
    target: Path,
    spec: Format,
    tags: Mapping[str, str],
    gain_db: float,
) -> loudness.Measurement:
    """Encode the PCM `source` gives for samples 0 to `frames` to `target`, and measure the
    file while it is written.

    The encoder's tee muxer writes its packets to the file (seekable: the MP3 gets its LAME
    header) and to a second ffmpeg that decodes them back to floats, which are measured
    here: the encoder, the decoder and the code producing the pieces each get a core. A long
    MP3 at the delivered rate is encoded in segments, one encoder per core (_encode_segments).
    """
    rate = spec.sample_rate or input_rate
    decoder = ["-f", spec.muxer, "-i", "pipe:0", "-map", "0:a:0", "-ac", "1", "-ar", str(rate)]
    decoder += ["-f", "f32le", "pipe:1"]
    meter = r128.Meter(rate)
    parts = segments.plan(frames, rate) if spec.muxer == "mp3" and rate == input_rate else []
    if len(parts) > 1:
        _encode_segments(source, frames, parts, rate, target, spec, tags, gain_db, decoder, meter)
    else:
        encoder = [
            *probe.pcm_input(Audio(pcm=b"", sample_rate=input_rate)),
            *_encoding(spec, tags, gain_db, input_rate),
            *[*spec.codec_args, "-map", "0:a", "-f", "tee", _tee(target, spec)],
        ]
        what = f"encoding {spec.muxer}"
        pipes.run_pair(encoder, decoder, source(0, frames), what, meter.feed)
    lufs, peak = meter.result()
    return loudness.Measurement(lufs, peak)


def _encode_segments(
    source: segments.PcmRange,
    frames: int,
    parts: list[segments.Segment],
    rate: int,
    target: Path,
    spec: Format,
    tags: Mapping[str, str],
    gain_db: float,
    decoder: list[str],
    meter: r128.Meter,
) -> None:
    """_encode_measured() for an MP3 in `parts`: each encoded by its own LAME, the frames
    joined by an ffmpeg that copies them to the file (with the tags) and to the decoder."""
    encoder = [
        *probe.pcm_input(Audio(pcm=b"", sample_rate=rate)),
        *_encoding(spec, {}, gain_db, rate),
        *[*spec.codec_args, "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "pipe:1"],
    ]
    joiner = ["-f", "mp3", "-i", "pipe:0", "-map_metadata", "-1", *metadata_args(tags)]
    joiner += ["-map", "0:a", "-c:a", "copy", "-f", "tee", _tee(target, spec)]
    what = f"encoding {spec.muxer} in {len(parts)} segments"
    segments.encode(source, parts, rate, encoder, joiner, decoder, meter.feed, what)
    try:
        mp3.set_gapless(target, frames)
    except mp3.FrameError as exc:
        raise errors.AudioError(f"{what}: {exc}") from exc


def _tee(target: Path, spec: Format) -> str:
    """ffmpeg's tee output: the file `target` (seekable, so the MP3 gets its LAME tag) and
    the same stream, untagged, on stdout for the decoder that measures it."""
    options = ":".join(f"{k}={v}" for k, v in (("f", spec.muxer), *spec.muxer_options))
    return f"[{options}]{_tee_file(target)}|[f={spec.muxer}]pipe:1"


def _tee_file(path: Path) -> str:
    """`path` as one output of ffmpeg's tee muxer: the file protocol, separators escaped."""
    return "file:" + re.sub(r"([\\'|\[\]:;,= ])", r"\\\1", str(path.resolve()))


def encode(
    audio: Audio, path: Path, fmt: str = "mp3", tags: Mapping[str, str] | None = None
) -> None:
    """Write `audio` to `path` as `fmt` ("mp3", "ogg" or "wav") with `tags` (title, artist).

    Atomic: on any failure `path` keeps what it held before (or stays absent) and no
    temporary file is left beside it.
    """
    spec = check_format(fmt)
    with atomic_path(Path(path)) as tmp:
        _encode_to(audio, tmp, spec, tags or {})


def encode_normalized(
    audio: Audio,
    path: Path,
    fmt: str = "mp3",
    tags: Mapping[str, str] | None = None,
    target_lufs: float = loudness.TARGET_LUFS,
    *,
    gain: loudness.Gain | None = None,
) -> loudness.Measurement:
    """encode(loudness.normalize(audio), ...) with one search; returns the file's measurement.

    The gain and limiter level are searched on an excerpt (loudness.plan_gain, or `gain` if
    the caller planned it already), then applied to the whole narration once and encoded.
    The file is measured (integrated loudness, 4x-oversampled true peak); only if it misses
    the target by more than NORMALIZED_TOLERANCE_LU, or peaks over MAX_TRUE_PEAK, is it
    limited and encoded again with the residual corrected; if the last attempt still peaks
    over, the closest earlier one that did not is kept. Same atomicity as encode().
    """
    spec = check_format(fmt)
    if not audio.pcm:
        raise errors.AudioError("nothing to encode: the audio is empty")
    rate = spec.sample_rate or audio.sample_rate
    with atomic_path(Path(path)) as tmp:
        gain = gain or loudness.plan_gain(audio, target_lufs)
        if gain is None:  # nothing measurable: encode as it is
            _encode_to(audio, tmp, spec, tags or {})
            return loudness.measure(tmp, sample_rate=rate)

        def encode_with(attempt: int, gain: loudness.Gain) -> loudness.Measurement:
            # Searched on all of it (a short narration): the result is already applied.
            whole = attempt == 0 and gain.audio.frames == audio.frames
            source = _slices(gain.audio.pcm) if whole else loudness.applied(audio, gain)
            return _encode_measured(
                source, audio.frames, audio.sample_rate, tmp, spec, tags or {}, spec.gain_db
            )

        got = loudness.Measurement(loudness.SILENT_LUFS, loudness.NO_PEAK)
        # (loudness error, attempt, gain) of the closest file so far that kept under the peak
        safe: tuple[float, int, loudness.Gain] | None = None
        for attempt in range(MAX_ENCODES):
            got = encode_with(attempt, gain)
            error = target_lufs - got.integrated_lufs
            if got.true_peak_dbtp <= MAX_TRUE_PEAK:
                if abs(error) <= NORMALIZED_TOLERANCE_LU:
                    return got
                if safe is None or abs(error) < safe[0]:
                    safe = (abs(error), attempt, gain)
                # The excerpt did not quite stand for the whole: correct by the residual.
                gain = loudness.Gain(gain.gain_db + error, gain.limit_dbtp, gain.audio)
            else:
                # The codec overshot: lower the limiter by the excess and a margin.
                excess = got.true_peak_dbtp - (MAX_TRUE_PEAK - PEAK_MARGIN_DB)
                gain = loudness.Gain(gain.gain_db, gain.limit_dbtp - excess, gain.audio)
        if got.true_peak_dbtp > MAX_TRUE_PEAK and safe is not None:
            # The last correction pushed the peak back over (as in _encode_to): a file a
            # little off in loudness beats one that clips, so the closest safe one is made again.
            got = encode_with(safe[1], safe[2])
        return got


def _slices(pcm: bytes) -> segments.PcmRange:
    """Samples `start` to `stop` of 16-bit `pcm`, as a segments.PcmRange."""
    return lambda start, stop: [pcm[2 * start : 2 * stop]]


def encode_bytes(audio: Audio, fmt: str = "mp3", tags: Mapping[str, str] | None = None) -> bytes:
    """The bytes `encode` would write (MP3 and WAV need a seekable file for their headers)."""
    spec = check_format(fmt)
    with tempfile.TemporaryDirectory(prefix=f"narrator-encode-{owners.tag()}-") as tmpdir:
        target = Path(tmpdir) / f"audio.{fmt}"
        _encode_to(audio, target, spec, tags or {})
        return target.read_bytes()
