"""Fuzz every operation in the OpenAPI schema: no input may produce a server error.

Also run for the documented contract: responses must match their schema where one is declared
(status codes, content types, bodies), so /docs tells the truth.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from narrator.api.app import create_app
from narrator.config import Settings
from tests.helpers.app import VOICES, Recorder

_DATA = Path(tempfile.mkdtemp(prefix="narrator-schema-"))
app = create_app(
    Settings(data_dir=_DATA, max_text_chars=20_000, max_upload_bytes=50_000),
    send_task=Recorder(),
    voices=VOICES,
)


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx: object, value: object) -> bytes:
    # The schema gives the NDJSON body as a string: its lines, as sent.
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")


@schemathesis.serializer("application/zip")
def _zip(ctx: object, value: object) -> bytes:
    """A zip holding the generated value as one article (and sometimes the raw value alone)."""
    data = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
    if data[:1] == b"\x00":
        return data  # not a zip at all: the 400 path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", data)
    return buf.getvalue()


schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
