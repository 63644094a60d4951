"""The FastAPI application factory.

    app = create_app()                                  # settings from NARRATOR_* variables
    app = create_app(settings, send_task=fake, voices=VoiceCatalog([...]))   # tests

Everything a request needs (database, storage, the voice catalog, the task sender) is built
here once and kept on app.state; routes get them through narrator.api.deps.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from narrator import __version__
from narrator.api import errors as api_errors
from narrator.api import openapi
from narrator.api.listeners import RateLimit
from narrator.api.queue import make_send_task
from narrator.api.routes import (
    articles,
    batches,
    feeds,
    health,
    home,
    lexicon,
    metrics,
    narrations,
    player,
    sources,
    transcripts,
    webhooks,
)
from narrator.api.routes import voices as voice_routes
from narrator.api.voice_catalog import CatalogVoice, VoiceCatalog
from narrator.batches.expander import Expander
from narrator.config import Settings, get_settings
from narrator.contract import SendTask
from narrator.service import Services
from narrator.store.db import Database, open_database
from narrator.store.files import Storage, storage_from_settings

log = logging.getLogger(__name__)

DESCRIPTION = """
Turn articles into narrated audio. Submit an article (JSON `text`, `html` or `markdown`, or a
multipart file upload), then poll `status_url` and play `audio_url` or open `player_url`.
Speed 1.0-2.0: 1x = 200 words per minute, 1.25x = 250 WPM. Errors look like
`{"error": {"code": "...", "message": "..."}}`.
"""


def create_app(
    settings: Settings | None = None,
    *,
    send_task: SendTask | None = None,
    voices: VoiceCatalog | Sequence[CatalogVoice] | None = None,
    db: Database | None = None,
    storage: Storage | None = None,
    warm_voices: bool = True,
) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Batches a stopped API process left half expanded are taken up again from the start.
        app.state.expander.start()
        try:
            yield
        finally:
            app.state.expander.stop()

    app = FastAPI(
        title="Narrator",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db or open_database(settings)
    app.state.storage = storage or storage_from_settings(settings)
    app.state.send_task = send_task or make_send_task(settings)
    catalog = voices if isinstance(voices, VoiceCatalog) else VoiceCatalog(voices)
    app.state.voices = catalog
    if voices is None and warm_voices:
        catalog.warm()
    app.state.expander = Expander(
        Services(db=app.state.db, settings=settings, voices=catalog, send_task=app.state.send_task)
    )

    app.state.listener_limit = RateLimit(settings.listener_renditions_per_minute)

    api_errors.install(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.embed_origins or ["*"],
        allow_methods=["GET", "HEAD", "POST", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "Range", "If-Range"],
        # A widget on another origin reads these: without Retry-After and the start told, a
        # busy answer to its HEAD looked like "go ahead" and its player got the 503.
        expose_headers=[
            "Content-Range",
            "Accept-Ranges",
            "Content-Length",
            "ETag",
            "Location",
            "Retry-After",
            api_errors.START_IN_HEADER,
        ],
    )
    routers = (
        home,
        player,
        narrations,
        batches,
        webhooks,
        sources,
        transcripts,
        feeds,
        articles,
        lexicon,
        voice_routes,
    )
    for module in (*routers, health, metrics):
        app.include_router(module.router)
    # The player's and the home page's files, from the installed package (narrator/api/static).
    app.mount("/static", StaticFiles(packages=[("narrator.api", "static")]), name="static")
    openapi.install(app, catalog)
    return app
