"""``trackline gc``: which deleted runs and experiments to remove for good, and removing their rows."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from ...errors import invalid, not_found
from .. import rules
from ..common import DELETED, chunks, now_ms
from ..engine import Database
from ..schema import (
    experiment_tags,
    experiments,
    latest_metrics,
    metrics,
    params,
    run_dataset_inputs,
    run_model_inputs,
    run_model_outputs,
    runs,
    tags,
)
from .runs import run_not_found

# The tables that hold a run's data, emptied before the run's own row; metrics (which has no foreign key)
# after it: deleting the run waits for a log-batch that holds it (FOR KEY SHARE) to commit, and no later one
# finds the run, so the points deleted next are all the run will ever have.
_RUN_DATA_TABLES = (latest_metrics, params, tags, run_dataset_inputs, run_model_inputs, run_model_outputs)


class GarbageCollector:
    def __init__(self, db: Database) -> None:
        self.db = db

    def deleted(
        self, older_than_ms: int, run_ids: list[str], experiment_ids: list[str]
    ) -> tuple[list[tuple[str, str]], list[int]]:
        """Runs (id, artifact URI) and experiments to remove: those named (which must be deleted), else
        every run and experiment deleted at least ``older_than_ms`` ago."""
        cutoff = now_ms() - older_than_ms
        eids = [rules.parse_experiment_id(e) for e in experiment_ids]
        with self.db.read() as conn:
            if run_ids or eids:
                self._check_deleted(conn, run_ids, eids)
                run_cond = runs.c.run_uuid.in_(run_ids) | runs.c.experiment_id.in_(eids)
            else:
                eids = [
                    e
                    for (e,) in conn.execute(
                        select(experiments.c.experiment_id).where(
                            experiments.c.lifecycle_stage == DELETED, experiments.c.last_update_time <= cutoff
                        )
                    )
                ]
                run_cond = (
                    (runs.c.lifecycle_stage == DELETED) & (runs.c.deleted_time <= cutoff)
                ) | runs.c.experiment_id.in_(eids)
            doomed = [
                (r.run_uuid, r.artifact_uri)
                for r in conn.execute(select(runs.c.run_uuid, runs.c.artifact_uri).where(run_cond))
            ]
        return doomed, eids

    @staticmethod
    def _check_deleted(conn: Connection, run_ids: list[str], experiment_ids: list[int]) -> None:
        found = {r.run_uuid: r for r in conn.execute(select(runs).where(runs.c.run_uuid.in_(run_ids)))}
        for run_id in run_ids:
            if run_id not in found:
                raise run_not_found(run_id)
            if found[run_id].lifecycle_stage != DELETED:
                raise invalid(f"Run {run_id} is not in the deleted state; delete it first.")
        exps = {
            e.experiment_id: e
            for e in conn.execute(select(experiments).where(experiments.c.experiment_id.in_(experiment_ids)))
        }
        for eid in experiment_ids:
            if eid not in exps:
                raise not_found(f"No Experiment with id={eid} exists")
            if exps[eid].lifecycle_stage != DELETED:
                raise invalid(f"Experiment {eid} is not in the deleted state; delete it first.")

    def purge(self, run_ids: list[str], experiment_ids: list[int]) -> None:
        def work(conn: Connection) -> None:
            for chunk in chunks(run_ids):
                for table in _RUN_DATA_TABLES:
                    conn.execute(delete(table).where(table.c.run_uuid.in_(chunk)))
                conn.execute(delete(runs).where(runs.c.run_uuid.in_(chunk)))
                conn.execute(delete(metrics).where(metrics.c.run_uuid.in_(chunk)))
            if experiment_ids:
                conn.execute(delete(experiment_tags).where(experiment_tags.c.experiment_id.in_(experiment_ids)))
                conn.execute(delete(experiments).where(experiments.c.experiment_id.in_(experiment_ids)))

        self.db.write(work)
