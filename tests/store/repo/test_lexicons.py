"""narrator.store.repo.lexicons: a version per save, per owner and scope."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from narrator.store import repo
from narrator.store.db import Database


def save(db: Database, owner: str, text: str, digest: str | None = None) -> tuple[int, bool]:
    with db.session() as s:
        row, created = repo.save_lexicon(
            s, owner, text, entries=text.count("="), digest=digest or str(hash(text))
        )
        return row.version, created


def test_versions_per_owner_and_the_newest_is_in_force(db: Database) -> None:
    with db.session() as s:
        assert repo.current_lexicon(s, "") is None
    assert save(db, "", "a = b\n") == (1, True)
    assert save(db, "", "a = b\n") == (1, False)  # the same text: no new version
    assert save(db, "", "a = c\n") == (2, True)
    assert save(db, "key_1", "x = y\n") == (1, True)
    with db.session() as s:
        mine = repo.current_lexicon(s, "")
        assert mine is not None and (mine.version, mine.text) == (2, "a = c\n")
        first = repo.get_lexicon(s, mine.id)
        assert first is not None and first.owner == "" and first.scope == "all"
        other = repo.current_lexicon(s, "key_1")
        assert other is not None and other.text == "x = y\n"
        assert repo.current_lexicon(s, "", scope="source:src_1") is None


def test_concurrent_saves_each_get_a_version(db: Database) -> None:
    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(lambda i: save(db, "k", f"w{i} = x\n")[0], range(4)))
    assert sorted(versions) == [1, 2, 3, 4]
