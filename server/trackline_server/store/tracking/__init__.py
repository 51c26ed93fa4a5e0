"""The tracking store: experiments, runs, logging, metric history, search and gc, each in its own module.

``TrackingStore`` only wires the parts together; callers use them by name::

    store = TrackingStore(db, "mlflow-artifacts:/", on_model_metrics=models.record_metrics)
    run = store.runs.create("0", "alice", "baseline", None, [])
    store.logging.log_metric(run["info"]["run_id"], "loss", 0.3, 1700000000000, 1)
"""

from __future__ import annotations

from ..engine import Database
from .experiments import DEFAULT_EXPERIMENT_ID, ExperimentStore
from .gc import GarbageCollector
from .history import MetricHistoryStore
from .logging import ModelMetricsSink, RunLogger
from .runs import RUN_NAME_TAG, RunStore
from .search import TrackingSearch

__all__ = ["DEFAULT_EXPERIMENT_ID", "RUN_NAME_TAG", "TrackingStore"]


class TrackingStore:
    def __init__(self, db: Database, artifact_root: str, on_model_metrics: ModelMetricsSink | None = None) -> None:
        """``on_model_metrics`` receives the metrics logged with a ``model_id``, in the same transaction."""
        self.db = db
        self.experiments = ExperimentStore(db, artifact_root)
        self.runs = RunStore(db, self.experiments)
        self.logging = RunLogger(db, self.runs, on_model_metrics)
        self.history = MetricHistoryStore(db, self.runs)
        self.search = TrackingSearch(db)
        self.gc = GarbageCollector(db)
