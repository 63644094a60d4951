"""The durable state: database (db, models, repo, ledger) and files (files, layout)."""

# The webhook and feed tables join Base.metadata whenever the store is imported (migrations,
# tests).
from narrator.store import source_models as source_models
from narrator.store import webhook_models as webhook_models
