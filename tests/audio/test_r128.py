"""r128: BS.1770 loudness and true peak in numpy, against the standard's own reference points."""

from __future__ import annotations

import math

import numpy as np
import pytest

from narrator.audio import r128


def _sine(hz: float, seconds: float, rate: int, dbfs: float, phase: float = 0.0) -> r128.Signal:
    t = np.arange(int(seconds * rate)) / rate
    # Faded in and out over 10 ms: a sine that starts at full level rings past its peak.
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01)
    return 10 ** (dbfs / 20) * np.sin(2 * np.pi * hz * t + phase) * fade


@pytest.mark.parametrize("rate", [16_000, 22_050, 24_000, 44_100, 48_000])
def test_a_1khz_sine_at_minus_20_dbfs_reads_minus_23_lufs(rate: int) -> None:
    # BS.1770's calibration point: the K-weighting gains about +0.7 dB at 1 kHz, and a sine's
    # mean square is half its peak's.
    assert r128.integrated(_sine(1000, 5.0, rate, -20.0), rate) == pytest.approx(-23.0, abs=0.05)


def test_the_filter_is_the_recursive_one() -> None:
    # The FIR and overlap-save stand in for BS.1770's two biquads: same output, run directly.
    rate = 22_050
    x = np.random.default_rng(3).standard_normal(rate // 2)
    y = x.copy()
    for (b0, b1, b2), (a1, a2) in r128._biquads(rate):
        out, x1, x2, y1, y2 = [], 0.0, 0.0, 0.0, 0.0
        for v in y:
            w = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1, y2, y1 = x1, v, y1, w
            out.append(w)
        y = np.array(out)
    hop = round(rate * r128.HOP_S)
    direct = np.mean(y[: len(y) // hop * hop].reshape(-1, hop) ** 2, axis=1)
    assert r128.hop_energies(x, rate) == pytest.approx(direct, rel=1e-5)


def test_gates() -> None:
    rate = 22_050
    loud = _sine(1000, 20.0, rate, -20.0)
    # Silence does not pull the figure down (absolute gate), nor does a much quieter
    # passage (relative gate: 10 LU under the gated mean; only the few blocks that straddle
    # the change count); a passage 6 dB down does: the mean of the two, -2 dB.
    silence = np.zeros(20 * rate)
    whisper = _sine(1000, 20.0, rate, -45.0)
    softer = _sine(1000, 20.0, rate, -26.0)
    alone = r128.integrated(loud, rate)
    assert r128.integrated(np.concatenate((loud, silence)), rate) == pytest.approx(alone, abs=0.05)
    assert r128.integrated(np.concatenate((loud, whisper)), rate) == pytest.approx(alone, abs=0.05)
    both = r128.integrated(np.concatenate((loud, softer)), rate)
    assert both == pytest.approx(alone + 10 * math.log10(0.625), abs=0.05)
    assert r128.integrated(silence, rate) == r128.SILENT_LUFS
    assert r128.integrated(loud[: rate // 4], rate) == r128.SILENT_LUFS  # under one block


def test_true_peak_finds_the_peaks_between_samples() -> None:
    # A sine at a quarter of the rate, sampled 45 degrees off its crests: every sample is at
    # 0.707 of the peak (-3 dB), the waveform itself reaches it.
    rate = 48_000
    x = _sine(rate / 4, 1.0, rate, -6.0, phase=math.pi / 4)
    assert 20 * math.log10(np.max(np.abs(x))) == pytest.approx(-9.0, abs=0.02)
    assert r128.true_peak(x) == pytest.approx(-6.0, abs=0.01)
    assert r128.true_peak(np.zeros(100)) == r128.NO_PEAK


def test_the_envelope_is_the_interpolation_at_every_sample() -> None:
    rng = np.random.default_rng(5)
    spectrum = np.fft.rfft(rng.standard_normal(50_000))
    spectrum[int(len(spectrum) * 0.9) :] = 0  # band-limited, as speech from an engine is
    x = np.fft.irfft(spectrum, 50_000)
    x /= 2 * np.max(np.abs(x))
    everywhere = np.abs(x)
    for row in r128._phases()[1:]:
        everywhere = np.maximum(everywhere, np.abs(np.convolve(x, row[::-1], mode="same")))
    # Single precision: to 1e-6 of full scale.
    assert r128.peak_envelope(x) == pytest.approx(everywhere, abs=1e-6)
    # By blocks (at chosen blocks, the edges too, the last one short): the same values to
    # the bit, for floats and for 16-bit samples alike.
    ints = (x * 32767).astype(np.int16)
    for signal in (x[:49_995], ints[:49_995]):
        envelope = r128.peak_envelope(r128.floats(signal))
        blocks = r128.Blocks(signal, 0, len(signal))
        chosen = np.array([0, 1, 700, 3124, blocks.count - 2, blocks.count - 1])
        by_block = blocks.envelope(chosen)
        for column, block in enumerate(chosen):
            own = envelope[block * r128.BLOCK : (block + 1) * r128.BLOCK]
            assert np.array_equal(by_block[: len(own), column], own)
        assert np.array_equal(by_block[3:, -1], np.zeros(5))  # past the end: nothing
        assert r128.highest(signal) == np.max(envelope)
        # From anywhere to anywhere (the Meter measures stretches as they arrive).
        assert r128.highest(signal, 777, 31_111) == np.max(envelope[777:31_111])
        # The bound never falls under a block's true level.
        assert np.all(blocks.levels(np.arange(blocks.count)) <= blocks.bounds())


def test_pcm_round_trip() -> None:
    pcm = np.array([-32768, -1, 0, 1, 32767], dtype="<i2").tobytes()
    assert r128.to_pcm(r128.samples(pcm)) == pcm
    assert r128.to_pcm(np.array([1.5, -1.5])) == np.array([32767, -32768], dtype="<i2").tobytes()


def test_a_meter_fed_in_pieces_gives_the_figures_of_the_whole() -> None:
    rng = np.random.default_rng(9)
    rate = 22_050
    speechlike = rng.standard_normal(40 * rate) * np.repeat(rng.uniform(0, 0.3, 400), rate // 10)
    x = speechlike.astype(np.float32)
    meter = r128.Meter(rate)
    at = 0
    while at < len(x):
        size = int(rng.integers(1, 9 * r128.CHUNK))  # some larger than what it keeps
        meter.feed(x[at : at + size])
        at += size
        # What it keeps stays bounded: the samples still to measure and a little before them.
        assert meter._length - meter._base <= size + 3 * r128.CHUNK
    lufs, peak = meter.result()
    assert lufs == pytest.approx(r128.integrated(x, rate), abs=1e-9)
    assert peak == pytest.approx(r128.true_peak(x), abs=1e-9)
    assert r128.Meter(rate).result() == (r128.SILENT_LUFS, r128.NO_PEAK)


@pytest.mark.parametrize(("share", "phase"), [(0.35, 0.15 * math.pi), (0.375, 0.125 * math.pi)])
def test_true_peak_holds_up_to_0_4_of_the_rate(share: float, phase: float) -> None:
    # A 64 kb/s MP3 at 22.05 kHz still carries speech to about 9 kHz: the interpolator must
    # not lose its peaks there. Phased so that no sample meets a crest (the nearest are 0.11
    # and 0.69 dB under it) but a point of the 4x grid does.
    rate = 22_050
    x = _sine(share * rate, 1.0, rate, -6.0, phase=phase)
    assert 20 * math.log10(np.max(np.abs(x))) < -6.1
    assert r128.true_peak(x) == pytest.approx(-6.0, abs=0.03)
