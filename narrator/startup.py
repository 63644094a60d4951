"""What `narrator serve` tells a person once it is up: where to go, what is ready, how to stop.

    print(startup_message(settings, "http://127.0.0.1:8000", voices, worker_processes=2))

One short block on stdout instead of the worker's and the web server's start-up logs, which
are hidden unless --verbose (narrator.server). Credentials in URLs are never shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from narrator import __version__, errors
from narrator.config import Settings


class Voice(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def engine(self) -> str: ...


# The neural engine: installed with `narrator[neural]` (piper and its voice).
NEURAL_ENGINE = "piper"


def browser_url(host: str, port: int) -> str:
    """The address to open: a wildcard bind is reached at the loopback address."""
    if host in ("0.0.0.0", "", "::"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def hide_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname or ''}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def data_lines(settings: Settings) -> list[str]:
    where = settings.data_dir.resolve()
    if not (settings.database_url or settings.storage_url or settings.broker_url):
        return [f"{where} (database, queue and audio)"]
    lines = [f"{where}"]
    if settings.database_url:
        lines.append(f"database {hide_password(settings.database_url)}")
    if settings.storage_url:
        lines.append(f"audio    {hide_password(settings.storage_url)}")
    return lines


def voices_line(voices: Sequence[Voice], default: str) -> str:
    neural = [v.id for v in voices if v.engine == NEURAL_ENGINE]
    ready = f"{len(voices)} ready, default {default}"
    if neural:
        return f"{ready}; neural voice installed ({', '.join(neural)})"
    return f"{ready}; neural voice not installed (pip install 'narrator[neural]')"


def startup_message(
    settings: Settings,
    url: str,
    voices: Callable[[], tuple[Sequence[Voice], str]],
    worker_processes: int | None,
) -> str:
    """The block; `voices` returns (catalog, default id) and may raise a NarratorError."""
    try:
        found, default = voices()
        voice_text = voices_line(found, default)
    except errors.NarratorError as e:
        voice_text = f"not available: {e}"
    if worker_processes:
        worker = f"embedded, {worker_processes} processes (--verbose shows its log)"
    else:
        broker = hide_password(settings.broker_url or "")
        worker = f"none here: start `narrator worker` where {broker} is reachable"
    data = data_lines(settings)
    rows = [
        ("Home page", f"{url}/"),
        ("API docs", f"{url}/docs"),
        ("Data", data[0]),
        *(("", line) for line in data[1:]),
        ("Voices", voice_text),
        ("Worker", worker),
        ("Stop", "Ctrl-C"),
    ]
    body = "\n".join(f"  {label:<10} {value}" for label, value in rows)
    return f"\nNarrator {__version__} is running.\n{body}\n"
