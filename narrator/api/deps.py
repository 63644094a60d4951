"""Dependencies: what a route needs, built once at start-up and found on app.state.

Those that only read the request and app.state are coroutines: FastAPI runs a plain function
dependency in its thread pool, one hop each, and those hops were a third of what a polled
status answer cost the API (2.07 -> 1.37 CPU-ms). What reads the database (NarrationDep)
stays a function.

SettingsDep, DbDep, StorageDep, VoicesDep   what create_app put on app.state (settings_of, ...)
ServicesDep       what narrator.service needs to submit work, the task sender included
LinksDep          absolute (and, with a signing key, signed) links to a narration's files
Writer            (dependency) Authorization: Bearer <key> when API keys are configured
OwnerDep          whose is what a request creates or reads (webhooks, lexicon): a digest of
                  its API key when keys are on (repo.owner_of), "" otherwise
NarrationDep      the narration named in the path, or 404 (load-or-abort, once)
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request

from narrator import errors, service
from narrator.api import signing
from narrator.api.errors import Forbidden
from narrator.api.voice_catalog import VoiceCatalog
from narrator.config import Settings
from narrator.store import repo
from narrator.store.db import Database
from narrator.store.files import Storage
from narrator.store.models import Narration
from narrator.store.repo.sources import SOURCE_ID

NARRATION_ID = re.compile(r"^nar_[a-z0-9]{16}$")
ARTICLE_ID = re.compile(r"^art_[a-z0-9]{16}$")
BATCH_ID = re.compile(r"^bat_[a-z0-9]{16}$")
WEBHOOK_ID = re.compile(r"^whk_[a-z0-9]{16}$")


def _from_state(name: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency returning app.state.<name>, which create_app built once."""

    async def get(request: Request) -> Any:
        return getattr(request.app.state, name)

    get.__name__ = f"{name}_of"
    return get


settings_of: Callable[[Request], Awaitable[Settings]] = _from_state("settings")
db_of: Callable[[Request], Awaitable[Database]] = _from_state("db")
storage_of: Callable[[Request], Awaitable[Storage]] = _from_state("storage")
voices_of: Callable[[Request], Awaitable[VoiceCatalog]] = _from_state("voices")


async def services_of(request: Request) -> service.Services:
    """The service's collaborators, as create_app put them on app.state."""
    state = request.app.state
    return service.Services(
        db=state.db, settings=state.settings, voices=state.voices, send_task=state.send_task
    )


SettingsDep = Annotated[Settings, Depends(settings_of)]
DbDep = Annotated[Database, Depends(db_of)]
StorageDep = Annotated[Storage, Depends(storage_of)]
VoicesDep = Annotated[VoiceCatalog, Depends(voices_of)]
ServicesDep = Annotated[service.Services, Depends(services_of)]


async def require_writer(request: Request, settings: SettingsDep) -> None:
    """With API keys configured, writes need `Authorization: Bearer <key>`."""
    if not settings.api_keys:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise errors.Unauthorized("this endpoint needs an API key: Authorization: Bearer <key>")
    if not any(hmac.compare_digest(token.encode(), k.encode()) for k in settings.api_keys):
        raise errors.Unauthorized("unknown API key")


Writer = Depends(require_writer)


async def owner_of(request: Request, settings: SettingsDep) -> str:
    """Whose is what a request creates or reads (webhooks, its lexicon): a digest of its API key
    (repo.owner_of), "" when no keys are configured. Only meaningful where require_writer
    accepted the key (a keyless listener's request has no owner)."""
    if not settings.api_keys:
        return repo.NO_OWNER
    _, _, token = request.headers.get("authorization", "").partition(" ")
    return repo.owner_of(token.strip() or None)


OwnerDep = Annotated[str, Depends(owner_of)]

NarrationIdPath = Annotated[
    str, Path(description="A narration id: nar_ and 16 lowercase letters or digits")
]
BatchIdPath = Annotated[
    str, Path(description="A batch id: bat_ and 16 lowercase letters or digits")
]
WebhookIdPath = Annotated[
    str, Path(description="A webhook id: whk_ and 16 lowercase letters or digits")
]
SourceIdPath = Annotated[
    str, Path(description="A source id: src_ and 16 lowercase letters or digits")
]
ArticleIdPath = Annotated[
    str, Path(description="An article id: art_ and 16 lowercase letters or digits")
]


def _check_id(value: str, pattern: re.Pattern[str], what: str, prefix: str) -> str:
    # A malformed id names nothing: 404 before any lookup.
    if not pattern.match(value):
        raise errors.NotFound(
            f"no {what} {value[:40]!r}: ids look like {prefix}_ and 16 lowercase letters or digits"
        )
    return value


def check_narration_id(narration_id: str) -> str:
    return _check_id(narration_id, NARRATION_ID, "narration", "nar")


def check_article_id(article_id: str) -> str:
    return _check_id(article_id, ARTICLE_ID, "article", "art")


def check_batch_id(batch_id: str) -> str:
    return _check_id(batch_id, BATCH_ID, "batch", "bat")


def check_webhook_id(webhook_id: str) -> str:
    return _check_id(webhook_id, WEBHOOK_ID, "webhook", "whk")


def check_source_id(source_id: str) -> str:
    return _check_id(source_id, SOURCE_ID, "source", "src")


def load_narration(narration_id: NarrationIdPath, db: DbDep) -> Narration:
    return service.get_narration(db, check_narration_id(narration_id))


NarrationDep = Annotated[Narration, Depends(load_narration)]


@dataclass(frozen=True)
class Links:
    """Absolute links to a narration's resources; media links signed when a key is set."""

    base: str
    settings: Settings

    def path(self, narration_id: str, name: str = "") -> str:
        return f"/v1/narrations/{narration_id}" + (f"/{name}" if name else "")

    def narration(self, narration_id: str) -> str:
        return self.base + self.path(narration_id)

    def article(self, article_id: str) -> str:
        return f"{self.base}/v1/articles/{article_id}"

    def player(self, narration_id: str) -> str:
        return self.base + self.path(narration_id, "player")

    def media(self, narration_id: str, name: str) -> str:
        path = self.path(narration_id, name)
        key = self.settings.signing_key
        if not key:
            return self.base + path
        query = signing.sign_query(key, narration_id, path, self.settings.signed_url_ttl_s)
        return f"{self.base}{path}?{query}"


async def links_of(request: Request, settings: SettingsDep) -> Links:
    base = settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
    return Links(base=base, settings=settings)


LinksDep = Annotated[Links, Depends(links_of)]


def check_signature(request: Request, settings: Settings, narration_id: str, name: str) -> None:
    key = settings.signing_key
    if not key:
        return
    path = f"/v1/narrations/{narration_id}/{name}"
    q = request.query_params
    reason = signing.verify(key, narration_id, path, q.get("exp"), q.get("sig"))
    if reason:
        raise Forbidden(reason)


def media_name(request: Request) -> str:
    """The file part of a media route: audio, captions.vtt, timings.json, script.txt."""
    route: Any = request.scope.get("route")
    return str(getattr(route, "name", "") or "")
