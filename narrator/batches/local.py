"""`narrator batch PATH --local -o DIR`: narrate a batch on every core, without a server.

Each item is narrated by narrator.pipeline in a pool process (spawned: an engine is never
shared across a fork) and written beside the others as DIR/<name>.<format>, <name>.timings.json
and <name>.vtt. The manifest DIR/narrator-batch.json records every item finished, with the hash
of what was narrated and how; a re-run skips those, so an interrupted run resumes where it
stopped. Files are written under a temporary name and renamed once whole, so a killed run
leaves no half-written audio under a final name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrator import errors
from narrator.batches.client import Outcome
from narrator.batches.files import item_label
from narrator.batches.intake import Item

MANIFEST = "narrator-batch.json"
_PARTIAL = ".partial-"
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Job:
    index: int
    label: str
    base: str  # output path without the suffix
    digest: str
    data: str
    kind: str | None
    title: str | None
    author: str | None
    voice: str
    speed: float
    fmt: str


def output_name(item: Item, index: int) -> str:
    """A relative path under DIR for the item: its file's path, else its external_id."""
    if item.name and item.name.startswith("line "):  # NDJSON: the publisher's id, if any
        raw = item.external_id or item.name
    else:
        raw = item.name or item.external_id or f"item-{index}"
    parts = [_UNSAFE.sub("_", p).strip("._") for p in raw.replace("\\", "/").split("/")]
    parts = [p for p in parts if p and p != ".."] or [f"item-{index}"]
    parts[-1] = re.sub(r"\.(html?|md|markdown|txt)$", "", parts[-1], flags=re.I) or f"item-{index}"
    return "/".join(parts)


def digest(item: Item, voice: str, speed: float, fmt: str) -> str:
    h = hashlib.sha256()
    for part in (item.kind, item.data, item.title, item.author, voice, str(speed), fmt):
        h.update((part or "").encode("utf-8") + b"\0")
    return h.hexdigest()


def _load_manifest(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _save_manifest(path: Path, manifest: dict[str, Any]) -> None:
    tmp = path.with_name(f"{path.name}{_PARTIAL}{os.getpid()}")
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def _sweep_partials(out: Path) -> None:
    for leftover in out.rglob(f"*{_PARTIAL}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _ignore_sigint() -> None:
    # Ctrl-C is the parent's to handle: it terminates the pool and records what finished.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def narrate_job(job: Job) -> dict[str, Any]:
    """In a pool process: the item narrated to a temporary name, then renamed beside the rest."""
    from narrator import pipeline

    final = Path(f"{job.base}.{job.fmt}")
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f"{final.stem}{_PARTIAL}{os.getpid()}.{job.fmt}")
    try:
        article = pipeline.read(
            job.data.encode("utf-8"), kind=job.kind, title=job.title, author=job.author
        )
        script = pipeline.prepare(article)
        result = pipeline.narrate(script, tmp, voice=job.voice, speed=job.speed, fmt=job.fmt)
    except errors.NarratorError as e:
        return {"index": job.index, "error": str(e)}
    except Exception as e:  # one article's bug must not end the run
        return {"index": job.index, "error": f"internal error while narrating ({e!r})"}
    for made, suffix in ((result.timings, ".timings.json"), (result.captions, ".vtt")):
        Path(made).replace(Path(job.base + suffix))
    tmp.replace(final)
    return {
        "index": job.index,
        "audio": str(final),
        "duration_s": result.duration_s,
        "digest": job.digest,
    }


def jobs(items: list[Item], out: Path, voice: str, speed: float, fmt: str) -> list[Job]:
    made = []
    used: set[str] = set()
    for i, item in enumerate(items):
        name = output_name(item, i)
        if name in used:  # two items that would write the same files
            name = f"{name}-{i}"
        used.add(name)
        made.append(
            Job(
                index=i,
                label=item_label(item.name, item.external_id, i),
                base=str(out / name),
                digest=digest(item, voice, speed, fmt),
                data=item.data or "",
                kind=item.kind,
                title=item.title,
                author=item.author,
                voice=voice,
                speed=speed,
                fmt=fmt,
            )
        )
    return made


def run(
    items: list[Item],
    out: Path,
    *,
    voice: str,
    speed: float,
    fmt: str,
    processes: int | None = None,
    report: Callable[[int, int, int, float], None] | None = None,
) -> Outcome:
    """Narrate what is not done yet; report(done, failed, total, audio_s) after each item."""
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    _sweep_partials(out)
    manifest_path = out / MANIFEST
    manifest = _load_manifest(manifest_path)
    all_jobs = jobs(items, out, voice, speed, fmt)
    failed = [
        {"item": all_jobs[i].label, "reason": it.error} for i, it in enumerate(items) if it.error
    ]
    done: dict[str, float] = {}
    todo = []
    for job, item in zip(all_jobs, items, strict=True):
        seen = manifest.get(job.label)
        if item.error is not None:
            continue
        if seen and seen.get("digest") == job.digest and Path(seen.get("audio", "")).is_file():
            done[job.label] = float(seen.get("duration_s") or 0.0)
        else:
            todo.append(job)
    total = len(items)

    def tick() -> None:
        if report:
            report(len(done), len(failed), total, sum(done.values()))

    tick()
    for result in _pool_map(todo, processes):
        job = all_jobs[result["index"]]
        if "error" in result:
            failed.append({"item": job.label, "reason": result["error"]})
        else:
            done[job.label] = result["duration_s"]
            manifest[job.label] = {k: result[k] for k in ("audio", "duration_s", "digest")}
            _save_manifest(manifest_path, manifest)
        tick()
    return Outcome(
        batch_id=str(out),
        total=total,
        ready=len(done),
        failed=failed,
        audio_seconds=sum(done.values()),
        wall_seconds=time.monotonic() - started,
    )


def _pool_map(todo: list[Job], processes: int | None) -> Iterator[dict[str, Any]]:
    if not todo:
        return
    n = max(1, min(processes or os.cpu_count() or 1, len(todo)))
    # One synthesis thread per process: the processes already fill the cores.
    os.environ.setdefault("NARRATOR_ENGINE_THREADS", "1")
    pool = multiprocessing.get_context("spawn").Pool(n, initializer=_ignore_sigint)
    try:
        yield from pool.imap_unordered(narrate_job, todo)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
