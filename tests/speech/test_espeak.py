"""The real espeak engine through pyttsx3: no mix-ups, no hangs, phonemes, quiet stdout."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import wave

import pytest

from narrator import errors
from narrator.audio import pcm
from narrator.speech.engine import Audio
from narrator.speech.espeak import SAMPLE_RATE, EspeakEngine

WORDS = [
    "council",
    "budget",
    "transport",
    "river",
    "market",
    "station",
    "evening",
    "weather",
    "hospital",
    "school",
    "library",
    "parliament",
    "election",
    "harbor",
    "factory",
    "museum",
    "highway",
    "airport",
    "village",
    "bridge",
]

# 100 distinct one-syllable made-up words ("bab.", "bad.", ...): very short utterances.
SHORT = [f"{c}{v}{e}." for c in "bdfgk" for v in "aeiou" for e in "bdgm"]


def long_text(i: int, n_words: int) -> str:
    words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(n_words)]
    return f"Report {i}: " + " ".join(words) + "."


def cli_duration(tmp_path, text: str, voice: str = "en-us", rate: int = 175) -> float:
    out = tmp_path / "cli.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text], check=True)
    with wave.open(str(out)) as w:
        audio = Audio(pcm=w.readframes(w.getnframes()), sample_rate=w.getframerate())
    return pcm.trim(audio).duration_s


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


@pytest.mark.slow
def test_two_hundred_syntheses_each_audio_belongs_to_its_text(engine, tmp_path):
    # Alternate one-word texts with long ones of 12, 24 and 36 words: a swapped, stale,
    # truncated or missing file lands outside its text's duration band.
    results = []
    for i in range(200):
        if i % 2 == 0:
            text, n = SHORT[i // 2], 1
        else:
            n = (12, 24, 36)[(i // 2) % 3]
            text = long_text(i, n)
        audio = engine.synthesize(text, "en-us")
        assert audio.sample_rate == SAMPLE_RATE
        assert audio.pcm, f"empty audio for job {i}"
        results.append((i, text, n, pcm.trim(audio).duration_s))
    for i, text, n, seconds in results:
        if n == 1:
            assert 0.15 < seconds < 0.9, (i, text, seconds)
        else:
            # ~58 ms per character; neighbours differ by 1.5x or more in length.
            per_char = seconds / len(text)
            assert 0.048 < per_char < 0.07, (i, text, seconds)
    # And a sample matches the espeak-ng command line exactly enough to pin identity.
    for i, text, _, seconds in results[::25] + results[1::40]:
        assert seconds == pytest.approx(cli_duration(tmp_path, text), rel=0.03), (i, text)


def test_a_sentence_comes_back_as_soon_as_espeak_has_spoken_it(engine, monkeypatch):
    # pyttsx3's loop slept 10 ms between looks at whether espeak had finished (most of the
    # wall time of a short sentence); the loop now looks every 2 ms, as the waits around it do.
    engine.synthesize("Warm up.", "en-us")
    slept: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", sleep)
    for i in range(20):
        assert engine.synthesize(SHORT[i], "en-us").pcm
    assert max(slept, default=0.0) <= 0.002


def test_rate_follows_pace(engine):
    text = long_text(1, 20)
    slow = pcm.trim(engine.synthesize(text, "en-us", 1.0)).duration_s
    fast = pcm.trim(engine.synthesize(text, "en-us", 2.0)).duration_s
    assert fast / slow == pytest.approx(0.53, abs=0.06)


def test_lexicon_phonemes_are_spoken_as_phonemes(engine, tmp_path):
    ours = pcm.trim(engine.synthesize("[[S'aUmi:]]", "en-us")).duration_s
    as_phonemes = cli_duration(tmp_path, "[[S'aUmi:]]")  # the CLI reads [[ ]] as phonemes
    spelled = pcm.trim(engine.synthesize("S ' a U m i :", "en-us")).duration_s
    assert ours == pytest.approx(as_phonemes, rel=0.03)
    assert spelled > 1.5 * ours


def test_voices_and_variants(engine):
    ids = {v.id for v in engine.voices()}
    assert {"en-us", "en-gb", "en-us+f3", "fr", "de"} <= ids
    assert not any("/" in i for i in ids)
    gb = engine.synthesize("Hello there.", "en-gb")
    f3 = engine.synthesize("Hello there.", "en-us+f3")
    assert gb.pcm and f3.pcm and gb.pcm != f3.pcm
    assert engine.synthesize("Bonjour.", "fr").pcm


def test_unknown_voice(engine):
    with pytest.raises(errors.UnknownVoice):
        engine.synthesize("Hello.", "xx-nope")


def test_nothing_reaches_stdout(engine, capfd):
    engine.synthesize("Quiet please.", "en-us")
    out, _ = capfd.readouterr()
    assert out == ""


def test_version_names_library_and_scheme(engine):
    assert engine.version.startswith("espeak-ng-1.")
    assert engine.version.endswith("/1")


FORK_SCRIPT = textwrap.dedent(
    """
    import multiprocessing, sys
    from narrator.speech import espeak

    def work(i):
        a = espeak.EspeakEngine().synthesize(f"Worker sentence number {i}.", "en-us")
        return len(a.pcm)

    if __name__ == "__main__":
        if sys.argv[1] == "warm-parent":
            espeak.EspeakEngine().synthesize("Parent speaks first.", "en-us")
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(2) as pool:
            sizes = pool.map_async(work, range(8)).get(timeout=60)
        assert all(s > 10000 for s in sizes), sizes
        print("ok", len(sizes))
    """
)


@pytest.mark.parametrize("mode", ["cold-parent", "warm-parent"])
def test_works_in_forked_workers(tmp_path, mode):
    # A fresh interpreter, so this test does not depend on the state of the pytest process.
    script = tmp_path / "fork_check.py"
    script.write_text(FORK_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script), mode], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok 8"


def test_word_events_mark_where_words_begin(engine):
    text = "The council met on Tuesday, and the plan was approved at last."
    audio = engine.synthesize(text, "en-us")
    words = [i for i, c in enumerate(text) if c != " " and (i == 0 or text[i - 1] == " ")]
    assert len(audio.marks) >= 0.8 * len(words)
    starts = {c for c, _ in audio.marks}
    assert starts <= set(words), (starts, words)
    times = [ms for _, ms in audio.marks]
    assert times == sorted(times) and times[-1] < audio.duration_s * 1000
    # A second utterance starts its own clock: marks are per synthesis, not cumulative.
    again = engine.synthesize("Rain fell.", "en-us")
    assert again.marks and again.marks[0][1] < 300
