"""narrator.store.repo.lexicons: a version per save, per owner and scope."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from narrator import errors
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


def test_a_save_on_another_version_than_expected_is_refused(db: Database) -> None:
    def save_on(text: str, expected: set[int]) -> int:
        with db.session() as s:
            row, _ = repo.save_lexicon(
                s, "k", text, entries=1, digest=str(hash(text)), expected=expected
            )
            return row.version

    assert save_on("a = b\n", {0}) == 1  # 0: none saved yet
    with pytest.raises(errors.PreconditionFailed, match="at version 1, and If-Match names 0"):
        save_on("a = c\n", {0})
    assert save_on("a = c\n", {0, 1}) == 2  # any of the versions named
    with pytest.raises(errors.PreconditionFailed, match="names none of its versions"):
        save_on("a = d\n", set())
    with db.session() as s:
        current = repo.current_lexicon(s, "k")
        assert current is not None and (current.version, current.text) == (2, "a = c\n")


def test_two_changes_made_on_one_version_keep_the_first(db: Database) -> None:
    """Both read version 1; the loser of the race for version 2 finds it taken and is refused
    rather than saved as version 3 over the winner's change."""
    save(db, "k", "a = b\n")

    def change(i: int) -> str:
        try:
            with db.session() as s:
                text = f"a = x{i}\n"
                repo.save_lexicon(s, "k", text, entries=1, digest=text, expected={1})
            return "saved"
        except errors.PreconditionFailed:
            return "refused"

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(change, range(4)))
    assert outcomes == ["refused"] * 3 + ["saved"]
    with db.session() as s:
        current = repo.current_lexicon(s, "k")
        assert current is not None and current.version == 2
