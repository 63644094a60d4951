"""tempo.change_tempo through real ffmpeg: duration scales by 1/factor, pitch stays."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.audio import tempo
from narrator.speech.engine import Audio
from tests.helpers.signals import dominant_hz, tone


@pytest.mark.parametrize("factor", [1.05, 1.3, 0.9, 2.5])
def test_duration_scales_and_pitch_is_kept(factor: float) -> None:
    audio = tone(440, 3.0)
    out = tempo.change_tempo(audio, factor)
    assert out.sample_rate == audio.sample_rate
    assert out.duration_s == pytest.approx(audio.duration_s / factor, rel=0.01)
    assert dominant_hz(out) == pytest.approx(440, rel=0.02)


def test_speech_duration_scales(speech: Audio) -> None:
    out = tempo.change_tempo(speech, 1.25)
    assert out.duration_s == pytest.approx(speech.duration_s / 1.25, rel=0.01)


@pytest.mark.parametrize(
    ("factor", "expected"),
    [(1.0, [1.0]), (2.0, [2.0]), (0.5, [0.5]), (2.5, [2.5**0.5] * 2), (0.3, [0.3**0.5] * 2)],
)
def test_stages_stay_in_atempo_blending_range(factor: float, expected: list[float]) -> None:
    got = tempo.stages(factor)
    assert got == pytest.approx(expected)
    assert all(0.5 <= s <= 2.0 for s in got)


def test_identity_and_empty_audio_skip_ffmpeg() -> None:
    audio = tone(440, 0.5)
    assert tempo.change_tempo(audio, 1.0) is audio
    empty = Audio(pcm=b"", sample_rate=16_000)
    assert tempo.change_tempo(empty, 1.5) == empty


@pytest.mark.parametrize("factor", [0.0, -1.0, 0.1, 10.0, float("nan"), float("inf")])
def test_absurd_factors_are_refused(factor: float) -> None:
    with pytest.raises(errors.AudioError, match="tempo factor"):
        tempo.change_tempo(tone(440, 0.2), factor)


def test_ffmpeg_failure_carries_its_stderr() -> None:
    broken = Audio(pcm=bytes(200), sample_rate=0)  # ffmpeg refuses a 0 Hz input
    with pytest.raises(errors.AudioError, match="tempo change") as info:
        tempo.change_tempo(broken, 1.2)
    assert "ffmpeg failed" in str(info.value)


@pytest.mark.parametrize("method", tempo.METHODS)
def test_every_method_keeps_length_and_pitch(method: str) -> None:
    # The stretch part of a fast speed may use either filter (tempo.METHOD, chosen by the bench).
    audio = tone(440, 2.0)
    out = tempo.change_tempo(audio, 1.6, method)
    assert out.duration_s == pytest.approx(2.0 / 1.6, rel=0.03)
    whole = Audio(pcm=out.pcm[: len(out.pcm) // 8 * 8], sample_rate=out.sample_rate)
    assert dominant_hz(whole) == pytest.approx(440, rel=0.03)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(errors.AudioError, match="rubberband"):
        tempo.filter_chain(1.5, "sox")
