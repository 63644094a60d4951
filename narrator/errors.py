"""The domain error tree. Every error a user can cause is a NarratorError.

    NarratorError
    ├── InputError                  the user sent something we cannot use (HTTP 4xx, CLI exit 2)
    │   ├── EmptyArticle            nothing readable after extraction
    │   ├── BinaryInput             bytes that are not text/HTML/Markdown
    │   ├── InputTooLarge           over the documented size limit
    │   ├── UnknownVoice            voice id not installed (carries close matches)
    │   ├── InvalidSpeed            not a number in 1.0..2.0
    │   ├── UnknownFormat           not mp3|ogg|wav
    │   ├── LexiconError            a pronunciation lexicon that cannot be parsed
    │   └── InvalidUrl              a URL we will not fetch or post to (not http/https, private)
    ├── NotFound                    an id that does not exist (HTTP 404)
    ├── Conflict                    it exists already (HTTP 409)
    ├── PreconditionFailed          changed since the version the client named (HTTP 412)
    ├── FeedError                   a feed or page that could not be fetched or read (recorded
    │                               on its source, which is polled again; never an HTTP answer)
    ├── Unauthorized                missing or wrong API key (HTTP 401)
    └── ServiceError                our fault or the environment's (HTTP 5xx, CLI exit 1)
        ├── Busy                    every worker slot is needed by listeners playing (retry_after)
        ├── EngineError             a speech engine failed or timed out
        ├── AudioError              ffmpeg/encoding failed
        └── StorageError            files or object storage failed

Mapped to HTTP in narrator/api/errors.py only; the CLI prints `str(error)` as one line.
"""

from __future__ import annotations

from collections.abc import Sequence


class NarratorError(Exception):
    """Base class: the message is written for the person who will read it."""


class InputError(NarratorError):
    pass


class EmptyArticle(InputError):
    pass


class BinaryInput(InputError):
    pass


class InputTooLarge(InputError):
    pass


class UnknownVoice(InputError):
    def __init__(self, voice: str, suggestions: Sequence[str] = ()) -> None:
        self.voice = voice
        self.suggestions = list(suggestions)
        hint = f"; closest: {', '.join(self.suggestions)}" if self.suggestions else ""
        super().__init__(f"unknown voice {voice!r}{hint} (list them with `narrator voices`)")


class InvalidSpeed(InputError):
    pass


class UnknownFormat(InputError):
    pass


class LexiconError(InputError):
    """`problems`: (line or entry number from 1, what is wrong), every one found, in order."""

    def __init__(
        self, message: str, problems: Sequence[tuple[int, str]] = (), unit: str = "line"
    ) -> None:
        super().__init__(message)
        self.problems = list(problems)
        self.unit = unit  # what the numbers count: "line" of a file, "entry" of a JSON list

    @classmethod
    def of(cls, name: str, problems: Sequence[tuple[int, str]], unit: str = "line") -> LexiconError:
        first = "; ".join(f"{name} {unit} {n}: {why}" for n, why in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        return cls(first + more, problems, unit)


class InvalidUrl(InputError):
    pass


class NotFound(NarratorError):
    pass


class Conflict(NarratorError):
    pass


class PreconditionFailed(NarratorError):
    pass


class FeedError(NarratorError):
    pass


class Unauthorized(NarratorError):
    pass


class ServiceError(NarratorError):
    pass


class Busy(ServiceError):
    """More listeners than the workers can keep ahead of: ask again in `retry_after` seconds;
    the stream is expected to start in about `starts_in` (>= retry_after)."""

    def __init__(self, message: str, *, retry_after: int, starts_in: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.starts_in = max(starts_in or retry_after, retry_after)


class EngineError(ServiceError):
    pass


class AudioError(ServiceError):
    pass


class StorageError(ServiceError):
    pass
