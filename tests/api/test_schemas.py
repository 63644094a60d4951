"""The request and response models take their enums from the one home of each list."""

from __future__ import annotations

from typing import get_args

from narrator import contract
from narrator.api import schemas
from narrator.config import FORMATS
from narrator.store import models


def test_enums_are_the_contracts_and_the_stores() -> None:
    assert get_args(schemas.QueueName) == contract.SUBMIT_QUEUES
    assert get_args(schemas.Format) == FORMATS
    assert get_args(schemas.Status) == tuple(s.value for s in models.Status)


def test_the_queue_default_is_interactive() -> None:
    assert schemas.NarrationCreate(text="Hi.").queue == contract.INTERACTIVE
    assert schemas.NarrationPublic.model_json_schema()["properties"]["queue"]["enum"] == list(
        contract.SUBMIT_QUEUES
    )
