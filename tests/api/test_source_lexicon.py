"""/v1/sources/{id}/lexicon in-process, and the merge rule (narrator.lexicons.in_force): a
source's entries over its owner's, one saved version per distinct pair, and what a change
does to the source's entries (read again at the next poll)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from narrator import lexicons, service
from narrator.store import repo
from narrator.store.repo import sources as source_repo
from narrator.text.lexicon import Lexicon
from tests.api.test_lexicon import KEY, OTHER, auth, put_text

FEED = "https://news.example/feed.xml"


def new_source(client: TestClient, **headers: str) -> str:
    r = client.post("/v1/sources", json={"url": FEED}, headers=headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def put_source(client: TestClient, source_id: str, text: str, **headers: str) -> Any:
    return client.put(
        f"/v1/sources/{source_id}/lexicon",
        content=text.encode(),
        headers={"content-type": "text/plain", **headers},
    )


def test_get_put_delete_a_sources_lexicon(client: TestClient) -> None:
    source_id = new_source(client)
    url = f"/v1/sources/{source_id}/lexicon"
    empty = client.get(url)
    assert empty.status_code == 200 and empty.headers["etag"] == '"v0"'
    assert empty.json()["scope"] == f"source:{source_id}" and empty.json()["count"] == 0
    r = put_source(client, source_id, "Xiaomi = [[S'aUmi:]]\n")
    assert r.status_code == 200 and r.headers["etag"] == '"v1"'
    assert r.json()["entries"] == [{"word": "xiaomi", "say": None, "phonemes": "S'aUmi:"}]
    assert client.get("/v1/lexicon").json()["count"] == 0  # the key's own is another lexicon
    json_form = client.put(url, json={"entries": [{"word": "Nguyen", "say": "Win"}]})
    assert json_form.status_code == 200 and json_form.json()["version"] == 2
    gone = client.delete(url)
    assert gone.status_code == 204 and gone.headers["etag"] == '"v3"' and not gone.content
    assert client.get(url).json() == {**client.get(url).json(), "version": 3, "count": 0}


def test_bad_lines_and_unknown_sources(client: TestClient) -> None:
    source_id = new_source(client)
    r = put_source(client, source_id, "ok = fine\nHuawei Wah-way\nNguyen =\n")
    assert r.status_code == 422
    assert [p["line"] for p in r.json()["error"]["problems"]] == [2, 3]
    unknown = "src_0000000000000000"
    for method in ("get", "put", "delete"):
        r = client.request(
            method,
            f"/v1/sources/{unknown}/lexicon",
            content=b"a = b",
            headers={"content-type": "text/plain"},
        )
        assert r.status_code == 404 and unknown in r.json()["error"]["message"], method
    assert client.get("/v1/sources/nope/lexicon").status_code == 404


def test_with_api_keys_writers_only_and_kept_under_the_sources_owner(
    make_app: Callable[..., FastAPI],
) -> None:
    with TestClient(make_app(api_keys=[KEY, OTHER])) as c:
        source_id = new_source(c, **auth(KEY))
        assert c.get(f"/v1/sources/{source_id}/lexicon").status_code == 401
        assert put_source(c, source_id, "a = b\n").status_code == 401
        assert c.delete(f"/v1/sources/{source_id}/lexicon").status_code == 401
        # Sources are shared by the keys (as their other routes are): the lexicon is the
        # source's, kept under the key that created it, whichever key changes it.
        assert put_source(c, source_id, "a = b\n", **auth(OTHER)).status_code == 200
        assert c.get(f"/v1/sources/{source_id}/lexicon", headers=auth(KEY)).json()["count"] == 1
        app = c.app
        assert isinstance(app, FastAPI)
        place = lexicons.of_source(app.state.db, source_id)
        assert place.owner == repo.owner_of(KEY) and place.scope == f"source:{source_id}"


def test_the_sources_entries_overlay_the_owners(app: FastAPI, client: TestClient) -> None:
    db = app.state.db
    source_id = new_source(client)
    # Nothing saved: nothing to read with.
    assert lexicons.in_force(db, "", source_id) is None
    # Only the owner's: its version itself.
    put_text(client, "Xiaomi = Zhao-mee\nSiobhan = Shiv-awn\n")
    owners = lexicons.in_force(db, "")
    assert owners is not None and lexicons.in_force(db, "", source_id) == owners
    # Both: one merged version, the source's entry winning, saved once per distinct pair.
    put_source(client, source_id, "xiaomi = [[S'aUmi:]]\n")
    merged = lexicons.in_force(db, "", source_id)
    assert merged is not None and merged.id != owners.id
    assert dict(Lexicon.parse(merged.text).entries) == {
        "xiaomi": "[[S'aUmi:]]",
        "siobhan": "Shiv-awn",
    }
    assert lexicons.in_force(db, "", source_id) == merged
    with db.session() as s:
        row = repo.get_lexicon(s, merged.id)
        assert row is not None and row.scope == f"resolved:source:{source_id}"
        assert row.entries == 2 and row.digest == Lexicon.parse(merged.text).digest()
    # A change of the owner's makes another merged version; the old one stays readable.
    put_text(client, "Siobhan = Shiv-awn\nKelly = Kel-ee\n")
    again = lexicons.in_force(db, "", source_id)
    assert again is not None and again.id != merged.id
    assert set(Lexicon.parse(again.text).entries) == {"xiaomi", "siobhan", "kelly"}
    with db.session() as s:
        assert repo.get_lexicon(s, merged.id) is not None
    # Only the source's: its version itself. Other sources and plain narrations: the owner's.
    client.delete("/v1/lexicon")
    only = lexicons.in_force(db, "", source_id)
    assert only is not None and Lexicon.parse(only.text).entries == {"xiaomi": "[[S'aUmi:]]"}
    assert lexicons.in_force(db, "") is None


def test_a_change_reads_the_sources_entries_again(app: FastAPI, client: TestClient) -> None:
    db = app.state.db
    source_id = new_source(client)
    with db.session() as s:
        source_repo.save_entry(
            s, source_id, "h1", narration_id=None, error=None, key="a", fingerprint="f1"
        )
        source_repo.record_poll(s, source_id, validators=('"etag"', "yesterday"))

    def state() -> tuple[str, str | None]:
        with db.session() as s:
            (entry,) = source_repo.entries(s, source_id).values()
            return entry.fingerprint, source_repo.load_source(s, source_id).etag

    assert state() == ("f1", '"etag"')
    url = f"/v1/sources/{source_id}/lexicon"
    put_source(client, source_id, "a = b\n")
    assert state() == (source_repo.REREAD, None)  # every entry, and the whole feed
    with db.session() as s:
        assert not source_repo.has_retryable_entries(s, source_id)  # no failure to retry
        source_repo.save_entry(
            s, source_id, "h1", narration_id=None, error=None, key="a", fingerprint="f1"
        )
        source_repo.record_poll(s, source_id, validators=('"etag"', "yesterday"))
    put_source(client, source_id, "a = b\n")  # the same lexicon: nothing to read again
    assert state() == ("f1", '"etag"')
    client.delete(url)
    assert state() == (source_repo.REREAD, None)


def test_another_speed_of_a_feeds_entry_is_read_with_the_sources_entries(
    app: FastAPI, client: TestClient
) -> None:
    """An entry narrated (as the poll does: service.create_narration with the source's id),
    then asked for at another speed: read with the same merged lexicon, not the key's alone."""
    source_id = new_source(client)
    put_text(client, "Siobhan = Shiv-awn\n")
    put_source(client, source_id, "Xiaomi = [[S'aUmi:]]\n")
    state = app.state
    services = service.Services(state.db, state.settings, state.voices, state.send_task)
    text = "Xiaomi met Siobhan in Shenzhen.\n"
    entry, created = service.create_narration(
        services,
        service.Submission(
            data=text, render=service.RenderRequest(voice="en-us"), source_id=source_id
        ),
    )
    assert created
    with app.state.db.session() as s:
        merged = repo.get_lexicon(s, entry.lexicon_id)
        assert merged is not None and merged.scope == f"resolved:source:{source_id}"
    faster = client.post(f"/v1/articles/{entry.article_id}/narrations", json={"speed": 1.5})
    assert faster.status_code == 202, faster.text
    with app.state.db.session() as s:
        assert repo.load_narration(s, faster.json()["id"]).lexicon_id == merged.id
    # The same text POSTed: the same article, read with the key's lexicon alone.
    posted = client.post("/v1/narrations", json={"text": text, "voice": "en-us"}).json()
    with app.state.db.session() as s:
        own = repo.get_lexicon(s, repo.load_narration(s, posted["id"]).lexicon_id)
        assert own is not None and own.scope == "all"
