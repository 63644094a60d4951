"""`narrator batch`: the command's flow for both modes, its output and its exit code.

Exit 0 when every item is ready; 1 when any failed or was canceled (each listed, with its
reason, on stderr); input errors (a path that is not a batch, a batch the server refuses)
raise InputError, which the CLI turns into exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from narrator.batches import client as remote
from narrator.batches import files, intake
from narrator.batches.client import Outcome
from narrator.config import get_settings
from narrator.options import check_format, check_speed

EXIT_OK = 0
EXIT_FAILED_ITEMS = 1


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    upload = files.read_path(Path(args.path))
    live = err.isatty()
    if args.local:
        outcome = _local(args, upload, err, live)
    else:
        options = {"voice": args.voice, "speed": args.speed, "format": args.format}
        client = remote.Client(args.server, api_key=args.api_key)
        outcome = remote.run(client, upload, options, live=live, err=err)
    for f in outcome.failed:
        err.write(f"failed: {f['item']}: {f['reason']}\n")
    err.write(
        f"{outcome.ready} of {outcome.total} ready, {len(outcome.failed)} failed, "
        f"{outcome.audio_seconds / 60:.1f} min of audio in {outcome.wall_seconds:.1f} s\n"
    )
    if args.json:
        out.write(outcome.to_json() + "\n")
        out.flush()
    return EXIT_OK if outcome.ready == outcome.total else EXIT_FAILED_ITEMS


def _local(args: argparse.Namespace, upload: files.Upload, err: TextIO, live: bool) -> Outcome:
    from narrator.batches import local

    settings = get_settings()
    fmt = check_format(args.format or settings.default_format)
    speed = check_speed(1.0 if args.speed is None else args.speed)
    voice = args.voice or settings.default_voice
    items = upload.items(intake.Limits.of(settings))
    last = [""]

    def report(done: int, failed: int, total: int, audio_s: float) -> None:
        line = f"{done + failed}/{total} done ({done} ready, {failed} failed), "
        line += f"{audio_s / 60:.1f} min of audio"
        if live:
            err.write(f"\r{line}\x1b[K")
        elif line != last[0]:
            err.write(line + "\n")
        last[0] = line
        err.flush()

    outcome = local.run(
        items,
        Path(args.output),
        voice=voice,
        speed=speed,
        fmt=fmt,
        processes=args.processes,
        report=report,
    )
    if live:
        err.write("\n")
    return outcome
