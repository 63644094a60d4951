"""Measure speech-only WPM against engine pace for each English voice; write calibration.json.

    .venv/bin/python bench/calibrate.py            # all voices below
    .venv/bin/python bench/calibrate.py en-us      # only some (others in the file are kept)

Sentences are spoken one at a time and trimmed with narrator.audio.pcm.trim, as the pipeline
does; words are the whitespace-separated words of the text. Prints pace -> WPM per voice, and
the pause each class of punctuation mark adds at that pace (narrator.speech.clauses).
"""

from __future__ import annotations

import json
import sys
import time

from narrator.speech import clauses, pace, piper, voices

ESPEAK_VOICES = ("en-us", "en-gb", "en-us+f3", "en-us+m3", "en-gb+f3", "en-gb-x-rp", "en-029")
ESPEAK_PACES = (0.6, 0.8, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 450 / 175)
PIPER_PACES = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, pace.PACE_RANGE["piper"][1])


def main(argv: list[str]) -> int:
    wanted = list(ESPEAK_VOICES)
    if piper.available():
        wanted.append(piper.VOICE_ID)
    if argv:
        wanted = [v for v in wanted if v in argv]
    try:
        data = json.loads(pace.CALIBRATION_FILE.read_text())
    except FileNotFoundError:
        data = {}
    sentences = pace.CALIBRATION_SENTENCES
    words = sum(pace.words_of(s) for s in sentences)
    data["text_words"] = words
    data["method"] = "speech-only WPM, sentences synthesized one by one, pcm.trim, no pauses"
    curves = data.setdefault("curves", {})
    marks = data.setdefault("marks", {})
    print(f"calibration text: {words} words, {len(sentences)} sentences")
    for voice_id in wanted:
        v = voices.resolve_voice(voice_id)
        engine = voices.get_engine(v.engine)
        paces = PIPER_PACES if v.engine == "piper" else ESPEAK_PACES
        started = time.perf_counter()
        curve = pace.measure(engine, v.id, paces, sentences)
        elapsed = time.perf_counter() - started
        audio_s = sum(words / wpm * 60 for _, wpm in curve)
        curves.setdefault(engine.sound_version, {})[v.id] = [[round(p, 4), w] for p, w in curve]
        pauses = clauses.measure(engine, v.id, paces)
        marks.setdefault(engine.sound_version, {})[v.id] = {
            name: [[round(p, 4), s] for p, s in c] for name, c in pauses.items()
        }
        print(f"\n{v.id} ({engine.sound_version}), {audio_s / elapsed:.0f}x real time")
        print("  pace    speech WPM  " + "  ".join(f"{n:>7}" for n in pauses))
        for i, (p, w) in enumerate(curve):
            per_mark = "  ".join(f"{c[i][1]:7.3f}" for c in pauses.values())
            print(f"  {p:5.3f}  {w:10.1f}  {per_mark}")
    pace.CALIBRATION_FILE.write_text(json.dumps(data, indent=1) + "\n")
    print(f"\nwrote {pace.CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
