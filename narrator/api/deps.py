"""Dependencies: what a route needs, built once at start-up and found on app.state.

    SettingsDep, DbDep, StorageDep, VoicesDep, SendTaskDep, LinksDep
    Writer            (dependency) Authorization: Bearer <key> when API keys are configured
    NarrationDep      the narration named in the path, or 404 (load-or-abort, once)
    SignedNarrationDep  the same, after checking ?exp=&sig= when links are signed
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request

from narrator import errors, narrations
from narrator.api import signing
from narrator.api.errors import Forbidden
from narrator.api.queue import SendTask
from narrator.api.voice_catalog import VoiceCatalog
from narrator.config import Settings
from narrator.store.db import Database
from narrator.store.files import Storage
from narrator.store.models import Narration

ID_PATTERN = re.compile(r"^(nar|art)_[a-z0-9]{16}$")
NARRATION_ID = re.compile(r"^nar_[a-z0-9]{16}$")
ARTICLE_ID = re.compile(r"^art_[a-z0-9]{16}$")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


def get_voices(request: Request) -> VoiceCatalog:
    voices: VoiceCatalog = request.app.state.voices
    return voices


def get_send_task(request: Request) -> SendTask:
    send: SendTask = request.app.state.send_task
    return send


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
StorageDep = Annotated[Storage, Depends(get_storage)]
VoicesDep = Annotated[VoiceCatalog, Depends(get_voices)]
SendTaskDep = Annotated[SendTask, Depends(get_send_task)]


def require_writer(request: Request, settings: SettingsDep) -> None:
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

NarrationIdPath = Annotated[
    str, Path(description="A narration id: nar_ and 16 lowercase letters or digits")
]
ArticleIdPath = Annotated[
    str, Path(description="An article id: art_ and 16 lowercase letters or digits")
]


def check_narration_id(narration_id: str) -> str:
    if not NARRATION_ID.match(narration_id):
        raise errors.NotFound(
            f"no narration {narration_id[:40]!r}: ids look like nar_ and 16 lowercase "
            "letters or digits"
        )
    return narration_id


def check_article_id(article_id: str) -> str:
    if not ARTICLE_ID.match(article_id):
        raise errors.NotFound(
            f"no article {article_id[:40]!r}: ids look like art_ and 16 lowercase "
            "letters or digits"
        )
    return article_id


def load_narration(narration_id: NarrationIdPath, db: DbDep) -> Narration:
    return narrations.get_narration(db, check_narration_id(narration_id))


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


def get_links(request: Request, settings: SettingsDep) -> Links:
    base = settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
    return Links(base=base, settings=settings)


LinksDep = Annotated[Links, Depends(get_links)]


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
