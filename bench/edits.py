"""One-word edits of the bench articles: chunks synthesized again per edit, and the final pace.

    .venv/bin/python bench/edits.py [--voice en-us] [--speed 1.0] [--edits 10] [--no-audio]

Each article (bench/articles) is planned as the worker plans it, then edited `--edits` times
(seeded: one word of its body replaced by another word of the article, a word inserted, or one
deleted, in turn) and planned again two
ways: solved afresh (before: the pace of the edited text alone) and with the original's plan as
`earlier` (after: the original's pace kept when close, pace.kept_pace). A chunk is synthesized
again when its cache key is not among the original's. With audio, every version is rendered
(chunks shared through an in-memory cache, as the chunk cache shares them) and assembled, and
the final file's WPM is compared with 200 x speed; "raw" is the error before the tempo filter.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from narrator import chunks, pipeline
from narrator.config import WPM_AT_1X
from narrator.text.article import Script

HERE = Path(__file__).parent
WORD = re.compile(r"[A-Za-z]{3,}")


def one_word_edits(text: str, count: int, seed: int) -> list[str]:
    """`count` versions of `text`, each with one word of its body (past the title and byline
    lines) replaced by another word of the article, one inserted, or one deleted, in turn."""
    rng = random.Random(seed)
    body_at = len("\n".join(text.split("\n")[:2]))
    spots = [m for m in WORD.finditer(text) if m.start() > body_at]
    vocabulary = sorted({m.group() for m in spots})
    edits = []
    for n, m in enumerate(rng.sample(spots, count)):
        other = rng.choice([w for w in vocabulary if w.lower() != m.group().lower()])
        new = (other, f"{other} {m.group()}", "")[n % 3]
        head, tail = text[: m.start()], text[m.end() :]
        if not new:
            head = head.rstrip(" ")  # the word and the space before it
        edits.append(head + new + tail)
    return edits


def plan_of(script: Script, voice: str, speed: float, earlier: pipeline.Plan | None = None):
    return chunks.first_chunk_alone(pipeline.plan(script, voice, speed, earlier=earlier))


def keys(script: Script, plan: pipeline.Plan) -> list[str]:
    return [chunks.chunk_key(script, plan, i) for i in range(len(plan.chunks))]


@dataclass
class Final:
    raw: float  # WPM error before the tempo filter
    final: float  # WPM error of the file
    tempo: float


class Renderer:
    """Renders and assembles versions, each chunk once (the chunk cache in memory)."""

    def __init__(self, out: Path) -> None:
        self.cache: dict[str, pipeline.Chunk] = {}
        self.out = out

    def final(self, script: Script, plan: pipeline.Plan) -> Final:
        rendered = []
        for i, key in enumerate(keys(script, plan)):
            if key not in self.cache:
                self.cache[key] = pipeline.render_chunk(script, plan, i)
            rendered.append(self.cache[key])
        target = WPM_AT_1X * plan.speed
        raw_s = sum(c.audio.duration_s for c in rendered)
        result = pipeline.assemble(script, plan, rendered, self.out / "a.wav", "wav")
        return Final(
            raw=script.words / (raw_s / 60) / target - 1,
            final=script.words / (result.duration_s / 60) / target - 1,
            tempo=result.tempo,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--voice", default="en-us")
    ap.add_argument("--speed", type=float, default=1.0)
    ap.add_argument("--edits", type=int, default=10, help="per article")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-audio", action="store_true", help="chunk counts only")
    args = ap.parse_args()
    files = sorted((HERE / "articles").glob("*.txt"))
    rows: dict[str, list[float]] = {k: [] for k in ("before", "after", "total")}
    same = {"before": 0, "after": 0}
    errors: dict[str, list[Final]] = {"before": [], "after": []}
    pace_moves: list[float] = []
    with tempfile.TemporaryDirectory(prefix="narrator-edits-") as tmp:
        for n, f in enumerate(files):
            text = f.read_text()
            renderer = Renderer(Path(tmp))
            original = pipeline.prepare(pipeline.read(text.encode(), filename=f.name))
            first = plan_of(original, args.voice, args.speed)
            if not args.no_audio:
                renderer.final(original, first)
            known = set(keys(original, first))
            counts = {"before": [], "after": []}
            for edited_text in one_word_edits(text, args.edits, args.seed + n):
                edited = pipeline.prepare(pipeline.read(edited_text.encode(), filename=f.name))
                fresh = plan_of(edited, args.voice, args.speed)
                kept = plan_of(edited, args.voice, args.speed, earlier=first)
                pace_moves.append(abs(fresh.pace / first.pace - 1))
                for label, plan in (("before", fresh), ("after", kept)):
                    again = sum(k not in known for k in keys(edited, plan))
                    counts[label].append(again)
                    rows[label].append(again)
                    same[label] += plan.pace == first.pace
                    if not args.no_audio:
                        errors[label].append(renderer.final(edited, plan))
                rows["total"].append(len(kept.chunks))
            print(
                f"{f.name:34} {len(first.chunks):3d} chunks, pace {first.pace:.4f}; "
                f"re-rendered per edit before {counts['before']} after {counts['after']}"
            )
    edits = len(rows["total"])
    print(
        f"\n{args.voice} at {args.speed:g}x, {edits} one-word edits of {len(files)} articles "
        f"({statistics.mean(rows['total']):.1f} chunks each)"
    )
    print(
        f"solved pace moved: median {statistics.median(pace_moves):.2%}, max {max(pace_moves):.2%}"
    )
    for label in ("before", "after"):
        line = (
            f"{label:6}: re-rendered {statistics.mean(rows[label]):.2f} chunks per edit "
            f"(max {max(rows[label]):.0f}); pace unchanged in {same[label]} of {edits}"
        )
        if errors[label]:
            raw = [abs(e.raw) for e in errors[label]]
            final = [abs(e.final) for e in errors[label]]
            filtered = [e for e in errors[label] if e.tempo != 1.0]
            line += (
                f"\n        raw WPM error median {statistics.median(raw):.2%} max {max(raw):.2%}; "
                f"final WPM error median {statistics.median(final):.2%} max {max(final):.2%}; "
                f"tempo filter in {len(filtered)} of {edits}"
            )
            if filtered:
                worst = max(abs(e.final) for e in filtered)
                factors = [abs(e.tempo - 1) for e in filtered]
                line += f" (to {worst:.2%} at worst; factor at most 1 +/- {max(factors):.2%})"
        print(line)


if __name__ == "__main__":
    main()
