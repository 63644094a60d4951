"""What `narrator serve` prints once it is up (narrator.startup), and how its worker is quiet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrator import errors
from narrator.config import Settings
from narrator.startup import browser_url, hide_password, startup_message
from narrator.supervisor import ROOT_WARNING_FILTER, WorkerProcess


@dataclass
class V:
    id: str
    engine: str


VOICES = [V("piper/en_US-joe-medium", "piper"), V("en-us", "espeak"), V("fr-fr", "espeak")]


def test_the_block_says_where_to_go_and_what_is_ready(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    text = startup_message(
        settings, "http://127.0.0.1:8000", lambda: (VOICES, "piper/en_US-joe-medium"), 2
    )
    assert "Home page  http://127.0.0.1:8000/\n" in text
    assert "API docs   http://127.0.0.1:8000/docs\n" in text
    assert f"Data       {tmp_path.resolve()} (database, queue and audio)" in text
    assert "3 ready, default piper/en_US-joe-medium; neural voice installed" in text
    assert "embedded, 2 processes" in text and "Ctrl-C" in text
    assert len(text.strip().splitlines()) == 7


def test_without_the_neural_voice_it_says_how_to_install_it(tmp_path: Path) -> None:
    text = startup_message(
        Settings(data_dir=tmp_path), "http://h:1", lambda: (VOICES[1:], "en-us"), 1
    )
    assert "neural voice not installed (pip install 'narrator[neural]')" in text


def test_voices_unavailable_and_an_external_worker(tmp_path: Path) -> None:
    def broken() -> tuple[list[V], str]:
        raise errors.EngineError("could not list the installed voices: boom")

    settings = Settings(
        data_dir=tmp_path,
        broker_url="redis://:secret@redis:6379/0",
        database_url="postgresql+psycopg2://narrator:pw@db/narrator",
    )
    text = startup_message(settings, "http://h:1", broken, None)
    assert "Voices     not available: could not list the installed voices: boom" in text
    assert "narrator worker" in text and "redis://:***@redis:6379/0" in text
    assert "postgresql+psycopg2://narrator:***@db/narrator" in text
    assert "secret" not in text and ":pw@" not in text


def test_browser_url_and_hidden_passwords() -> None:
    assert browser_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert browser_url("::1", 80) == "http://[::1]:80"
    assert browser_url("example.org", 8080) == "http://example.org:8080"
    assert hide_password("s3://bucket/prefix") == "s3://bucket/prefix"


def test_embedded_worker_is_quiet_unless_verbose(tmp_path: Path) -> None:
    quiet = WorkerProcess(Settings(data_dir=tmp_path))
    assert "--quiet" in quiet.argv and "--loglevel=WARNING" in quiet.argv
    assert quiet.argv.index("--quiet") < quiet.argv.index("worker")  # a celery option
    assert ROOT_WARNING_FILTER in quiet.env["PYTHONWARNINGS"]
    loud = WorkerProcess(Settings(data_dir=tmp_path, verbose=True))
    assert "--quiet" not in loud.argv and "--loglevel=INFO" in loud.argv
    assert ROOT_WARNING_FILTER not in loud.env.get("PYTHONWARNINGS", "")


def test_the_root_warning_filter_matches_celerys_message() -> None:
    import warnings

    from celery.exceptions import SecurityWarning
    from celery.platforms import ROOT_DISCOURAGED

    action, message = ROOT_WARNING_FILTER.split(":", 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings(action, message)  # type: ignore[arg-type]
        root = ROOT_DISCOURAGED.format(uid=0, euid=0, gid=0, egid=0)
        warnings.warn(SecurityWarning(root), stacklevel=1)
    assert caught == []
