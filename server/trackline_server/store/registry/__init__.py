"""The model registry: registered models, versions, aliases, search and the audit trail, each in its own module.

``RegistryStore`` only wires the parts together; callers use them by name::

    registry = RegistryStore(db, logged_models=models)
    registry.models.create("churn", [], "the churn model", "alice")
    registry.versions.create("churn", "runs:/<run id>/model", None, [], None, None, None, "alice", None)
    registry.aliases.set("churn", "champion", "1", "alice", "beats the baseline")
"""

from __future__ import annotations

from ..engine import Database
from ..logged_models import LoggedModelStore
from .aliases import AliasStore
from .history import RegistryHistory
from .models import RegisteredModelStore
from .search import RegistrySearch
from .versions import ModelVersionStore

__all__ = ["RegistryStore"]


class RegistryStore:
    def __init__(self, db: Database, logged_models: LoggedModelStore) -> None:
        """``logged_models`` keeps the logged models that versions are registered from up to date."""
        self.db = db
        self.models = RegisteredModelStore(db)
        self.versions = ModelVersionStore(db, logged_models)
        self.aliases = AliasStore(db)
        self.search = RegistrySearch(db)
        self.history = RegistryHistory(db)
