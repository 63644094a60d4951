"""/v1/feeds/podcast.xml: ready narrations as a podcast (RSS 2.0, iTunes and Podcasting 2.0).

Filters (?source=, ?author=, ?batch=) are the fields of narrator.store.repo.feeds.FeedFilter; a page
holds NARRATOR_FEED_PAGE_SIZE items, newest first, and links the next (older) one with
atom:link rel="next" and a Link header. ETag and Last-Modified answer conditional GETs with
304. The feed is public, like the audio it links (signed links when NARRATOR_SIGNING_KEY is
set: they expire, so an app must fetch the feed again, as podcast apps do).
"""

from __future__ import annotations

import hashlib
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response

from narrator.api import documents, feed
from narrator.api.deps import (
    DbDep,
    Links,
    LinksDep,
    SettingsDep,
    StorageDep,
    check_batch_id,
    check_source_id,
)
from narrator.api.paging import CURSOR_PATTERN, decode_cursor, encode_cursor
from narrator.api.routes.narrations import MEDIA_TYPES
from narrator.api.views import ERRORS
from narrator.config import FeedChannel, Settings
from narrator.sources import service as sources
from narrator.store.models import ArticleRecord, Narration
from narrator.store.repo import batches as batch_repo
from narrator.store.repo import sources as source_repo
from narrator.store.repo.feeds import FeedFilter, feed_changed_at, feed_page

router = APIRouter(prefix="/v1/feeds", tags=["feeds"])
PATH = "/v1/feeds/podcast.xml"


def _item(n: Narration, article: ArticleRecord, links: Links, storage: StorageDep) -> feed.Item:
    script = documents.script_of(storage, n)
    assert n.audio_key
    return feed.Item(
        guid=n.id,
        title=article.title or script.title or f"Narration {n.id}",
        description=documents.first_paragraph(script),
        author=article.author or script.author,
        published=n.finished_at or n.created_at,
        audio_url=links.media(n.id, "audio"),
        audio_type=MEDIA_TYPES.get(n.format, "application/octet-stream"),
        audio_length=n.size_bytes or storage.size(n.audio_key),
        duration_s=n.duration_s or 0.0,
        language=article.language or "en",
        captions_url=links.media(n.id, "captions.vtt"),
        srt_url=links.media(n.id, "transcript.srt"),
        json_url=links.media(n.id, "transcript.json"),
        chapters_url=links.media(n.id, "chapters.json"),
    )


def _channel(c: FeedChannel) -> feed.Channel:
    return feed.Channel(
        title=c.title or "",
        description=c.description or "",
        language=c.language or "en",
        image_url=c.image_url,
        owner_name=c.owner_name or "",
        owner_email=c.owner_email,
        category=c.category or "News",
        explicit=bool(c.explicit),
    )


def _not_modified(request: Request, etag: str, last_modified: str | None) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag in {t.strip().removeprefix("W/") for t in match.split(",")} or match == "*"
    since = request.headers.get("if-modified-since")
    if since and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


@router.get(
    "/podcast.xml",
    response_class=Response,
    responses={
        200: {
            "content": {feed.MEDIA_TYPE: {"schema": {"type": "string"}}},
            "description": "RSS 2.0 with the itunes: and podcast: namespaces",
        },
        304: {"description": "Not modified (If-None-Match or If-Modified-Since)"},
        400: ERRORS[400],
        404: ERRORS[404],
        422: ERRORS[422],
        503: ERRORS[503],
    },
    summary="A podcast feed of ready narrations, newest first",
    description=(
        "One item per ready narration: title, the article's first paragraph, date, author, "
        "guid, an enclosure with the audio's exact byte length and MIME type, itunes:duration, "
        "podcast:transcript (WebVTT, SRT, JSON) and podcast:chapters. Filter by `source` (the "
        "host of the article's source URL, or a source id from /v1/sources: its entries' current "
        "narrations), `author` and `batch` (a batch id: its items' narrations); channel metadata "
        "comes from NARRATOR_FEED_* settings, per host from NARRATOR_FEED_SOURCES, per source "
        "from its `channel`. An unknown source or batch id: 404. Pages of "
        "NARRATOR_FEED_PAGE_SIZE items (default 50): the next page is the atom:link "
        'rel="next" (and the Link header).'
    ),
)
def podcast_feed(
    request: Request,
    db: DbDep,
    storage: StorageDep,
    settings: SettingsDep,
    links: LinksDep,
    source: Annotated[
        str | None,
        Query(
            max_length=255,
            description="A source id (src_...) from /v1/sources, or the host of the articles' "
            "source URL",
        ),
    ] = None,
    author: Annotated[str | None, Query(max_length=500, description="Article author")] = None,
    batch: Annotated[
        str | None, Query(max_length=40, description="A batch id (bat_...): its narrations")
    ] = None,
    cursor: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=CURSOR_PATTERN,
            description="From the previous page's next link",
        ),
    ] = None,
) -> Response:
    filt = FeedFilter(source=source or None, author=author or None, batch=batch or None)
    after = decode_cursor(cursor) if cursor else None
    size = settings.feed_page_size
    with db.session(readonly=True) as s:
        channel = _channel_of(s, settings, filt)
        rows = feed_page(s, filt, size + 1, after)
        changed = feed_changed_at(s, filt)
    page = rows[:size]
    query = filt.query_items()

    def url(*extra: tuple[str, str]) -> str:
        items = [*query, *extra]
        return links.base + PATH + (f"?{urlencode(items)}" if items else "")

    self_url = url(*([("cursor", cursor)] if cursor else []))
    next_url = None
    if len(rows) > size:
        last = page[-1][0]
        next_url = url(("cursor", encode_cursor(last.created_at, last.id)))
    body = feed.render(
        _channel(channel),
        [_item(n, a, links, storage) for n, a in page],
        self_url=self_url,
        home_url=links.base + "/",
        next_url=next_url,
        updated=changed,
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if changed is not None:
        headers["Last-Modified"] = format_datetime(changed, usegmt=True)
    if next_url:
        headers["Link"] = f'<{next_url}>; rel="next"'
    if _not_modified(request, etag, headers.get("Last-Modified")):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=feed.MEDIA_TYPE, headers=headers)


def _channel_of(session: Any, settings: Settings, filt: FeedFilter) -> FeedChannel:
    """The channel: a source's own overrides, or the settings' (per host); 404 for an unknown
    source or batch id."""
    if filt.batch:
        batch_repo.load_batch(session, check_batch_id(filt.batch))
    if filt.source and source_repo.is_source_id(filt.source):
        return sources.channel(settings, source_repo.load_source(session, filt.source))
    if filt.source and filt.source.startswith("src_"):
        check_source_id(filt.source)  # a malformed id: 404 saying what ids look like
    return settings.feed_channel(filt.source)
