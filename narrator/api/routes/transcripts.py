"""/v1/narrations/{id}/transcript.srt, transcript.json and chapters.json: what a podcast app
reads beside the audio (narrator.api.documents), made from the stored timings on request."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from narrator.api import documents
from narrator.api.deps import NarrationDep, SettingsDep, StorageDep, check_signature
from narrator.api.media import IMMUTABLE
from narrator.api.routes.narrations import _MEDIA_RESPONSES, _ready, media_route

router = APIRouter(prefix="/v1/narrations", tags=["narrations"])


def _document_route(name: str) -> None:
    media_type, summary = documents.DOCUMENTS[name]

    def serve(
        request: Request, narration: NarrationDep, settings: SettingsDep, storage: StorageDep
    ) -> Response:
        check_signature(request, settings, narration.id, name)
        _ready(narration)
        # Made from files that never change for this id: the narration's ETag and the name.
        tag = f'"{narration.etag or narration.id}-{name}"'
        headers = {"Cache-Control": IMMUTABLE, "ETag": tag}
        if tag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
            return Response(status_code=304, headers=headers)
        body = documents.document(storage, narration, name).encode("utf-8")
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(body))
            return Response(status_code=200, headers=headers, media_type=media_type)
        return Response(body, headers=headers, media_type=media_type)

    serve.__name__ = "get_" + name.replace(".", "_")
    media_route(
        f"/{{narration_id}}/{name}",
        on=router,
        responses={200: {"content": {media_type.split(";")[0]: {}}}, **_MEDIA_RESPONSES},
        summary=summary,
    )(serve)


for _name in documents.DOCUMENTS:
    _document_route(_name)
