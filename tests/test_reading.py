from __future__ import annotations

from narrator import pipeline, reading, service
from narrator.config import Settings
from narrator.context import Context
from narrator.store import files, repo
from narrator.store.db import Database
from narrator.text.article import Article
from tests.helpers.app import VOICES, Recorder
from tests.helpers.articles import ARTICLE
from tests.helpers.records import make_article, make_narration


def _context(settings: Settings) -> Context:
    return Context(
        settings=settings,
        db=Database.from_settings(settings),
        storage=files.make_storage(settings.resolved_storage_url),
        send=Recorder(),
    )


def test_an_article_packs_and_unpacks_unchanged() -> None:
    a = Article(["First: “quoted”.", "Second."], title="T", author="A", language="de", place="Köln")
    assert Article.unpack(a.pack()) == a
    assert Article.unpack(Article(["Only."]).pack()) == Article(["Only."])


def test_workers_read_the_article_as_the_api_extracted_it(settings: Settings) -> None:
    from narrator.api.voice_catalog import VoiceCatalog

    ctx = _context(settings)
    services = service.Services(
        db=ctx.db, settings=settings, voices=VoiceCatalog(VOICES), send_task=Recorder()
    )
    narration, _ = service.create_narration(
        services, service.Submission(data=ARTICLE, title="Given title")
    )
    expected = pipeline.read(ARTICLE.encode(), kind="text", title="Given title")
    assert reading.article_of(ctx, narration) == expected
    # What workers read is the stored extraction, not the source read again.
    stored = Article(["A paragraph only the stored extraction has."], title="Stored")
    with ctx.db.session() as s:
        row = repo.get_article(s, narration.article_id)
        assert row is not None and row.extracted is not None
        row.extracted = stored.pack()
    assert reading.article_of(ctx, narration).paragraphs == stored.paragraphs
    assert reading.article_of(ctx, narration).title == "Given title"  # the row's title


def test_an_article_stored_before_extractions_were_kept_is_read_from_its_source(
    settings: Settings,
) -> None:
    ctx = _context(settings)
    article = make_article(ctx.db, ARTICLE, title="Old row")
    narration = make_narration(ctx.db, article)
    assert article.extracted is None
    assert reading.article_of(ctx, narration) == pipeline.read(
        ARTICLE.encode(), kind="text", title="Old row"
    )
