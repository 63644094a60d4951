"""The service's option checks, apart from HTTP (the routes' tests cover the rest)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from narrator import contract, errors, service
from narrator.config import Settings


@dataclass(frozen=True)
class Found:
    id: str
    engine: str = "espeak"
    engine_version: str = "e1"


class Voices:
    def resolve(self, voice_id: str) -> Found:
        return Found(voice_id.lower())


SETTINGS = Settings(default_voice="en-us", default_format="ogg")


def test_defaults_come_from_settings() -> None:
    opts = service.render_settings(SETTINGS, Voices(), service.RenderRequest())
    assert (opts.voice, opts.speed, opts.format, opts.queue) == (
        "en-us",
        1.0,
        "ogg",
        contract.INTERACTIVE,
    )


def test_options_are_checked() -> None:
    request = service.RenderRequest(voice="EN-GB", speed=1.5, format="mp3", queue=contract.BATCH)
    opts = service.render_settings(SETTINGS, Voices(), request)
    assert (opts.voice, opts.speed, opts.format, opts.queue) == ("en-gb", 1.5, "mp3", "batch")
    for bad in (
        service.RenderRequest(queue="urgent"),
        service.RenderRequest(speed=3.0),
        service.RenderRequest(format="flac"),
    ):
        with pytest.raises(errors.InputError):
            service.render_settings(SETTINGS, Voices(), bad)


def test_a_submission_is_the_article_and_how_to_read_it() -> None:
    sub = service.Submission(data="Hello.")
    assert sub.render == service.RenderRequest() and sub.kind is None
    parsed, kind = service.parse_article(
        service.Submission(data="x", title="Given"), "# Found\n\nBody text here."
    )
    assert (parsed.title, kind) == ("Given", "markdown")
