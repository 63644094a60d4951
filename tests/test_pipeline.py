"""The whole pipeline through real espeak-ng (pyttsx3), ffmpeg and ffprobe."""

from __future__ import annotations

import itertools
import json
import statistics
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from narrator import errors, pipeline
from narrator.audio import encode, pauses, probe, tempo
from narrator.options import check_format, check_speed
from narrator.speech import pace
from narrator.speech.engine import Audio, FakeEngine

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
HARBOR = (FIXTURES / "harbor.txt").read_bytes()


def _script():
    return pipeline.prepare(pipeline.read(HARBOR, filename="harbor.txt"))


def _ebur128(path: Path) -> float:
    out = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(path), "-af", "ebur128", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = out[out.rindex("Summary:") :]
    return float(summary.split("I:")[1].split("LUFS")[0])


@pytest.mark.slow
@pytest.mark.parametrize("speed", [1.0, 1.25, 1.5, 1.75, 2.0])
def test_wpm_matches_widget_speed_en_us(tmp_path: Path, speed: float) -> None:
    script = _script()
    result = pipeline.narrate(script, tmp_path / "a.mp3", voice="en-us", speed=speed, fmt="mp3")
    duration = probe.duration_s(Path(result.audio))
    measured = script.words / (duration / 60)
    assert abs(measured / (200 * speed) - 1) < 0.05, (speed, measured, result)
    assert abs(result.wpm - measured) / measured < 0.01


@pytest.mark.slow
@pytest.mark.parametrize("voice", ["en-gb", "en-us+f3", "piper/en_US-joe-medium"])
@pytest.mark.parametrize("speed", [1.0, 2.0])
def test_wpm_other_english_voices(tmp_path: Path, voice: str, speed: float) -> None:
    script = _script()
    result = pipeline.narrate(script, tmp_path / "a.wav", voice=voice, speed=speed, fmt="wav")
    measured = script.words / (probe.duration_s(Path(result.audio)) / 60)
    assert abs(measured / (200 * speed) - 1) < 0.05, (voice, speed, measured)
    # The plan foresaw the tempo filter the engine left over (the stream plays at it).
    planned = pipeline.plan(script, voice, speed)
    if result.tempo > 1 + pipeline.WPM_TOLERANCE:
        assert planned.expected_tempo == pytest.approx(result.tempo, rel=0.06), result
    elif result.pause_scale == 1.0:
        assert planned.expected_tempo == 1.0, (planned, result)
    else:  # our pauses took what a small tempo change would have
        assert planned.expected_tempo < 1.06, (planned, result)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_formats_loudness_tags_timings(tmp_path: Path, fmt: str) -> None:
    script = _script()
    out = tmp_path / f"harbor.{fmt}"
    result = pipeline.narrate(script, out, voice="en-us", speed=1.25, fmt=fmt)
    assert out.exists() and not list(tmp_path.glob("*.tmp*"))
    assert abs(_ebur128(out) + 16) <= 1.0
    tags = {k.lower(): v for k, v in probe.tags(out).items()}
    assert tags.get("title") == "City Council Approves Harbor Cleanup Plan"
    assert tags.get("artist") == "Maria Lopez"
    info = json.loads(Path(result.timings).read_text())
    sentences = info["sentences"]
    assert len(sentences) == len(script.sentences)
    duration_ms = probe.duration_s(out) * 1000
    previous_end = 0
    for s, (a, b) in zip(sentences, script.spans, strict=True):
        assert previous_end <= s["start_ms"] < s["end_ms"] <= duration_ms + 60
        assert (s["start_char"], s["end_char"]) == (a, b)
        previous_end = s["end_ms"]
    vtt = Path(result.captions).read_text()
    assert vtt.startswith("WEBVTT") and "-->" in vtt


def test_title_is_read_first() -> None:
    script = _script()
    assert script.sentences[0].text.startswith("City Council Approves Harbor Cleanup Plan")
    assert "Maria Lopez" in script.sentences[0].text + script.sentences[1].text


@pytest.mark.slow
def test_chunks_join_without_gap_or_overlap(tmp_path: Path) -> None:
    script = _script()
    plan = pipeline.plan(script, "en-us", 1.5, chunk_chars=300)
    assert len(plan.chunks) > 3
    chunks = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    whole = pipeline.assemble(script, plan, chunks, tmp_path / "a.wav", "wav")
    sentences = json.loads(Path(whole.timings).read_text())["sentences"]
    gaps = [b["start_ms"] - a["end_ms"] for a, b in itertools.pairwise(sentences)]
    # Every gap is one of our pauses (scaled to fit the pace), never negative or doubled.
    assert min(gaps) > 0
    assert max(gaps) <= plan.paragraph_pause_ms * whole.pause_scale / whole.tempo + 2


def test_an_earlier_version_s_pace_is_kept_when_read_the_same_way() -> None:
    script = _script()
    solved = pipeline.plan(script, "piper/en_US-joe-medium", 1.0)
    close = replace(solved, pace=round(solved.pace * (1 + pace.KEEP_PACE_TOLERANCE / 2), 4))
    assert pipeline.plan(script, solved.voice, 1.0, earlier=close).pace == close.pace
    # Another speed (other pauses) or voice (another calibration): its pace says nothing here.
    assert pipeline.plan(script, solved.voice, 1.0, earlier=replace(close, speed=1.01)) == solved
    other = replace(close, voice="piper/en_US-amy-medium")
    assert pipeline.plan(script, solved.voice, 1.0, earlier=other) == solved
    newer = replace(close, engine_version=close.engine_version + "+1")
    assert pipeline.plan(script, solved.voice, 1.0, earlier=newer) == solved
    far = replace(solved, pace=round(solved.pace * (1 + 2 * pace.KEEP_PACE_TOLERANCE), 4))
    assert pipeline.plan(script, solved.voice, 1.0, earlier=far) == solved


@pytest.mark.slow
@pytest.mark.parametrize("voice", ["en-us", "piper/en_US-joe-medium"])
@pytest.mark.parametrize("off", [-1.0, 1.0])
def test_a_kept_pace_still_meets_the_wpm_and_loudness_promise(
    tmp_path: Path, voice: str, off: float
) -> None:
    """An edited article spoken at its earlier version's pace, as far from its own as the
    tolerance lets it be: the final file still measures 200 x speed WPM (the assembly's tempo
    correction takes anything past WPM_TOLERANCE) and -16 LUFS."""
    script = _script()
    solved = pipeline.plan(script, voice, 1.25)
    earlier = replace(solved, pace=solved.pace * (1 + off * 0.99 * pace.KEEP_PACE_TOLERANCE))
    plan = pipeline.plan(script, voice, 1.25, earlier=earlier)
    assert plan.pace == earlier.pace != solved.pace
    chunks = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    out = tmp_path / "a.mp3"
    result = pipeline.assemble(script, plan, chunks, out, "mp3")
    measured = script.words / (probe.duration_s(out) / 60)
    assert abs(measured / 250 - 1) <= pipeline.WPM_TOLERANCE + 0.002, (measured, result)
    assert abs(_ebur128(out) + 16) <= 1.0


@pytest.mark.slow
@pytest.mark.parametrize("off", [-0.012, 0.012])
def test_a_pace_a_little_off_is_corrected_by_the_pauses_alone(tmp_path: Path, off: float) -> None:
    """Spoken about 1% too fast or too slow, the narration still lasts exactly as 200 x speed WPM
    asks, with no tempo filter: the pauses between sentences take the difference, the speech
    is the engine's own, and the timings follow the moved sentences."""
    script = _script()
    solved = pipeline.plan(script, "en-us", 1.0)
    spoken_s = sum(
        pipeline.render_chunk(script, solved, i).audio.duration_s for i in range(len(solved.chunks))
    )
    # About the pace at which this article lands on 200 WPM (the engine rate is near linear).
    exact = solved.pace * 200 / (script.words / (spoken_s / 60))
    plan = replace(solved, pace=round(exact * (1 + off), 4))
    chunks = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    out = tmp_path / "a.wav"
    result = pipeline.assemble(script, plan, chunks, out, "wav")
    assert result.tempo == 1.0 and result.pause_scale != 1.0, result
    seconds = probe.duration_s(out)
    assert script.words / (seconds / 60) == pytest.approx(200, rel=0.001), (seconds, result)
    spoken = [(a, b) for c in chunks for a, b in c.sentence_ms]
    timed = json.loads(Path(result.timings).read_text())["sentences"]
    # Each sentence lasts as long as the engine said it (to the ms of rounding).
    for (a, b), entry in zip(spoken, timed, strict=True):
        assert abs((entry["end_ms"] - entry["start_ms"]) - (b - a)) <= 2


@pytest.mark.slow
@pytest.mark.parametrize(("slower", "stretched"), [(0.035, False), (0.08, True)])
def test_past_what_the_pauses_can_take_they_take_their_share_first(
    tmp_path: Path, slower: float, stretched: bool
) -> None:
    """Spoken a few percent too slowly, more than natural pauses can absorb: the pauses go to
    their shortest, and the tempo filter only runs for a rest still over WPM_TOLERANCE, and
    then on that rest alone."""
    script = _script()
    solved = pipeline.plan(script, "en-us", 1.0)
    spoken_s = sum(
        pipeline.render_chunk(script, solved, i).audio.duration_s for i in range(len(solved.chunks))
    )
    exact = solved.pace * 200 / (script.words / (spoken_s / 60))
    plan = replace(solved, pace=round(exact * (1 - slower), 4))
    chunks = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    joined, _, _ = pipeline.join(chunks)
    planned_s = sum(g for i in range(len(chunks)) for g in pipeline.pauses_after(script, plan, i))
    wanted_s = script.words / 200 * 60
    # What is left once every pause is at its shortest: the intended side of the tolerance.
    rest = (joined.duration_s - planned_s / 1000 * (1 - pauses.MIN_SCALE)) / wanted_s - 1
    assert rest > 0.002 and (rest > pipeline.WPM_TOLERANCE) == stretched, rest
    out = tmp_path / "a.wav"
    result = pipeline.assemble(script, plan, chunks, out, "wav")
    assert result.pause_scale == pauses.MIN_SCALE, result
    wpm = script.words / (probe.duration_s(out) / 60)
    if stretched:
        assert result.tempo == pytest.approx(1 + rest, abs=0.002), result
        assert wpm == pytest.approx(200, rel=0.002)
    else:
        assert result.tempo == 1.0, result
        assert 200 / wpm - 1 == pytest.approx(rest, abs=0.002)


def test_a_text_whose_words_do_not_stand_for_its_speech_is_read_not_failed(
    tmp_path: Path,
) -> None:
    # Two written words said as forty-odd: at 400 WPM of written words the plan asked for a
    # tempo filter of x43 and the final file for x42 (past what the filter takes: the narration
    # failed). It is read at the engine's fastest pace with the most tempo a plan leaves and a
    # correction takes, well below its target WPM, which it reports.
    text = "Account 12345678901234567890123456789012345678901234567890."
    script = pipeline.prepare(pipeline.read(text.encode(), filename="a.txt"))
    assert pipeline.plan(script, "en-us", 2.0).expected_tempo == pace.MAX_TEMPO
    result = pipeline.narrate(script, tmp_path / "a.mp3", voice="en-us", speed=2.0, fmt="mp3")
    assert result.tempo == pytest.approx(pace.MAX_TEMPO * tempo.MAX_CORRECTION, abs=1e-4)
    assert result.wpm < 100 and probe.duration_s(Path(result.audio)) > 1.5


def test_fake_engine_pipeline_is_fast_and_deterministic(tmp_path: Path) -> None:
    script = _script()
    plan = pipeline.plan(script, "fake", 1.0)
    a = pipeline.render_chunk(script, plan, 0, FakeEngine())
    b = pipeline.render_chunk(script, plan, 0, FakeEngine())
    assert a.audio.pcm == b.audio.pcm and a.sentence_ms == b.sentence_ms


@pytest.mark.parametrize("speed", ["0.5", "2.01", "fast", "nan", ""])
def test_speed_out_of_range(speed: str) -> None:
    with pytest.raises(errors.InvalidSpeed):
        check_speed(speed)


def test_unknown_format() -> None:
    with pytest.raises(errors.UnknownFormat):
        check_format("flac")


@pytest.mark.slow
def test_small_tempo_change_plans_the_gain_alongside(tmp_path: Path) -> None:
    from narrator.audio import loudness

    wav = tmp_path / "speech.wav"
    text = " ".join(["The council approved the harbor plan on Tuesday, after a long debate."] * 6)
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), text], check=True)
    audio = Audio(pcm=wav.read_bytes()[44:], sample_rate=22_050)
    changed, gain = pipeline._tempo_and_gain(audio, 1.04)
    assert gain is not None and changed.duration_s == pytest.approx(audio.duration_s / 1.04, 0.01)
    after = loudness.plan_gain(changed)
    assert after is not None and gain.gain_db == pytest.approx(after.gain_db, abs=0.3)
    got = encode.encode_normalized(changed, tmp_path / "a.mp3", "mp3", gain=gain)
    assert got.integrated_lufs == pytest.approx(loudness.TARGET_LUFS, abs=0.3)
    assert got.true_peak_dbtp <= encode.MAX_TRUE_PEAK
    changed, gain = pipeline._tempo_and_gain(audio, 1.3)  # too far: planned after the change
    assert gain is None and changed.duration_s == pytest.approx(audio.duration_s / 1.3, 0.01)


def test_a_long_article_s_head_is_paced_as_the_whole_article_will_be() -> None:
    # Its first sentence is spoken from the head alone (narrator.render): at the head's own
    # pace (mostly title and pauses) it was up to 49% off; estimated for the whole, a few %.
    root = Path(__file__).resolve().parents[1] / "bench"
    paths = sorted(root.glob("articles/*.txt")) + sorted(root.glob("data/pages/*/body.txt"))[:20]
    errors = []
    for path in paths:
        article = pipeline.read(path.read_bytes(), filename="a.txt")
        head = pipeline.head(article)
        if head is None:
            continue
        whole = pipeline.plan(pipeline.prepare(article), "en-us", 1.0).pace
        estimated = pipeline.plan(pipeline.prepare(head), "en-us", 1.0, whole=article).pace
        errors.append(abs(estimated / whole - 1))
    assert len(errors) >= 20, errors
    assert statistics.median(errors) < 0.015 and max(errors) < 0.06, sorted(errors)
