"""`narrator`: narrate|extract|script|voices|serve|worker. Errors: one line, no traceback."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from narrator import errors
from narrator.config import FORMATS, get_settings
from narrator.options import check_format, check_speed
from narrator.text.lexicon import Lexicon

EXIT_INPUT = 2  # the user can fix it
EXIT_SERVICE = 1  # our side or the environment


def _fail(message: str, code: int) -> NoReturn:
    print(f"narrator: error: {message}", file=sys.stderr)
    raise SystemExit(code)


def _read_input(name: str) -> tuple[bytes, str | None]:
    if name == "-":
        return sys.stdin.buffer.read(), None
    path = Path(name)
    if path.is_dir():
        raise errors.InputError(f"{name} is a directory; give an article file or - for stdin")
    try:
        return path.read_bytes(), path.name
    except FileNotFoundError:
        raise errors.InputError(f"no such file: {name}") from None
    except PermissionError:
        raise errors.InputError(f"cannot read {name}: permission denied") from None


def _lexicon(path: str | None) -> Lexicon | None:
    if not path:
        return None
    if not Path(path).is_file():
        raise errors.InputError(f"no such lexicon file: {path}")
    return Lexicon.load(path)


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    # Engines and libraries may print; stdout belongs to our output (--json) alone.
    with contextlib.redirect_stdout(sys.stderr):
        yield


def _progress(enabled: bool) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="chunk", desc="narrating", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


def cmd_narrate(args: argparse.Namespace) -> None:
    from narrator import pipeline

    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() or "mp3")
    if fmt == "opus":
        fmt = "ogg"
    if fmt not in FORMATS:
        fmt = args.format or "mp3"
    check_format(fmt)
    speed = check_speed(args.speed)
    data, filename = _read_input(args.input)
    with _quiet_stdout():
        article = pipeline.read(data, filename=filename)
        script = pipeline.prepare(article, _lexicon(args.lexicon))
        update, close = _progress(sys.stderr.isatty() and len(script.sentences) > 20)
        try:
            result = pipeline.narrate(
                script,
                Path(args.output),
                voice=args.voice or get_settings().default_voice,
                speed=speed,
                fmt=fmt,
                progress=update,
            )
        finally:
            close()
    if args.json:
        print(result.to_json())
    else:
        print(
            f"{result.audio}: {result.duration_s:.1f} s, {result.words} words, "
            f"{result.wpm:.0f} WPM ({result.voice}, {result.speed}x)"
        )


def cmd_extract(args: argparse.Namespace) -> None:
    from narrator import pipeline

    for name in args.inputs:
        data, filename = _read_input(name)
        article = pipeline.read(data, filename=filename)
        if args.json:
            print(
                json.dumps(
                    {
                        "title": article.title,
                        "author": article.author,
                        "place": article.place,
                        "language": article.language,
                        "paragraphs": article.paragraphs,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            if article.title:
                print(f"# {article.title}")
            if article.author or article.place:
                print(
                    ", in ".join(
                        x
                        for x in (
                            f"By {article.author}" if article.author else "",
                            article.place or "",
                        )
                        if x
                    )
                )
            print("\n\n".join(article.paragraphs))


def cmd_script(args: argparse.Namespace) -> None:
    from narrator import pipeline
    from narrator.text.script import script_lines

    lexicon = _lexicon(args.lexicon)
    if args.lines:
        if args.input not in (None, "-"):
            raise errors.InputError("--lines reads standard input; do not give a file")
        lines = sys.stdin.read().splitlines()
        _write_lines(sys.stdout, script_lines(lines, lexicon=lexicon))
        return
    if args.input is None:
        raise errors.InputError("give an article file, or - for standard input")
    data, filename = _read_input(args.input)
    script = pipeline.prepare(pipeline.read(data, filename=filename), lexicon)
    _write_lines(sys.stdout, [s.text for s in script.sentences])


def _write_lines(out: TextIO, lines: Sequence[str]) -> None:
    for line in lines:
        out.write(line.replace("\n", " ") + "\n")


def cmd_voices(args: argparse.Namespace) -> None:
    from narrator.speech.voices import list_voices

    with _quiet_stdout():
        voices = list_voices()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": v.id,
                        "name": v.name,
                        "language": v.language,
                        "gender": v.gender,
                        "engine": v.engine,
                    }
                    for v in voices
                ],
                ensure_ascii=False,
            )
        )
        return
    width = max(len(v.id) for v in voices)
    for v in voices:
        print(f"{v.id:<{width}}  {v.engine:<6}  {v.language:<8}  {v.gender or '-':<6}  {v.name}")


def cmd_serve(args: argparse.Namespace) -> None:
    from narrator import server

    settings = get_settings()
    if args.verbose:
        settings = settings.model_copy(update={"verbose": True})
    server.serve(settings, host=args.host, port=args.port)


def cmd_worker(args: argparse.Namespace) -> None:
    from narrator import supervisor

    queues = [q.strip() for q in args.queues.split(",") if q.strip()]
    settings = get_settings()
    if args.no_lane:
        settings = settings.model_copy(update={"worker_lane": False})
    supervisor.run_worker(settings, concurrency=args.concurrency, queues=queues)


def cmd_batch(args: argparse.Namespace) -> None:
    from narrator.batches import runner

    if args.local == bool(args.server):
        raise errors.InputError("give --server URL (narrate on a server) or --local -o DIR")
    if args.local and not args.output:
        raise errors.InputError("--local needs -o DIR, the folder to write the audio into")
    code = runner.run(args)
    if code:
        raise SystemExit(code)


# One example per command, shown by `narrator` and `narrator --help`.
EXAMPLES = """\
examples:
  narrator serve                                   then open http://127.0.0.1:8000
  narrator narrate article.html -o article.mp3 --voice en-us --speed 1.25
  narrator extract page.html --json                the article as it will be read
  narrator script article.md                       what the engine says, a sentence a line
  narrator voices                                  the installed voices
  narrator worker --concurrency 2                  with NARRATOR_BROKER_URL=redis://...
  narrator batch articles/ --server http://127.0.0.1:8000    a folder, NDJSON or zip

`narrator COMMAND --help` gives a command's options.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="narrator",
        description="Turn articles into narrated audio.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Not required: `narrator` alone prints the help (main), not a usage error.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "narrate", help="narrate an article (text, HTML or Markdown) to an audio file"
    )
    p.add_argument("input", help="article file, or - for standard input")
    p.add_argument("-o", "--output", required=True, help="audio file to write")
    p.add_argument(
        "--voice",
        help="voice id (see `narrator voices`); default: auto (piper Joe if installed, else en-us)",
    )
    p.add_argument("--speed", default="1.0", help="1.0 to 2.0; 1x = 200 WPM, 1.25x = 250 WPM")
    p.add_argument("--format", choices=FORMATS, help="mp3 (default), ogg (Opus) or wav")
    p.add_argument(
        "--lexicon", help="pronunciation lexicon file (word = respelling | [[phonemes]])"
    )
    p.add_argument(
        "--json", action="store_true", help="print one JSON object describing the result"
    )
    p.set_defaults(func=cmd_narrate)

    p = sub.add_parser("extract", help="print articles as they will be read")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, or - for stdin")
    p.add_argument("--json", action="store_true", help="one JSON object per input per line")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "script", help="print the exact text the engine receives, one sentence per line"
    )
    p.add_argument("input", nargs="?", help="article file, or - for standard input")
    p.add_argument(
        "--lines",
        action="store_true",
        help="each stdin line is its own text; one line out per line in",
    )
    p.add_argument("--lexicon", help="pronunciation lexicon file")
    p.set_defaults(func=cmd_script)

    p = sub.add_parser("voices", help="list every installed voice")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_voices)

    p = sub.add_parser(
        "serve", help="serve the API (embedded broker and worker unless NARRATOR_BROKER_URL is set)"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--verbose",
        action="store_true",
        help="also show the worker's Celery banner and logs and every request (NARRATOR_VERBOSE)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run a Celery worker (needs NARRATOR_BROKER_URL)")
    p.add_argument(
        "--concurrency", type=int, default=None, help="worker processes (default: CPU count)"
    )
    p.add_argument(
        "--queues",
        default="interactive,batch",
        help="comma-separated queues to consume (interactive includes live; `--queues live "
        "--concurrency 1`: a lane for listeners' first seconds)",
    )
    p.add_argument(
        "--no-lane",
        action="store_true",
        help="with batch and interactive queues, do not keep one more process for listeners' "
        "work alone (NARRATOR_WORKER_LANE=false)",
    )
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser(
        "batch",
        help="narrate a folder of .txt/.html/.md files, an NDJSON file or a zip (resumable)",
        description="Upload to a server and follow it (--server), or narrate here on every "
        "core (--local -o DIR). Interrupt and run it again: nothing is narrated twice. Exit 0 "
        "when every item is ready; 1 when some failed (listed with reasons); 2 for bad input.",
    )
    p.add_argument("path", help="a folder (recursive), an .ndjson/.jsonl file or a .zip")
    p.add_argument("--server", help="the API's base URL, e.g. http://127.0.0.1:8000")
    p.add_argument("--local", action="store_true", help="narrate here, without a server")
    p.add_argument("-o", "--output", help="--local: the folder to write audio and captions to")
    p.add_argument("--voice", help="voice id (default: the server's or auto)")
    p.add_argument("--speed", type=float, help="1.0 to 2.0; 1x = 200 WPM")
    p.add_argument("--format", choices=FORMATS, help="mp3 (default), ogg or wav")
    p.add_argument("--api-key", help="with --server: a key when the server requires one")
    p.add_argument("--processes", type=int, help="--local: pool size (default: every core)")
    p.add_argument(
        "--json",
        action="store_true",
        help="print, last, one JSON object: batch_id, total, ready, failed, audio_seconds, "
        "wall_seconds",
    )
    p.set_defaults(func=cmd_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return
    try:
        args.func(args)
    except errors.InputError as e:
        _fail(str(e), EXIT_INPUT)
    except errors.NarratorError as e:
        _fail(str(e), EXIT_SERVICE)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        # `narrator script x | head` closes our stdout early: not an error.
        sys.stderr.close()
        raise SystemExit(0) from None


if __name__ == "__main__":
    main()
