"""encode_normalized: gain and limiter in the encoding run, the file at -16 LUFS under -1 dBTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.audio import encode, loudness, pcm, probe
from narrator.speech.engine import Audio
from tests.helpers.signals import ebur128, scaled


def _long(speech: Audio) -> Audio:
    """Speech repeated at levels a few dB apart, like paragraphs of one narration."""
    parts = [scaled(speech, gain) for gain in (0.0, -3.0, 2.0, -1.0, 1.0, -2.0)]
    return pcm.concat([p for part in parts for p in (part, pcm.silence(400, speech.sample_rate))])


@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
@pytest.mark.parametrize("start_gain", [-20.0, 0.0])
def test_file_lands_on_target(tmp_path: Path, speech: Audio, fmt: str, start_gain: float) -> None:
    path = tmp_path / f"a.{fmt}"
    got = encode.encode_normalized(scaled(speech, start_gain), path, fmt, tags={"title": "T"})
    lufs, peak = ebur128(path)
    assert lufs == pytest.approx(loudness.TARGET_LUFS, abs=0.3)
    assert peak <= encode.MAX_TRUE_PEAK
    # What it returns is the file's own measurement (4x-oversampled peak: BS.1770's method).
    assert got.integrated_lufs == pytest.approx(lufs, abs=0.1)
    assert got.true_peak_dbtp == pytest.approx(peak, abs=0.15)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_measured_while_encoding_equals_the_file_read_back(
    tmp_path: Path, speech: Audio, fmt: str
) -> None:
    # The tee muxer's output names need escaping: a folder with every character it treats
    # specially must still get the file, and nothing else.
    folder = tmp_path / "a b|c[1]:d,e'f=g;h"
    folder.mkdir()
    path = folder / f"out put.{fmt}"
    got = encode.encode_normalized(speech, path, fmt, tags={"title": "T: a|b", "artist": "A"})
    assert [p.name for p in folder.iterdir()] == [path.name]
    # The measured stream still has the codec's priming samples, which the MP3's LAME header
    # trims from the file: on a clip of a few seconds that is worth up to 0.1 LU.
    back = loudness.measure(path)
    assert got.integrated_lufs == pytest.approx(back.integrated_lufs, abs=0.11)
    assert got.true_peak_dbtp == pytest.approx(back.true_peak_dbtp, abs=0.01)
    assert probe.tags(path)["title"] == "T: a|b"
    assert probe.decoded_duration_s(path) == pytest.approx(speech.duration_s, abs=0.06)
    if fmt == "mp3":
        assert path.read_bytes()[:4] == b"ID3\x03"  # ID3v2.3, the version every player reads


@pytest.mark.slow
def test_long_narration_is_searched_on_an_excerpt(
    tmp_path: Path, speech: Audio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loudness, "EXCERPT_S", 6.0)
    monkeypatch.setattr(loudness, "EXCERPT_PIECE_S", 1.0)
    audio = _long(speech)
    part = loudness.excerpt(audio, 6.0, 1.0)
    assert part is not audio and part.duration_s == pytest.approx(6.0, abs=0.01)
    searched: list[float] = []
    apply = loudness._apply

    def spy(a: Audio, gain_db: float, limit: float) -> tuple[Audio, loudness.Measurement]:
        searched.append(a.duration_s)
        return apply(a, gain_db, limit)

    monkeypatch.setattr(loudness, "_apply", spy)
    path = tmp_path / "long.mp3"
    encode.encode_normalized(audio, path, "mp3")
    assert searched and max(searched) < audio.duration_s / 2
    lufs, peak = ebur128(path)
    assert lufs == pytest.approx(loudness.TARGET_LUFS, abs=0.3)
    assert peak <= encode.MAX_TRUE_PEAK


@pytest.mark.slow
def test_same_result_as_normalize_then_encode(tmp_path: Path, speech: Audio) -> None:
    fused, apart = tmp_path / "fused.mp3", tmp_path / "apart.mp3"
    encode.encode_normalized(speech, fused, "mp3")
    encode.encode(loudness.normalize(speech), apart, "mp3")
    assert ebur128(fused)[0] == pytest.approx(ebur128(apart)[0], abs=0.3)


def test_silence_is_encoded_as_it_is(tmp_path: Path) -> None:
    silent = Audio(pcm=bytes(2 * 22_050), sample_rate=22_050)
    got = encode.encode_normalized(silent, tmp_path / "s.wav", "wav")
    assert got.integrated_lufs == loudness.SILENT_LUFS
    assert (tmp_path / "s.wav").exists()


def test_a_last_correction_over_the_peak_keeps_the_closest_safe_file(
    tmp_path: Path, speech: Audio, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Measurements scripted around real encodes: the first file is 0.5 LU quiet and under the
    # peak; raising it overshoots, and so does the limiter's correction. Three attempts end
    # over -1 dBTP, so the first file is made again (a little quiet beats clipping).
    over = encode.MAX_TRUE_PEAK + 0.5
    said = iter(
        [
            loudness.Measurement(loudness.TARGET_LUFS - 0.5, -2.0),
            loudness.Measurement(loudness.TARGET_LUFS - 0.1, over),
            loudness.Measurement(loudness.TARGET_LUFS - 0.1, over),
            loudness.Measurement(loudness.TARGET_LUFS - 0.5, -2.0),
        ]
    )
    sources: list[bytes] = []
    real = encode._encode_measured

    def scripted(source, frames, *args, **kwargs):  # type: ignore[no-untyped-def]
        sources.append(b"".join(source(0, frames)))
        real(source, frames, *args, **kwargs)
        return next(said)

    monkeypatch.setattr(encode, "_encode_measured", scripted)
    got = encode.encode_normalized(speech, tmp_path / "a.mp3", "mp3")
    assert len(sources) == encode.MAX_ENCODES + 1
    assert sources[-1] == sources[0] and sources[1] != sources[0]
    assert got.true_peak_dbtp <= encode.MAX_TRUE_PEAK
