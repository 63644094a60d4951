"""Items of JSON and NDJSON uploads: each checked alone; the batch checked as a whole."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.batches import intake

LIMITS = intake.Limits(max_items=5, max_bytes=100_000, max_chars=100, max_file_bytes=1000)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (5, "not an object"),
        ({}, "exactly one of text, html or markdown (got none)"),
        ({"text": "a", "html": "<p>b</p>"}, "got text, html"),
        ({"txt": "typo"}, "unknown field(s) txt"),
        ({"text": 42}, "text must be a string"),
        ({"text": "ok", "title": 7}, "title must be a string"),
        ({"text": "ok", "author": "a" * 501}, "author is over 500"),
        ({"text": "ok", "title": "Vote\x00count"}, "title must be text without control"),
        ({"text": "x" * 101}, "the limit is 100"),
        ({"markdown": " \n "}, "empty"),
    ],
)
def test_bad_items_are_kept_with_their_reason(value: object, says: str) -> None:
    item = intake.from_object(value, LIMITS)
    assert item.error is not None and says in item.error
    assert item.payload() is None


def test_good_item_keeps_its_fields() -> None:
    item = intake.from_object(
        {"html": "<p>Hi</p>", "title": "T", "author": "A", "external_id": "cms-1"}, LIMITS
    )
    assert item.error is None
    assert item.payload() == {"kind": "html", "data": "<p>Hi</p>", "title": "T", "author": "A"}
    assert item.external_id == "cms-1"


def test_ndjson_lines_named_and_bad_lines_failed() -> None:
    body = b'{"text": "one"}\n\nnot json\n{"text": "two"}\n\xff\xfe{}\n'
    items = intake.from_ndjson(body, LIMITS)
    assert [i.name for i in items] == ["line 1", "line 3", "line 4", "line 5"]
    assert [i.error is None for i in items] == [True, False, True, False]
    assert "not valid JSON" in (items[1].error or "") and "UTF-8" in (items[3].error or "")


def test_duplicate_external_ids_fail_the_later_item() -> None:
    items = intake.finish(
        intake.from_json(
            [{"text": "a", "external_id": "x"}, {"text": "b", "external_id": "x"}], LIMITS
        ),
        LIMITS,
    )
    assert items[0].error is None
    assert items[1].error == "duplicate external_id 'x': item 0 has it too"


def test_empty_and_oversized_batches_are_refused_whole() -> None:
    with pytest.raises(errors.InputError, match="empty"):
        intake.finish([], LIMITS)
    with pytest.raises(errors.InputTooLarge, match="more than 5"):
        intake.finish(intake.from_json([{"text": "a"}] * 6, LIMITS), LIMITS)
