"""/v1/lexicon and /v1/sources/{id}/lexicon: publishers' pronunciation lexicons (per API key
when keys are on).

    GET    /v1/lexicon                  the lexicon in force: entries, the file form, version
    PUT    /v1/lexicon                  replace it: text/plain in the CLI's --lexicon file form,
                                        or JSON {"entries": [{"word", "say" | "phonemes"}]};
                                        422 lists every bad line (narrator.api.lexicon_bodies)
    DELETE /v1/lexicon                  clear it (a new, empty version)
    GET|PUT|DELETE /v1/sources/{id}/lexicon   a source's own entries, over its owner's lexicon

Each answer carries the version as its ETag ("v3"); a PUT or DELETE with If-Match is refused
with 412 when another version is in force (someone changed it since it was read). Narrations
created after a change are read with it (narrator.lexicons); a source's entries are read again
at its next poll (narrator.sources.service.lexicon_changed).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response, status
from starlette.concurrency import run_in_threadpool

from narrator import lexicons
from narrator.api import lexicon_bodies
from narrator.api.deps import DbDep, OwnerDep, SettingsDep, SourceIdPath, Writer, check_source_id
from narrator.api.schemas import ErrorPublic, LexiconEntry, LexiconErrorPublic, LexiconPublic
from narrator.api.views import ERRORS
from narrator.config import Settings
from narrator.lexicons import Place
from narrator.sources import service as sources
from narrator.store.db import Database
from narrator.store.models import LexiconVersion
from narrator.text.lexicon import Lexicon

# Every route needs a writer's key when keys are on (OwnerDep says whose, not whether).
router = APIRouter(tags=["lexicon"], dependencies=[Writer])

_ETAG: dict[str, Any] = {
    "ETag": {
        "description": 'The version in force, as `"v<version>"` (`"v0"`: none saved); send it '
        "back as If-Match so that a change made meanwhile is not overwritten",
        "schema": {"type": "string", "pattern": '^"v[0-9]+"$'},
    }
}
_STALE: dict[int | str, dict[str, Any]] = {
    412: {
        "model": ErrorPublic,
        "description": "If-Match names another version than the one in force: the lexicon "
        "changed since it was read (precondition_failed); nothing was changed",
    }
}
_READ: dict[int | str, dict[str, Any]] = {**ERRORS, 200: {"headers": _ETAG}}
_WRITE: dict[int | str, dict[str, Any]] = {
    **_READ,
    **_STALE,
    422: {
        "model": LexiconErrorPublic,
        "description": "Bad entries: `problems` names each one by its line (or JSON entry)",
    },
}
_CLEAR: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    **_STALE,
    204: {"description": "Cleared: no entries from now on", "headers": _ETAG},
}
IfMatch = Annotated[
    str | None,
    # The standard conditional header, described in each operation's text and its 412, not
    # declared as a parameter: a generated client or fuzzer sending any schema-valid tag
    # would get 412 for a request the schema allows (every tag but the current one fails).
    Header(alias="If-Match", include_in_schema=False),
]
_TAG = re.compile(r'^"v([0-9]{1,9})"$')

_PUT_TEXT = (
    "The whole lexicon, as the CLI's `--lexicon` file (text/plain, UTF-8) or as JSON "
    '`{"entries": [{"word": "Xiaomi", "phonemes": "S\'aUmi:"}, {"word": '
    '"Nguyen", "say": "Win"}]}`. An empty body (or list) clears it. Bad entries: 422 listing '
    "each with its line (or entry) number; over NARRATOR_LEXICON_MAX_BYTES or _MAX_ENTRIES: "
    "413. Send the ETag of the version the change was made on as `If-Match` (or `*`): when "
    "another version is in force, 412 and nothing changes."
)
_SOURCE = (
    "A source's own entries: its entries are read with the lexicon of the API key that "
    "created the source, overlaid by these (a word in both: the source's entry wins). Unknown "
    "source: 404. "
)


def etag(row: LexiconVersion | None) -> str:
    return f'"v{row.version if row is not None else 0}"'


def expected(if_match: str | None) -> frozenset[int] | None:
    """The versions If-Match accepts; None: any (absent, or `*`). A weak or foreign tag never
    matches (If-Match compares strongly): an empty set, so the change is refused."""
    if if_match is None or if_match.strip() == "*":
        return None
    tags = (_TAG.match(t.strip()) for t in if_match.split(","))
    return frozenset(int(m.group(1)) for m in tags if m)


def public(row: LexiconVersion | None, place: Place) -> LexiconPublic:
    if row is None:
        return LexiconPublic(
            scope=place.scope, version=0, count=0, digest="", updated_at=None, entries=[], text=""
        )
    lexicon = Lexicon.parse(row.text)
    entries = [
        LexiconEntry(word=word, phonemes=value[2:-2])
        if value.startswith("[[")
        else LexiconEntry(word=word, say=value)
        for word, value in lexicon.entries.items()
    ]
    return LexiconPublic(
        scope=row.scope,
        version=row.version,
        count=len(entries),
        digest=row.digest,
        updated_at=row.created_at,
        entries=entries,
        text=row.text,
    )


def _get(db: Database, place: Place, response: Response) -> LexiconPublic:
    row = lexicons.current(db, place)
    response.headers["ETag"] = etag(row)
    return public(row, place)


async def _put(
    request: Request,
    db: Database,
    settings: Settings,
    place: Place,
    if_match: str | None,
    response: Response,
) -> tuple[LexiconPublic, bool]:
    lexicon, text = await lexicon_bodies.read(request, settings)
    row, created = await run_in_threadpool(
        lexicons.save, db, settings, place, lexicon, text, expected=expected(if_match)
    )
    response.headers["ETag"] = etag(row)
    return public(row, place), created


def _clear(db: Database, place: Place, if_match: str | None) -> tuple[Response, bool]:
    row, created = lexicons.clear(db, place, expected=expected(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers={"ETag": etag(row)}), created


@router.get(
    "/v1/lexicon",
    response_model=LexiconPublic,
    responses=_READ,
    summary="The pronunciation lexicon in force",
    description=(
        "With API keys configured each key has its own lexicon, and this needs "
        "`Authorization: Bearer <key>`. Version 0 and no entries: none was saved."
    ),
)
def get_lexicon(db: DbDep, owner: OwnerDep, response: Response) -> LexiconPublic:
    return _get(db, Place(owner), response)


@router.put(
    "/v1/lexicon",
    response_model=LexiconPublic,
    responses=_WRITE,
    openapi_extra={"requestBody": lexicon_bodies.BODY},
    summary="Replace the pronunciation lexicon",
    description=(
        f"{_PUT_TEXT} Every narration created afterwards is read with it; a narration whose "
        "article uses none of the changed words is the one it was before."
    ),
)
async def put_lexicon(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    owner: OwnerDep,
    response: Response,
    if_match: IfMatch = None,
) -> LexiconPublic:
    body, _ = await _put(request, db, settings, Place(owner), if_match, response)
    return body


@router.delete(
    "/v1/lexicon",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_CLEAR,
    summary="Clear the pronunciation lexicon",
    description=(
        "Narrations created afterwards are read with no entries; those read with an older "
        "version keep it. The same as a PUT of an empty body. With If-Match, 412 when another "
        "version is in force."
    ),
)
def delete_lexicon(db: DbDep, owner: OwnerDep, if_match: IfMatch = None) -> Response:
    answer, _ = _clear(db, Place(owner), if_match)
    return answer


@router.get(
    "/v1/sources/{source_id}/lexicon",
    response_model=LexiconPublic,
    responses=_READ,
    summary="A source's own pronunciation entries",
    description=f"{_SOURCE}Version 0 and no entries: none was saved.",
)
def get_source_lexicon(source_id: SourceIdPath, db: DbDep, response: Response) -> LexiconPublic:
    return _get(db, lexicons.of_source(db, check_source_id(source_id)), response)


@router.put(
    "/v1/sources/{source_id}/lexicon",
    response_model=LexiconPublic,
    responses=_WRITE,
    openapi_extra={"requestBody": lexicon_bodies.BODY},
    summary="Replace a source's own pronunciation entries",
    description=(
        f"{_SOURCE}{_PUT_TEXT} A change reads every entry in the feed again at the next poll: "
        "an entry that says a changed word gets a new narration (only those paragraphs are "
        "synthesized again), the others keep theirs."
    ),
)
async def put_source_lexicon(
    source_id: SourceIdPath,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    response: Response,
    if_match: IfMatch = None,
) -> LexiconPublic:
    source_id = check_source_id(source_id)
    place = await run_in_threadpool(lexicons.of_source, db, source_id)
    body, created = await _put(request, db, settings, place, if_match, response)
    if created:
        await run_in_threadpool(sources.lexicon_changed, db, source_id)
    return body


@router.delete(
    "/v1/sources/{source_id}/lexicon",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_CLEAR,
    summary="Clear a source's own pronunciation entries",
    description=(
        f"{_SOURCE}From now on its entries are read with its owner's lexicon alone; every "
        "entry in the feed is read again at the next poll. With If-Match, 412 when another "
        "version is in force."
    ),
)
def delete_source_lexicon(source_id: SourceIdPath, db: DbDep, if_match: IfMatch = None) -> Response:
    source_id = check_source_id(source_id)
    answer, created = _clear(db, lexicons.of_source(db, source_id), if_match)
    if created:
        sources.lexicon_changed(db, source_id)
    return answer
