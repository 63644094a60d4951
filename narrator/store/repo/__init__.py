"""Data access: plain functions over a Session the caller owns.

These functions flush but never commit: the caller's `db.session()` block is the transaction.
Lookups return None when nothing matches; `load_*` raise NotFound; state changes on a missing
narration raise NotFound. State changes are single UPDATE statements (no read-modify-write),
so concurrent workers and the reaper cannot lose each other's writes.

    keys        content_hash, narration_cache_key, chunk_cache_key: what makes two rows one
    articles    the stored article texts
    narrations  one row per article x voice x speed x format x engine version
    lifecycle   a narration's state changes (queued -> processing -> ready | failed)
    chunks      the rendered-chunk cache
    lexicons    publishers' pronunciation lexicons, a version per save
    rows        the insert-or-get and UPDATE ... RETURNING the modules above share

Callers use this package as one namespace: `from narrator.store import repo; repo.load_article`.
"""

from narrator.store.repo.articles import (
    create_article,
    delete_article,
    find_article_by_hash,
    get_article,
    load_article,
)
from narrator.store.repo.chunks import (
    CHUNK_TOUCH_INTERVAL,
    cached_chunks,
    evict_chunks,
    get_chunk,
    put_chunk,
)
from narrator.store.repo.keys import (
    NO_OWNER,
    chunk_cache_key,
    content_hash,
    narration_cache_key,
    normalize_source,
    owner_of,
)
from narrator.store.repo.lexicons import current_lexicon, get_lexicon, save_lexicon
from narrator.store.repo.lifecycle import (
    bump_attempt,
    claim_assembly,
    keep_waiting,
    listened_at,
    mark_failed,
    mark_listened,
    mark_processing,
    mark_ready,
    requeue,
    touch,
)
from narrator.store.repo.narrations import (
    counts_by_status,
    create_narration,
    delete_narration,
    find_narration_by_cache_key,
    get_narration,
    list_narrations,
    load_narration,
    recent_narrations,
)

__all__ = [
    "CHUNK_TOUCH_INTERVAL",
    "NO_OWNER",
    "bump_attempt",
    "cached_chunks",
    "chunk_cache_key",
    "claim_assembly",
    "content_hash",
    "counts_by_status",
    "create_article",
    "create_narration",
    "current_lexicon",
    "delete_article",
    "delete_narration",
    "evict_chunks",
    "find_article_by_hash",
    "find_narration_by_cache_key",
    "get_article",
    "get_chunk",
    "get_lexicon",
    "get_narration",
    "keep_waiting",
    "list_narrations",
    "listened_at",
    "load_article",
    "load_narration",
    "mark_failed",
    "mark_listened",
    "mark_processing",
    "mark_ready",
    "narration_cache_key",
    "normalize_source",
    "owner_of",
    "put_chunk",
    "recent_narrations",
    "requeue",
    "save_lexicon",
    "touch",
]
