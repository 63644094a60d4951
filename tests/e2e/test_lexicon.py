"""The publisher's lexicon through the real path: PUT /v1/lexicon, then narrations by
`narrator serve` + `narrator worker` on Redis with espeak-ng.

What espeak receives is each sentence of the narration's plan (plan.json: render_chunk passes
`sentence.text` to the engine as it is); `espeak-ng -x` on that very text gives the phonemes
the voice speaks, so the name is checked as said, not as spelled. Renders are counted as rows
of the chunk cache: a chunk is only synthesized when its key is not there.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.e2e.test_sources import html, source_env, wait_source
from tests.helpers.client import wait_ready
from tests.helpers.feed_server import FeedEntry, FeedServer
from tests.helpers.processes import wait_for
from tests.helpers.stack import base_env

pytestmark = pytest.mark.slow  # real `narrator` processes, Redis, espeak-ng

ARTICLE = "\n\n".join(
    [
        "The quarterly results came out on a quiet morning.",
        "Analysts had expected a weak season for the whole market.",
        "Xiaomi sold more phones than a year before. Its shares rose.",
        "Siobhan Kelly, who follows the company, called it a fair result.",
        "Trading closed early because of the holiday.",
    ]
)
XIAOMI = "[[S'aUmi:]]"


def espeak_phonemes(sentence: str) -> str:
    """What espeak-ng speaks for `sentence` ([[...]] read as phonemes, as the engine reads it)."""
    out = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", "en-us", sentence],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return " ".join(out.stdout.split())


def plan_of(data_dir: Path, narration_id: str) -> dict[str, Any]:
    path = data_dir / "files" / "narrations" / narration_id / "plan.json"
    plan: dict[str, Any] = json.loads(path.read_text())
    return plan


def sentence_with(plan: dict[str, Any], source_word: str) -> str:
    (sentence,) = [s["text"] for s in plan["script"]["sentences"] if source_word in s["source"]]
    return str(sentence)


def narrate(client: httpx.Client, stack: Any, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    r = client.post("/v1/narrations", json=body)
    assert r.status_code in (200, 202), r.text
    nid = r.json()["id"]
    return r.status_code, wait_ready(client, [nid], 90, logs=stack.logs)[nid]


def put_lexicon(client: httpx.Client, lexicon: str) -> dict[str, Any]:
    r = client.put("/v1/lexicon", content=lexicon, headers={"content-type": "text/plain"})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
def test_lexicon_changes_the_phonemes_and_only_the_paragraphs_it_touches(
    redis_server: Any, data_dir: Path, database_url: str, stack: Any
) -> None:
    env = base_env(data_dir, broker_url=redis_server.url, database_url=database_url)
    api, _ = stack.start_api_and_worker(env, concurrency=2)
    client = api.client()
    db = create_engine(database_url)

    def renders() -> int:
        with db.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM chunk_cache")).scalar_one())

    body = {"text": ARTICLE, "voice": "en-us"}

    # Without an entry espeak reads the name by its English rules: "zy-OH-mee".
    status, plain = narrate(client, stack, body)
    assert status == 202
    before = plan_of(data_dir, plain["id"])
    said = espeak_phonemes(sentence_with(before, "Xiaomi"))
    assert ",aI@'oUmi" in said and "S'aU" not in said, said
    chunks = len(before["chunk_keys"])
    assert chunks >= 5 and renders() == chunks

    # With the entry: the sentence given to espeak carries the phonemes, and espeak says them.
    put_lexicon(client, f"# our names\nXiaomi = {XIAOMI}\nNguyen = Win\n")
    status, with_name = narrate(client, stack, body)
    assert status == 202 and with_name["id"] != plain["id"]
    after = plan_of(data_dir, with_name["id"])
    sentence = sentence_with(after, "Xiaomi")
    assert sentence.startswith(XIAOMI), sentence
    said = espeak_phonemes(sentence)
    assert said.startswith("S'aUmi:") and ",aI@'oUmi" not in said, said
    # One paragraph changed, one chunk rendered; every other chunk was the cached one.
    changed = [
        i
        for i, (a, b) in enumerate(zip(before["chunk_keys"], after["chunk_keys"], strict=True))
        if a != b
    ]
    assert len(changed) == 1
    assert renders() == chunks + 1
    assert espeak_phonemes(sentence_with(after, "Siobhan")) == espeak_phonemes(
        sentence_with(before, "Siobhan")
    )

    # Another entry for another paragraph: that paragraph alone is rendered again.
    put_lexicon(client, f"Xiaomi = {XIAOMI}\nSiobhan = Shiv-awn\n")
    status, both = narrate(client, stack, body)
    assert status == 202 and both["id"] not in (plain["id"], with_name["id"])
    third = plan_of(data_dir, both["id"])
    assert sentence_with(third, "Siobhan").startswith("Shiv-awn Kelly")
    assert renders() == chunks + 2

    # An entry the article does not use: the same narration, nothing rendered.
    put_lexicon(client, f"Xiaomi = {XIAOMI}\nSiobhan = Shiv-awn\nNguyen = Nwin\n")
    status, same = narrate(client, stack, body)
    assert status == 200 and same["id"] == both["id"]
    assert renders() == chunks + 2

    # A batch item expanded after the PUT is read with it too.
    r = client.post(
        "/v1/batches?voice=en-us",
        json={"items": [{"text": "Shares of Xiaomi rose again today.", "external_id": "x1"}]},
    )
    assert r.status_code == 202, r.text
    items_url = r.json()["items_url"]

    def item_narration() -> str | None:
        items = client.get(items_url).json()["items"]
        return items[0].get("narration_id") if items else None

    wait_for(lambda: item_narration() is not None, 30, what="the batch item's narration")
    nid = str(item_narration())
    wait_ready(client, [nid], 90, logs=stack.logs)
    item_sentence = sentence_with(plan_of(data_dir, nid), "Xiaomi")
    assert XIAOMI in item_sentence
    assert "S'aUmi:" in espeak_phonemes(item_sentence)


def test_a_sources_entries_are_read_with_its_own_entries_over_the_keys(
    redis_server: Any, data_dir: Path, stack: Any
) -> None:
    """A feed on a local HTTP server, polled by `narrator worker` on Redis: its entry is read
    with the source's entry for Xiaomi (over the key's own for it) and the key's for Siobhan;
    the same article POSTed is read with the key's alone. A change of the source's lexicon
    reads the entry again, and only the paragraph it touches is rendered."""
    env = source_env(data_dir, broker_url=redis_server.url)
    db = create_engine(f"sqlite:///{data_dir / 'narrator.db'}")

    def renders() -> int:
        with db.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM chunk_cache")).scalar_one())

    def entry_narration(source_id: str) -> str:
        with db.connect() as conn:
            row = conn.execute(
                text("SELECT narration_id FROM source_entries WHERE source_id = :s"),
                {"s": source_id},
            )
            return str(row.scalar_one())

    def scope_of(narration_id: str) -> str:
        with db.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT l.scope FROM narrations n JOIN lexicons l ON l.id = n.lexicon_id "
                    "WHERE n.id = :n"
                ),
                {"n": narration_id},
            )
            return str(row.scalar_one())

    with FeedServer() as feed:
        api, _ = stack.start_api_and_worker(env, concurrency=2)
        client = api.client(timeout=30)
        put_lexicon(client, "Xiaomi = Zhao-mee\nSiobhan = Shiv-awn\n")
        # An empty feed first: the source's lexicon is in place before its entry is seen.
        r = client.post(
            "/v1/sources", json={"url": feed.feed_url, "voice": "en-us", "interval_s": 1}
        )
        assert r.status_code == 201, r.text
        source_id = r.json()["id"]
        url = f"/v1/sources/{source_id}/lexicon"
        r = client.put(url, content=f"Xiaomi = {XIAOMI}\n", headers={"content-type": "text/plain"})
        assert r.status_code == 200, r.text
        assert r.json()["scope"] == f"source:{source_id}" and r.headers["etag"] == '"v1"'
        feed.entries["phones"] = FeedEntry(title="Phones", content=html(ARTICLE.split("\n\n")))
        wait_source(client, source_id, lambda s: s["counts"]["ready"] == 1, "the entry ready")

        first = entry_narration(source_id)
        assert scope_of(first) == f"resolved:source:{source_id}"
        plan = plan_of(data_dir, first)
        sentence = sentence_with(plan, "Xiaomi")
        assert sentence.startswith(XIAOMI), sentence  # the source's entry wins over the key's
        said = espeak_phonemes(sentence)
        assert said.startswith("S'aUmi:") and ",aI@'oUmi" not in said, said
        assert sentence_with(plan, "Siobhan").startswith("Shiv-awn Kelly")  # the key's entry
        chunks = len(plan["chunk_keys"])
        assert chunks == 6  # the title and five paragraphs

        # The same article POSTed: the key's lexicon alone, not the source's entry.
        _, posted = narrate(client, stack, {"text": ARTICLE, "voice": "en-us"})
        sentence = sentence_with(plan_of(data_dir, posted["id"]), "Xiaomi")
        assert sentence.startswith("Zhao-mee"), sentence
        assert "S'aU" not in espeak_phonemes(sentence)
        assert scope_of(posted["id"]) == "all"

        # Another entry in the source's lexicon, on the version read (If-Match): the next poll
        # reads the entry again; one paragraph says the word, one chunk is rendered.
        before = renders()
        r = client.put(
            url,
            content=f"Xiaomi = {XIAOMI}\nTrading = Tray-ding\n",
            headers={"content-type": "text/plain", "if-match": '"v1"'},
        )
        assert r.status_code == 200 and r.headers["etag"] == '"v2"', r.text
        stale = client.delete(url, headers={"if-match": '"v1"'})
        assert stale.status_code == 412 and "version 2" in stale.json()["error"]["message"]
        wait_source(
            client,
            source_id,
            lambda s: s["counts"]["versions"] == 2 and s["counts"]["ready"] == 1,
            "the entry read again",
        )
        second = entry_narration(source_id)
        assert second != first
        plan = plan_of(data_dir, second)
        assert sentence_with(plan, "Trading").startswith("Tray-ding")
        assert sentence_with(plan, "Xiaomi").startswith(XIAOMI)
        assert len(plan["chunk_keys"]) == chunks
        assert renders() == before + 1
        print(f"source lexicon change: {renders() - before} of {chunks} chunks rendered again")
