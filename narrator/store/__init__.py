"""The durable state: database (db, models, repo, ledger) and files (files, layout)."""

# The webhook tables join Base.metadata whenever the store is imported (migrations, tests).
from narrator.store import webhook_models as webhook_models
