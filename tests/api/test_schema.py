"""Fuzz every operation in the OpenAPI schema: no input may produce a server error.

Also run for the documented contract: responses must match their schema where one is declared
(status codes, content types, bodies), so /docs tells the truth.
"""

from __future__ import annotations

import tempfile
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
