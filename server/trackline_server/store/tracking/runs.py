"""Runs: create, read, update, delete and restore them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.engine.interfaces import DBAPICursor

from ...errors import TracklineError, invalid, not_found
from .. import rules
from ..common import ACTIVE, DELETED, last_per_key, not_active, now_ms, truncate, upsert
from ..engine import Database, driver_sql
from ..names import random_run_name
from ..schema import runs, tags
from .experiments import DEFAULT_EXPERIMENT_ID, ExperimentStore, experiment_not_found
from .run_data import run_info, runs_with_data

RUN_NAME_TAG = "mlflow.runName"

_SELECT_RUN = (
    "SELECT run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri "
    "FROM runs WHERE run_uuid = ?"
)


# PostgreSQL: a run and its tags written in one statement, its own transaction (one round trip
# instead of five); the experiment's stage comes back to tell why nothing was written.
_CREATE_RUN_PG = """
WITH e AS (
  SELECT experiment_id, artifact_location, lifecycle_stage FROM experiments WHERE experiment_id = %(eid)s FOR KEY SHARE
), r AS (
  INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, lifecycle_stage, artifact_uri)
  SELECT %(run_id)s, %(name)s, e.experiment_id, %(user_id)s, 'RUNNING', %(start_time)s, 'active',
         rtrim(coalesce(nullif(e.artifact_location, ''), %(location)s), '/') || '/' || %(run_id)s || '/artifacts'
  FROM e WHERE e.lifecycle_stage = 'active'
  RETURNING artifact_uri
), t AS (
  INSERT INTO tags (run_uuid, key, value)
  SELECT %(run_id)s, n.key, n.value FROM unnest(%(keys)s::text[], %(values)s::text[]) AS n(key, value)
  WHERE EXISTS (SELECT 1 FROM r)
)
SELECT e.lifecycle_stage, (SELECT artifact_uri FROM r) FROM e
"""


def run_not_found(run_id: str) -> TracklineError:
    return not_found(f"Run with id={run_id} not found")


class RunStore:
    def __init__(self, db: Database, experiments: ExperimentStore) -> None:
        self.db = db
        self.experiments = experiments
        self._select_run = driver_sql(db, _SELECT_RUN)

    def row(self, conn: Connection, run_id: str) -> Row[Any]:
        row = conn.exec_driver_sql(self._select_run, (run_id,)).first()
        if row is None:
            raise run_not_found(run_id)
        return row

    def active_row(self, conn: Connection, run_id: str) -> Row[Any]:
        row = self.row(conn, run_id)
        if row.lifecycle_stage != ACTIVE:
            raise not_active("run", run_id, row.lifecycle_stage)
        return row

    @staticmethod
    def check_create(run_name: str | None, start_time: int | None, tag_list: list[dict[str, Any]]) -> str | None:
        """Refuses a run's fields that break MLflow's rules; the name its tags give, if any."""
        for tag in tag_list:
            rules.check_key(tag["key"], "tag")
        tag_name = next((t.get("value") for t in reversed(tag_list) if t["key"] == RUN_NAME_TAG), None)
        if run_name and tag_name and run_name != tag_name:
            raise invalid(
                f"Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values "
                f"(run_name='{run_name}', mlflow.runName='{tag_name}')."
            )
        if start_time is not None:
            rules.check_timestamp(start_time, "start_time")
        return tag_name

    def create(
        self,
        experiment_id: str | None,
        user_id: str | None,
        run_name: str | None,
        start_time: int | None,
        tag_list: list[dict[str, Any]],
        on_created: Callable[[Connection, str], None] | None = None,
    ) -> dict[str, Any]:
        """A new run; ``on_created(conn, run_id)`` runs in the same transaction, after its rows."""
        eid = rules.parse_experiment_id(experiment_id) if experiment_id not in (None, "") else DEFAULT_EXPERIMENT_ID
        tag_list = last_per_key(tag_list)
        tag_name = self.check_create(run_name, start_time, tag_list)
        name = run_name or tag_name or random_run_name()
        if not tag_name:
            tag_list.append({"key": RUN_NAME_TAG, "value": name})
        run_id = uuid.uuid4().hex
        stored_tags = sorted(
            ({"key": t["key"], "value": truncate(t.get("value", ""), rules.MAX_TAG_VALUE_LENGTH)} for t in tag_list),
            key=lambda t: t["key"],
        )
        started = start_time if start_time is not None else now_ms()
        if self.db.dialect == "postgresql" and on_created is None:
            info = self._create_in_one_statement(eid, run_id, name, user_id or "", started, stored_tags)
            return {"info": run_info(info), "data": {"tags": stored_tags}, "inputs": {}, "outputs": {}}

        def work(conn: Connection) -> dict[str, Any]:
            exp = self.experiments.active_row(conn, eid)
            location = (exp.artifact_location or self.experiments.location(eid)).rstrip("/")
            info = {
                "run_uuid": run_id,
                "name": name,
                "experiment_id": eid,
                "user_id": user_id or "",
                "status": "RUNNING",
                "start_time": started,
                "end_time": None,
                "lifecycle_stage": ACTIVE,
                "artifact_uri": f"{location}/{run_id}/artifacts",
            }
            conn.execute(insert(runs).values(**info))
            conn.execute(insert(tags), [{"run_uuid": run_id, **t} for t in stored_tags])
            if on_created is not None:
                on_created(conn, run_id)
            return info

        # The answer is what was just written; reading it back would cost a second transaction.
        info = self.db.write(work)
        return {"info": run_info(info), "data": {"tags": stored_tags}, "inputs": {}, "outputs": {}}

    def _create_in_one_statement(
        self, eid: int, run_id: str, name: str, user_id: str, started: int, stored_tags: list[dict[str, Any]]
    ) -> dict[str, Any]:
        arguments = {
            "eid": eid,
            "run_id": run_id,
            "name": name,
            "user_id": user_id,
            "start_time": started,
            "location": self.experiments.location(eid),
            "keys": [t["key"] for t in stored_tags],
            "values": [t["value"] for t in stored_tags],
        }

        def call(cursor: DBAPICursor) -> tuple[str, str] | None:
            cursor.execute(_CREATE_RUN_PG, arguments)
            return cursor.fetchone()

        found = self.db.write_statement(call)
        if found is None:
            raise experiment_not_found(eid)
        stage, artifact_uri = found
        if artifact_uri is None:
            raise not_active("experiment", eid, stage)
        return {
            "run_uuid": run_id,
            "name": name,
            "experiment_id": eid,
            "user_id": user_id,
            "status": "RUNNING",
            "start_time": started,
            "end_time": None,
            "lifecycle_stage": ACTIVE,
            "artifact_uri": artifact_uri,
        }

    def get(self, run_id: str) -> dict[str, Any]:
        with self.db.read() as conn:
            return runs_with_data(self.db, conn, [self.row(conn, run_id)])[0]

    def update(self, run_id: str, status: str | None, end_time: int | None, run_name: str | None) -> dict[str, Any]:
        if end_time is not None:
            rules.check_timestamp(end_time, "end_time")

        def work(conn: Connection) -> Row[Any]:
            self.active_row(conn, run_id)
            values: dict[str, Any] = {}
            if status:
                values["status"] = status
            if end_time is not None:
                values["end_time"] = end_time
            if run_name:
                values["name"] = run_name
                conn.execute(
                    upsert(
                        self.db.dialect, tags, ("run_uuid", "key"), run_uuid=run_id, key=RUN_NAME_TAG, value=run_name
                    )
                )
            if values:
                conn.execute(update(runs).where(runs.c.run_uuid == run_id).values(**values))
            return self.row(conn, run_id)

        return run_info(self.db.write(work))

    def delete(self, run_id: str) -> None:
        def work(conn: Connection) -> None:
            self.row(conn, run_id)
            conn.execute(
                update(runs).where(runs.c.run_uuid == run_id).values(lifecycle_stage=DELETED, deleted_time=now_ms())
            )

        self.db.write(work)

    def restore(self, run_id: str) -> None:
        def work(conn: Connection) -> None:
            row = self.row(conn, run_id)
            exp = self.experiments.row(conn, row.experiment_id)
            if exp.lifecycle_stage != ACTIVE:
                raise invalid(
                    f"Cannot restore run {run_id}: its experiment {row.experiment_id} is deleted. "
                    "Restore the experiment first."
                )
            conn.execute(
                update(runs).where(runs.c.run_uuid == run_id).values(lifecycle_stage=ACTIVE, deleted_time=None)
            )

        self.db.write(work)
