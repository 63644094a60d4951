"""How far the solved engine pace misses 200 x speed WPM before any tempo filter, on real pages.

    .venv/bin/python -m bench.pace_error [--voice en-us] [--speeds 1,1.5,2] [--articles 20]

Each article (the true bodies of bench/data/pages, then bench/articles) is planned as the
pipeline plans it, rendered chunk by chunk, and its WPM measured over the joined audio, pauses
included. Three paces per article, in the same run: solved from letters alone (before
2026-12-02), from letters plus the engine's pauses at punctuation (narrator.speech.clauses), and
from the sounds the engine will say (pace.phonemes_of) plus those pauses (shipped).
The pipeline puts a file on its pace by scaling its pauses, as far as natural pauses go
(pipeline.fit_pauses), and time-stretches a rest that is still over 2% (pipeline.WPM_TOLERANCE):
the last counts are the narrations that still pay for a tempo pass, and how far from its pace
the worst of the others is.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
from pathlib import Path

from bench.batch import articles
from narrator import pipeline
from narrator.config import WPM_AT_1X
from narrator.speech import clauses, pace, voices
from narrator.speech.engine import Audio
from narrator.text.article import Script

HERE = Path(__file__).parent


# (punctuation pauses, sounds) of each way of solving the pace; the last is the pipeline's.
MODELS = {
    "letters only": (False, False),
    "letters + punctuation": (True, False),
    "sounds + punctuation": (True, True),
}


def error(script: Script, plan: pipeline.Plan) -> tuple[float, float]:
    """(Target WPM / measured WPM - 1: above 0, the audio runs long; the same once our pauses
    have taken what they can, pipeline.fit_pauses)."""
    chunks = [pipeline.render_chunk(script, plan, i) for i in range(len(plan.chunks))]
    audio, spans, _ = pipeline.join(chunks)
    fitted = pipeline.fit_pauses(script, plan, chunks, audio, spans)
    after = fitted.audio if fitted is not None else audio
    return _off(script, plan, audio), _off(script, plan, after)


def _off(script: Script, plan: pipeline.Plan, audio: Audio) -> float:
    return WPM_AT_1X * plan.speed / (script.words / (audio.duration_s / 60)) - 1


def solved(script: Script, plan: pipeline.Plan, *, marks: bool, phonemes: bool) -> pipeline.Plan:
    """The plan with its pace solved from letters or sounds, with or without punctuation."""
    engine = voices.get_engine(plan.engine)
    text = "\n".join(s.text for s in script.sentences)
    p, _ = pace.pace_and_tempo(
        engine,
        plan.voice,
        plan.speed,
        words=script.words,
        sentences=len(script.sentences),
        paragraphs=len({s.paragraph for s in script.sentences}),
        letters=sum(pace.letters_of(s.text) for s in script.sentences),
        phonemes=pace.phonemes_of(engine, plan.voice, text) if phonemes else None,
        marks=clauses.add(*(clauses.count(s.text) for s in script.sentences)) if marks else None,
    )
    return dataclasses.replace(plan, pace=p)


def summary(found: list[tuple[float, float]]) -> str:
    errors = [e for e, _ in found]
    over = sum(abs(e) > pipeline.WPM_TOLERANCE for e in errors)
    # What still takes a tempo filter: past 2% once the pauses have taken what they can.
    left = [r for _, r in found]
    stretched = sum(abs(r) > pipeline.WPM_TOLERANCE for r in left)
    kept = [abs(r) for r in left if abs(r) <= pipeline.WPM_TOLERANCE]
    return (
        f"median {statistics.median(errors):+.1%}, "
        f"mean |error| {statistics.mean(map(abs, errors)):.1%}, "
        f"range {min(errors):+.1%} to {max(errors):+.1%}, over 2%: {over} of {len(errors)}, "
        f"tempo filter after the pauses: {stretched}, "
        f"the others off by at most {max(kept, default=0.0):.2%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voice", default="en-us")
    parser.add_argument("--speeds", default="1,1.5,2")
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    texts = [text for _, text in articles(args.articles)]
    texts += [p.read_text() for p in sorted((HERE / "articles").glob("*.txt"))]
    print(f"{len(texts)} articles, voice {args.voice}")
    for speed in (float(s) for s in args.speeds.split(",")):
        found: dict[str, list[tuple[float, float]]] = {name: [] for name in MODELS}
        for text in texts:
            script = pipeline.prepare(pipeline.read(text.encode(), filename="a.txt"))
            plan = pipeline.plan(script, args.voice, speed)
            for name, (marks, phonemes) in MODELS.items():
                found[name].append(
                    error(script, solved(script, plan, marks=marks, phonemes=phonemes))
                )
        for name, errors in found.items():
            print(f"{speed}x {name:26s} {summary(errors)}")


if __name__ == "__main__":
    main()
