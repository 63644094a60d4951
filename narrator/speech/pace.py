"""Listener speed <-> engine pace.

The widget promises words per minute: speed 1.0 is 200 WPM and speed s is 200*s WPM, counted
over the whole file (pauses included) with the words of the article text. Engines do not speak
in WPM (espeak's "rate" drifts from it, piper has a length scale), so each voice has a measured
calibration curve: speech-only WPM as a function of engine pace, on sentence audio trimmed
exactly as the pipeline trims it. `pace_and_tempo` budgets the pauses for the article in hand and
inverts the curve; the pipeline corrects the last few percent with a tempo filter.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path

from num2words import num2words

from narrator.audio import pcm
from narrator.config import WPM_AT_1X
from narrator.speech import clauses
from narrator.speech.engine import Engine

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")

# Engine paces that are still worth listening to (and that the engines accept).
PACE_RANGE = {
    "espeak": (80 / 175, 450 / 175),  # espeak rate 80..450
    # length_scale 2.0 and slower; past piper.SQUEEZE_FROM a time-stretch along piper's own
    # alignment does the rest inside the engine, so 2x (about 2.6) needs no tempo filter
    "piper": (1 / 2.0, 3.0),
}
DEFAULT_PACE_RANGE = (0.25, 4.0)

# An edited article is spoken at its earlier version's engine pace when the pace solved for the
# new text is within this much of it (relative), so its unchanged paragraphs keep their chunks'
# cache keys. The final file absorbs the difference as it absorbs the solve's own error: left as
# it is within the pipeline's WPM_TOLERANCE (2%), tempo-corrected to the target past it. 1% is
# half that band: a kept pace moves a file by at most half of what the pipeline already leaves
# uncorrected, and adds at most 1% to a correction (the solve's own is up to 3.7% with espeak
# at 1x, 5% at 1.5x and with piper at 1x on the bench articles; past GAIN_KEEPS_TEMPO, 5%, the
# gain is planned after the filter: slower, as loud). One-word edits move the solved pace by at
# most 0.44-0.53% (espeak 1x and 1.5x, piper 1x), so 1% takes them, and edits of a few words
# (bench/edits.py).
KEEP_PACE_TOLERANCE = 0.01
# The most tempo filter a plan leaves for the final file. A text that would need more is one
# whose written words do not stand for its speech (one long figure said digit by digit): it is
# read at most this much faster than the engine's fastest pace, below its target WPM.
MAX_TEMPO = 2.0

SENTENCE_PAUSE_MS = 300  # at 1x
PARAGRAPH_PAUSE_MS = 650  # at 1x

# Fixed news prose for calibration (about 250 words), one sentence per item.
CALIBRATION_SENTENCES = (
    "The city council voted on Tuesday to expand the bus network across the northern districts.",
    "The plan adds four new routes and extends evening service until midnight on weekdays.",
    "Officials said the changes would cost about twelve million dollars over the next three years.",
    "Most of the money will come from a regional transport grant approved last spring.",
    "Residents in the affected neighborhoods have long complained about infrequent buses and "
    "crowded stops.",
    "At a public hearing last month, dozens of speakers described waiting more than forty "
    "minutes for a ride.",
    "Council member Maria Lopez, who sponsored the measure, called the vote a turning point for "
    "working families.",
    "Not everyone was convinced.",
    "Two members voted against the plan, arguing that the city should first repair its aging "
    "fleet.",
    "The transit agency said it would order thirty electric buses to replace the oldest vehicles.",
    "Deliveries are expected to begin early next year, although supply delays remain possible.",
    "Business groups welcomed the decision, saying better service would help shops and "
    "restaurants hire staff.",
    "A survey by the chamber of commerce found that one in five workers had turned down a job "
    "because of the commute.",
    "Environmental advocates also praised the move.",
    "They noted that transport is now the largest source of greenhouse gas emissions in the "
    "region.",
    "The new routes will be phased in over eighteen months, starting with the busiest corridor.",
    "Riders can comment on the proposed schedules online until the end of the month.",
    "The agency will publish final timetables in the autumn.",
)
# A short text for calibrating a voice at run time when the file has no curve for it.
QUICK_SENTENCES = CALIBRATION_SENTENCES[:4] + CALIBRATION_SENTENCES[7:8]
QUICK_PACES = (0.75, 1.0, 1.5, 2.0, 2.5)

Curve = list[tuple[float, float]]  # (pace, speech-only WPM), pace ascending


def pauses(speed: float) -> tuple[int, int]:
    """(sentence pause, paragraph pause) in ms: shorter with the square of the speed.

    Every millisecond of pause is taken from the speech, and speech is what stops being
    understood at high speed (Whisper WER, bench/intelligibility.py), so pauses shrink faster
    than the speech does: 300/650 ms at 1x, 133/289 at 1.5x, 75/163 at 2x.
    """
    return round(SENTENCE_PAUSE_MS / speed**2), round(PARAGRAPH_PAUSE_MS / speed**2)


def words_of(text: str) -> int:
    return len(text.split())


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _spoken_number(match: re.Match[str]) -> str:
    # "120,000" is six digits on the page but "one hundred and twenty thousand" in the audio.
    digits = match.group().replace(",", "")
    try:
        return str(num2words(float(digits) if "." in digits else int(digits)))
    except (ValueError, OverflowError):
        return digits


def letters_of(text: str) -> int:
    """Letters as spoken: what drives an engine's duration far better than words do."""
    return sum(c.isalnum() for c in _NUMBER.sub(_spoken_number, text))


# Phoneme symbols less stress, length and syllable marks (espeak's mnemonics, piper's IPA): a
# count of sounds.
_NOT_A_SOUND = re.compile("[\\s',;#_:!=\u02c8\u02cc\u02d0]")


def phonemes_of(engine: Engine, voice_id: str, text: str) -> int | None:
    """How many sounds the engine will say for `text` (None: the engine cannot tell).

    Sounds predict how long a voice speaks far better than letters: "FBI" is three letters
    and eight sounds, a Latvian name's letters are not what espeak says. On 20 real pages,
    speech time predicted from letters missed by 2.1-3.7% on average at 1x-2x (11-16% at
    worst), from sounds by 1.4-1.8% (3.5-4.5% at worst).
    """
    phonemize = getattr(engine, "phonemes", None)
    if phonemize is None:
        return None
    return len(_NOT_A_SOUND.sub("", str(phonemize(text, voice_id))))


_basis_phonemes: dict[tuple[str, str, tuple[str, ...]], int | None] = {}


def _phonemes_of_basis(engine: Engine, voice_id: str, basis: Sequence[str]) -> int | None:
    key = (engine.sound_version, voice_id, tuple(basis))
    if key not in _basis_phonemes:
        counts = [phonemes_of(engine, voice_id, s) for s in basis]
        _basis_phonemes[key] = None if None in counts else sum(c or 0 for c in counts)
    return _basis_phonemes[key]


def measure(
    engine: Engine, voice_id: str, paces: Sequence[float], sentences: Sequence[str]
) -> Curve:
    """Speech-only WPM at each pace: sentences spoken one by one, trimmed like the pipeline."""
    words = sum(words_of(s) for s in sentences)
    curve: Curve = []
    for p in paces:
        seconds = sum(pcm.trim(engine.synthesize(s, voice_id, p)).duration_s for s in sentences)
        curve.append((p, round(words / seconds * 60, 2)))
    return sorted(curve)


@cache
def _file() -> dict:
    try:
        return dict(json.loads(CALIBRATION_FILE.read_text()))
    except FileNotFoundError:
        return {}


@cache
def _file_curves() -> dict[str, dict[str, Curve]]:
    return {
        version: {voice: [(float(p), float(w)) for p, w in curve] for voice, curve in vs.items()}
        for version, vs in _file().get("curves", {}).items()
    }


_runtime_curves: dict[tuple[str, str], Curve] = {}
_runtime_lock = threading.Lock()


def curve_for(engine: Engine, voice_id: str) -> tuple[Curve, Sequence[str]]:
    """The calibration curve (from the file, or measured once per process) and the sentences
    it was measured on."""
    curve = _file_curves().get(engine.sound_version, {}).get(voice_id)
    if curve:
        return curve, CALIBRATION_SENTENCES
    key = (engine.sound_version, voice_id)
    with _runtime_lock:
        if key not in _runtime_curves:
            _runtime_curves[key] = measure(engine, voice_id, QUICK_PACES, QUICK_SENTENCES)
        return _runtime_curves[key], QUICK_SENTENCES


def mark_curves(engine: Engine, voice_id: str) -> dict[str, clauses.Curve]:
    """The voice's pauses at punctuation (clauses.measure) from the file; none for a voice
    calibrated at run time (its pace is then solved from letters alone)."""
    entry = _file().get("marks", {}).get(engine.sound_version, {}).get(voice_id, {})
    return {name: [(float(p), float(s)) for p, s in c] for name, c in entry.items()}


def _interpolate(points: list[tuple[float, float]], x: float) -> float:
    """y at `x` on the polyline through `points` (x, y), extended linearly past both ends."""
    points = sorted(points)
    if len(points) == 1:
        x0, y0 = points[0]
        return y0 * x / x0
    xs = [px for px, _ in points]
    i = min(max(bisect.bisect_left(xs, x), 1), len(points) - 1)
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def _wpm_at(curve: Curve, pace: float) -> float:
    """The calibrated WPM at `pace`."""
    return _interpolate(list(curve), pace)


def _as_spoken(engine: Engine, pace: float) -> float:
    """The pace the engine will really speak at. espeak takes a whole-number rate, so paces
    that round to one rate sound the same; naming them alike keeps their chunks' cache keys
    alike, and an article edited in one paragraph re-renders only that paragraph."""
    effective = getattr(engine, "effective_pace", None)
    return float(effective(pace)) if effective is not None else pace


def kept_pace(previous: float | None, solved: float) -> float:
    """The pace to speak at: `previous` (an earlier version's, read the same way) when it is
    within KEEP_PACE_TOLERANCE of `solved`, else `solved`."""
    if previous is None or previous <= 0 or solved <= 0:
        return solved
    return previous if abs(solved / previous - 1) <= KEEP_PACE_TOLERANCE else solved


def pace_and_tempo(
    engine: Engine,
    voice_id: str,
    speed: float,
    *,
    words: int,
    sentences: int,
    paragraphs: int,
    letters: int | None = None,
    phonemes: int | None = None,
    marks: Mapping[str, int] | None = None,
    previous: float | None = None,
) -> tuple[float, float]:
    """The engine pace at which this article, with our pauses, runs at 200*speed WPM, and the
    tempo filter the final file will then need (1.0: none).

    `letters` (alphanumeric characters of the script, optional): engines speak sounds, not
    words, so an article of short words comes out at more WPM than the calibration text at the
    same pace. Given the letter count, the speech takes as long per letter as the calibration
    text's did. `phonemes` (phonemes_of the script): the same per sound, which predicts better;
    used instead of letters where the engine can count them.

    `marks` (clauses.count of the script, optional): the pauses the engine makes at commas,
    colons, brackets and quotes take time the letters do not account for; with the voice's
    measured pause per mark, the pace is solved for the letters and the marks together (the
    calibration text's own marks taken out of its per-letter time).

    `previous` (optional): the pace an earlier version of this article was spoken at with this
    voice and speed; kept when close (kept_pace).

    The tempo is above 1 only where the engine cannot speak fast enough (espeak past its rate
    450, or an engine whose range a setting narrows): the speech at the engine's fastest pace,
    plus the pauses, squeezed into the target duration. The progressive stream applies it too,
    so it plays at the pace the final file will have and a player switching from one to the
    other keeps its place.
    """
    lo, hi = PACE_RANGE.get(engine.name, DEFAULT_PACE_RANGE)
    target_wpm = WPM_AT_1X * speed
    if words <= 0:
        return 1.0, 1.0
    sentence_ms, paragraph_ms = pauses(speed)
    paragraphs = max(1, min(paragraphs, sentences))
    pause_s = (
        max(0, sentences - paragraphs) * sentence_ms + (paragraphs - 1) * paragraph_ms
    ) / 1000
    total_s = words / target_wpm * 60
    # Pauses may take at most half the time; past that the engine just speaks as fast as it can.
    speech_s = max(total_s - pause_s, total_s / 2)
    spoken = _speech_model(engine, voice_id, words, (letters, phonemes), marks)
    wanted = _solve(spoken, speech_s, lo, hi)
    pace = kept_pace(previous, _as_spoken(engine, round(max(lo, min(hi, wanted)), 4)))
    tempo = 1.0
    if wanted > hi:
        tempo = round((spoken(pace) + pause_s) / total_s, 4)
    return pace, min(max(1.0, tempo), MAX_TEMPO)


def _speech_model(
    engine: Engine,
    voice_id: str,
    words: int,
    amounts: tuple[int | None, int | None],
    marks: Mapping[str, int] | None,
) -> Callable[[float], float]:
    """Seconds of speech (our pauses left out) this text takes at an engine pace, from its
    (letters, phonemes): by sounds where both the text's and the calibration text's are known,
    else by letters."""
    curve, basis = curve_for(engine, voice_id)
    pauses_at = mark_curves(engine, voice_id) if marks else {}
    basis_words = sum(map(words_of, basis))
    basis_marks = clauses.add(*map(clauses.count, basis))
    letters, phonemes = amounts
    basis_phonemes = _phonemes_of_basis(engine, voice_id, basis) if phonemes else None
    if phonemes and basis_phonemes:
        amount, basis_amount = phonemes, basis_phonemes
    else:
        basis_amount = sum(map(letters_of, basis))
        # Without a letter count: as many letters per word as the calibration text.
        amount = letters if letters is not None else round(words * basis_amount / basis_words)

    def seconds(p: float) -> float:
        basis_s = basis_words / _wpm_at(curve, p) * 60
        per_unit = (basis_s - clauses.seconds_at(pauses_at, basis_marks, p)) / basis_amount
        return amount * per_unit + clauses.seconds_at(pauses_at, marks or {}, p)

    return seconds


def _solve(seconds: Callable[[float], float], wanted_s: float, lo: float, hi: float) -> float:
    """The pace at which `seconds` (falling as the pace rises) gives `wanted_s`; past lo or hi,
    extrapolated from the end of the range (the caller clamps, and reads how far past hi)."""
    if seconds(hi) > wanted_s:
        return hi * seconds(hi) / wanted_s
    if seconds(lo) < wanted_s:
        return lo * seconds(lo) / wanted_s
    low, high = lo, hi
    for _ in range(40):  # to about 1e-12 of the range
        mid = (low + high) / 2
        if seconds(mid) > wanted_s:
            low = mid
        else:
            high = mid
    return (low + high) / 2
