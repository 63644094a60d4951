"""How far the solved engine pace misses 200 x speed WPM before any tempo filter, on real pages.

    .venv/bin/python -m bench.pace_error [--voice en-us] [--speeds 1,1.5,2] [--articles 20]

Each article (the true bodies of bench/data/pages, then bench/articles) is planned as the
pipeline plans it, rendered chunk by chunk, and its WPM measured over the joined audio, pauses
included. Two paces per article, in the same run: solved from letters alone (as before
narrator.speech.clauses), and from letters plus the engine's pauses at punctuation (shipped).
The pipeline leaves a file within 2% as it is and time-stretches the rest (pipeline.
WPM_TOLERANCE): the share over 2% is the share of narrations that pay for a tempo pass.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
from pathlib import Path

from bench.batch import articles
from narrator import pipeline
from narrator.config import WPM_AT_1X
from narrator.speech import pace, voices
from narrator.text.article import Script

HERE = Path(__file__).parent


def error(script: Script, plan: pipeline.Plan) -> float:
    """Target WPM / measured WPM - 1: above 0, the audio runs long."""
    seconds = sum(
        pipeline.render_chunk(script, plan, i).audio.duration_s for i in range(len(plan.chunks))
    )
    return WPM_AT_1X * plan.speed / (script.words / (seconds / 60)) - 1


def letters_only(script: Script, plan: pipeline.Plan) -> pipeline.Plan:
    """The plan with its pace solved as before the punctuation pauses were counted."""
    paragraphs = len({s.paragraph for s in script.sentences})
    p, _ = pace.pace_and_tempo(
        voices.get_engine(plan.engine),
        plan.voice,
        plan.speed,
        words=script.words,
        sentences=len(script.sentences),
        paragraphs=paragraphs,
        letters=sum(pace.letters_of(s.text) for s in script.sentences),
    )
    return dataclasses.replace(plan, pace=p)


def summary(errors: list[float]) -> str:
    over = sum(abs(e) > pipeline.WPM_TOLERANCE for e in errors)
    return (
        f"median {statistics.median(errors):+.1%}, "
        f"mean |error| {statistics.mean(map(abs, errors)):.1%}, "
        f"range {min(errors):+.1%} to {max(errors):+.1%}, over 2%: {over} of {len(errors)}"
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
        before, after = [], []
        for text in texts:
            script = pipeline.prepare(pipeline.read(text.encode(), filename="a.txt"))
            plan = pipeline.plan(script, args.voice, speed)
            after.append(error(script, plan))
            before.append(error(script, letters_only(script, plan)))
        print(f"{speed}x letters only:        {summary(before)}")
        print(f"{speed}x letters + marks:     {summary(after)}")


if __name__ == "__main__":
    main()
