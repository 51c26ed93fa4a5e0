"""The tracking store: experiments, runs, params, metrics, tags, inputs and outputs.

Methods take and return plain dicts shaped like the wire format, so handlers pass them through.
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from ..errors import TracklineError, already_exists, invalid, not_found
from . import rules, search
from .engine import Database, driver_cursor, driver_sql
from .filters import parse_experiment_filter, parse_experiment_order_by, parse_run_filter, parse_run_order_by
from .names import random_run_name
from .schema import (
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

ACTIVE = "active"
DELETED = "deleted"
VIEW_STAGES = {"ACTIVE_ONLY": (ACTIVE,), "DELETED_ONLY": (DELETED,), "ALL": (ACTIVE, DELETED)}
RUN_NAME_TAG = "mlflow.runName"
DEFAULT_EXPERIMENT_ID = 0


# The statements of the logging path, written once as driver SQL. SQLAlchemy cannot cache the
# compiled form of its dialect-specific INSERT ... ON CONFLICT constructs (compiling them on every
# request was over half of a log-metric's CPU: 2.9 -> 0.97 ms in one process). Rows go to the
# driver as tuples, which sqlite3 binds twice as fast as dicts (a 1,000-metric log-batch: 18 -> 11
# ms). The same SQL runs on SQLite (3.24+) and PostgreSQL; only the parameter marker differs
# (see driver_sql).
_RUN_COLUMNS = "run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri"
_SELECT_RUN = f"SELECT {_RUN_COLUMNS} FROM runs WHERE run_uuid = ?"
_INSERT_METRIC = (
    "INSERT INTO metrics (run_uuid, key, timestamp, step, value, is_nan) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
_UPSERT_LATEST_METRIC = (
    "INSERT INTO latest_metrics (run_uuid, key, timestamp, step, value, is_nan) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, "
    "step = excluded.step, is_nan = excluded.is_nan "
    "WHERE (excluded.step, excluded.timestamp, excluded.value) "
    "> (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)"
)
_INSERT_PARAM = "INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?) ON CONFLICT (run_uuid, key) DO NOTHING"
_UPSERT_TAG = (
    "INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?) "
    "ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value"
)


# The data of a page of runs, for ``run_uuid IN ({})``, ordered by run then key (their primary keys).
_SELECT_LATEST_METRICS = (
    "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics "
    "WHERE run_uuid IN ({}) ORDER BY run_uuid, key"
)
_SELECT_PARAMS = "SELECT run_uuid, key, value FROM params WHERE run_uuid IN ({}) ORDER BY run_uuid, key"
# One metric's history, in the order of the metrics table's primary key (a range scan).
_SELECT_HISTORY = "SELECT timestamp, step, value, is_nan FROM metrics WHERE run_uuid = ? AND key = ?"
_AFTER_HISTORY_POSITION = " AND (timestamp, step, value, is_nan) > (?, ?, ?, ?)"
_HISTORY_ORDER = " ORDER BY timestamp, step, value, is_nan"
_SELECT_PARAM_VALUES = "SELECT key, value FROM params WHERE run_uuid = ? AND key IN ({})"
_SELECT_TAGS = "SELECT run_uuid, key, value FROM tags WHERE run_uuid IN ({}) ORDER BY run_uuid, key"

MetricRow = tuple[str, str, int, int, float, bool]
# PostgreSQL types of the columns of those INSERTs, for Database.executemany.
_METRIC_TYPES = ("text", "text", "bigint", "bigint", "float8", "boolean")
_TEXT3 = ("text", "text", "text")


def now_ms() -> int:
    return int(time.time() * 1000)


def wire_value(value: float, is_nan: bool) -> float | str:
    return "NaN" if is_nan or math.isnan(value) else value


class TrackingStore:
    def __init__(self, db: Database, artifact_root: str) -> None:
        self.db = db
        self.artifact_root = artifact_root.rstrip("/") if artifact_root not in ("/",) else artifact_root
        self._insert = pg_insert if db.dialect == "postgresql" else sqlite_insert
        self._select_run = driver_sql(db, _SELECT_RUN)
        self._insert_metric = driver_sql(db, _INSERT_METRIC)
        self._upsert_latest_metric = driver_sql(db, _UPSERT_LATEST_METRIC)
        self._insert_param = driver_sql(db, _INSERT_PARAM)
        self._upsert_tag = driver_sql(db, _UPSERT_TAG)
        self._select_run_stage = driver_sql(db, "SELECT lifecycle_stage FROM runs WHERE run_uuid = ?")
        self._rename_run = driver_sql(db, "UPDATE runs SET name = ? WHERE run_uuid = ?")
        # Receives metrics logged with a model_id, inside the same transaction.
        self.model_metrics_sink: Callable[[Connection, list[dict[str, Any]]], None] | None = None

    # ------------------------------------------------------------------ experiments

    def _experiment_location(self, experiment_id: int) -> str:
        root = self.artifact_root
        if root.endswith(":/") or root.endswith("/"):
            return f"{root}{experiment_id}"
        return f"{root}/{experiment_id}"

    def ensure_default_experiment(self) -> None:
        def work(conn: Connection) -> None:
            found = conn.execute(
                select(experiments.c.experiment_id).where(experiments.c.experiment_id == DEFAULT_EXPERIMENT_ID)
            ).first()
            if found is None:
                now = now_ms()
                conn.execute(
                    insert(experiments).values(
                        experiment_id=DEFAULT_EXPERIMENT_ID,
                        name="Default",
                        artifact_location=self._experiment_location(DEFAULT_EXPERIMENT_ID),
                        lifecycle_stage=ACTIVE,
                        creation_time=now,
                        last_update_time=now,
                    )
                )

        try:
            self.db.write(work)
        except IntegrityError:
            pass  # another process created it first

    def create_experiment(self, name: str, artifact_location: str | None, tag_list: list[dict[str, Any]]) -> str:
        rules.check_experiment_name(name)
        for tag in tag_list:
            self._check_experiment_tag(tag["key"], tag.get("value", ""))

        def work(conn: Connection) -> str:
            if conn.execute(select(experiments.c.experiment_id).where(experiments.c.name == name)).first():
                raise already_exists(f"Experiment(name={name}) already exists.")
            now = now_ms()
            new_id = conn.execute(
                insert(experiments)
                .values(
                    name=name,
                    artifact_location=artifact_location or None,
                    lifecycle_stage=ACTIVE,
                    creation_time=now,
                    last_update_time=now,
                )
                .returning(experiments.c.experiment_id)
            ).scalar_one()
            if not artifact_location:
                conn.execute(
                    update(experiments)
                    .where(experiments.c.experiment_id == new_id)
                    .values(artifact_location=self._experiment_location(new_id))
                )
            if tag_list:
                conn.execute(
                    insert(experiment_tags),
                    [
                        {"experiment_id": new_id, "key": t["key"], "value": t.get("value", "")}
                        for t in _last_per_key(tag_list)
                    ],
                )
            return str(new_id)

        try:
            return self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Experiment(name={name}) already exists.") from None

    def _check_experiment_tag(self, key: str, value: str) -> None:
        rules.check_key(key, "tag")
        if value is not None and len(value) > rules.MAX_EXPERIMENT_TAG_VALUE_LENGTH:
            raise invalid(
                f"'Experiment tag value' exceeds the maximum length of {rules.MAX_EXPERIMENT_TAG_VALUE_LENGTH} characters."
            )

    def _experiment_row(self, conn: Connection, experiment_id: int) -> Row[Any]:
        row = conn.execute(select(experiments).where(experiments.c.experiment_id == experiment_id)).first()
        if row is None:
            raise not_found(f"No Experiment with id={experiment_id} exists")
        return row

    def _experiment_dicts(self, conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
        ids = [r.experiment_id for r in rows]
        tag_map: dict[int, list[dict[str, str]]] = {}
        if ids:
            for t in conn.execute(
                select(experiment_tags).where(experiment_tags.c.experiment_id.in_(ids)).order_by(experiment_tags.c.key)
            ):
                tag_map.setdefault(t.experiment_id, []).append({"key": t.key, "value": t.value or ""})
        out = []
        for r in rows:
            exp: dict[str, Any] = {
                "experiment_id": str(r.experiment_id),
                "name": r.name,
                "artifact_location": r.artifact_location,
                "lifecycle_stage": r.lifecycle_stage,
                "last_update_time": r.last_update_time,
                "creation_time": r.creation_time,
            }
            if r.experiment_id in tag_map:
                exp["tags"] = tag_map[r.experiment_id]
            out.append({k: v for k, v in exp.items() if v is not None})
        return out

    def get_experiment(self, experiment_id: str) -> dict[str, Any]:
        eid = rules.parse_experiment_id(experiment_id)
        with self.db.read() as conn:
            return self._experiment_dicts(conn, [self._experiment_row(conn, eid)])[0]

    def get_experiment_by_name(self, name: str) -> dict[str, Any]:
        with self.db.read() as conn:
            row = conn.execute(select(experiments).where(experiments.c.name == name)).first()
            if row is None:
                raise not_found(f"Could not find experiment with name '{name}'")
            return self._experiment_dicts(conn, [row])[0]

    def search_experiments(
        self,
        view_type: str,
        max_results: int | None,
        filter_string: str | None,
        order_by: list[str] | None,
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, 1000, rules.MAX_SEARCH_RESULTS)
        conditions = search.experiment_conditions(parse_experiment_filter(filter_string))
        order = search.experiment_order(parse_experiment_order_by(order_by))
        offset = search.decode_offset_token(page_token)
        query = (
            select(experiments)
            .where(experiments.c.lifecycle_stage.in_(VIEW_STAGES[view_type]), *conditions)
            .order_by(*order)
            .offset(offset)
            .limit(limit + 1)
        )
        with self.db.read() as conn:
            rows = list(conn.execute(query))
            token = search.encode_offset_token(offset + limit) if len(rows) > limit else None
            return self._experiment_dicts(conn, rows[:limit]), token

    def rename_experiment(self, experiment_id: str, new_name: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)
        rules.check_experiment_name(new_name)

        def work(conn: Connection) -> None:
            row = self._experiment_row(conn, eid)
            if row.lifecycle_stage != ACTIVE:
                raise invalid("Cannot rename a non-active experiment.")
            if row.name == new_name:
                return
            if conn.execute(select(experiments.c.experiment_id).where(experiments.c.name == new_name)).first():
                raise already_exists(f"Experiment(name={new_name}) already exists.")
            conn.execute(
                update(experiments)
                .where(experiments.c.experiment_id == eid)
                .values(name=new_name, last_update_time=now_ms())
            )

        try:
            self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Experiment(name={new_name}) already exists.") from None

    def delete_experiment(self, experiment_id: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)
        if eid == DEFAULT_EXPERIMENT_ID:
            raise invalid("Cannot delete the default experiment '0'. This is an internally reserved experiment.")

        def work(conn: Connection) -> None:
            self._experiment_row(conn, eid)
            now = now_ms()
            conn.execute(
                update(experiments)
                .where(experiments.c.experiment_id == eid)
                .values(lifecycle_stage=DELETED, last_update_time=now)
            )
            conn.execute(
                update(runs)
                .where(runs.c.experiment_id == eid, runs.c.lifecycle_stage == ACTIVE)
                .values(lifecycle_stage=DELETED, deleted_time=now)
            )

        self.db.write(work)

    def restore_experiment(self, experiment_id: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)

        def work(conn: Connection) -> None:
            row = self._experiment_row(conn, eid)
            if row.lifecycle_stage != DELETED:
                raise invalid("Cannot restore an active experiment.")
            conn.execute(
                update(runs)
                .where(
                    runs.c.experiment_id == eid,
                    runs.c.lifecycle_stage == DELETED,
                    runs.c.deleted_time == row.last_update_time,
                )
                .values(lifecycle_stage=ACTIVE, deleted_time=None)
            )
            conn.execute(
                update(experiments)
                .where(experiments.c.experiment_id == eid)
                .values(lifecycle_stage=ACTIVE, last_update_time=now_ms())
            )

        self.db.write(work)

    def set_experiment_tag(self, experiment_id: str, key: str, value: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)
        self._check_experiment_tag(key, value)

        def work(conn: Connection) -> None:
            row = self._experiment_row(conn, eid)
            if row.lifecycle_stage != ACTIVE:
                raise invalid(
                    f"The experiment {eid} must be in the 'active' state. Current state is {row.lifecycle_stage}."
                )
            stmt = self._insert(experiment_tags).values(experiment_id=eid, key=key, value=value)
            conn.execute(stmt.on_conflict_do_update(index_elements=["experiment_id", "key"], set_={"value": value}))

        self.db.write(work)

    def delete_experiment_tag(self, experiment_id: str, key: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)

        def work(conn: Connection) -> None:
            row = self._experiment_row(conn, eid)
            if row.lifecycle_stage != ACTIVE:
                raise invalid(
                    f"The experiment {eid} must be in the 'active' state. Current state is {row.lifecycle_stage}."
                )
            result = conn.execute(
                delete(experiment_tags).where(experiment_tags.c.experiment_id == eid, experiment_tags.c.key == key)
            )
            if result.rowcount == 0:
                raise not_found(f"No tag with name: {key} in experiment with id {eid}")

        self.db.write(work)

    # ------------------------------------------------------------------ runs

    def create_run(
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
        tag_list = _last_per_key(tag_list)
        for tag in tag_list:
            rules.check_key(tag["key"], "tag")
        tag_name = next((t.get("value") for t in tag_list if t["key"] == RUN_NAME_TAG), None)
        if run_name and tag_name and run_name != tag_name:
            raise invalid(
                f"Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values "
                f"(run_name='{run_name}', mlflow.runName='{tag_name}')."
            )
        name = run_name or tag_name or random_run_name()
        if not tag_name:
            tag_list.append({"key": RUN_NAME_TAG, "value": name})
        if start_time is not None:
            rules.check_timestamp(start_time, "start_time")
        run_id = uuid.uuid4().hex
        stored_tags = sorted(
            ({"key": t["key"], "value": _truncate(t.get("value", ""), rules.MAX_TAG_VALUE_LENGTH)} for t in tag_list),
            key=lambda t: t["key"],
        )
        started = start_time if start_time is not None else now_ms()

        def work(conn: Connection) -> dict[str, Any]:
            exp = self._experiment_row(conn, eid)
            if exp.lifecycle_stage != ACTIVE:
                raise invalid(
                    f"The experiment {eid} must be in the 'active' state. Current state is {exp.lifecycle_stage}."
                )
            location = (exp.artifact_location or self._experiment_location(eid)).rstrip("/")
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
        return {"info": self._run_info(info), "data": {"tags": stored_tags}, "inputs": {}, "outputs": {}}

    def _run_row(self, conn: Connection, run_id: str | None) -> Row[Any]:
        if not run_id:
            raise invalid("Missing value for required parameter 'run_id'.")
        row = conn.exec_driver_sql(self._select_run, (run_id,)).first()
        if row is None:
            raise _run_not_found(run_id)
        return row

    def _active_run(self, conn: Connection, run_id: str | None) -> Row[Any]:
        row = self._run_row(conn, run_id)
        if row.lifecycle_stage != ACTIVE:
            raise _run_not_active(run_id, row.lifecycle_stage)
        return row

    @staticmethod
    def _run_info(row: Row[Any] | dict[str, Any]) -> dict[str, Any]:
        """The wire form of a run's info, from a ``runs`` row or a dict with its columns."""
        r = row if isinstance(row, dict) else row._mapping
        info: dict[str, Any] = {
            "run_id": r["run_uuid"],
            "run_uuid": r["run_uuid"],
            "run_name": r["name"],
            "experiment_id": str(r["experiment_id"]),
            "user_id": r["user_id"],
            "status": r["status"],
            "start_time": r["start_time"],
            "end_time": r["end_time"],
            "artifact_uri": r["artifact_uri"],
            "lifecycle_stage": r["lifecycle_stage"],
        }
        return {k: v for k, v in info.items() if v is not None}

    def _runs_with_data(self, conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
        """Full runs for these rows: 5 queries whatever the number of runs."""
        ids = [r.run_uuid for r in rows]
        data: dict[str, dict[str, list[Any]]] = {i: {} for i in ids}
        inputs: dict[str, dict[str, list[Any]]] = {i: {} for i in ids}
        outputs: dict[str, dict[str, list[Any]]] = {i: {} for i in ids}
        # The driver's own cursor and fetchall(): a 1,000-run page has ~25,000 metric, param and tag
        # rows, and going through SQLAlchemy's result rows one at a time was most of its CPU.
        with driver_cursor(conn) as cursor:
            for chunk in _chunks(ids, 500):
                marks = ", ".join("?" * len(chunk))
                cursor.execute(driver_sql(self.db, _SELECT_LATEST_METRICS.format(marks)), chunk)
                run_data: list[Any] = []
                current = None
                for run_uuid, key, value, timestamp, step, is_nan in cursor.fetchall():
                    if run_uuid != current:
                        current, run_data = run_uuid, data[run_uuid].setdefault("metrics", [])
                    run_data.append(
                        {
                            "key": key,
                            "value": wire_value(value, is_nan),
                            "timestamp": timestamp,
                            "step": step,
                        }
                    )
                for field, statement in (("params", _SELECT_PARAMS), ("tags", _SELECT_TAGS)):
                    cursor.execute(driver_sql(self.db, statement.format(marks)), chunk)
                    current = None
                    for run_uuid, key, value in cursor.fetchall():
                        if run_uuid != current:
                            current, run_data = run_uuid, data[run_uuid].setdefault(field, [])
                        run_data.append({"key": key, "value": value or ""})
        for chunk in _chunks(ids, 500):
            for d in conn.execute(select(run_dataset_inputs).where(run_dataset_inputs.c.run_uuid.in_(chunk))):
                dataset = {
                    "name": d.name,
                    "digest": d.digest,
                    "source_type": d.source_type,
                    "source": d.source,
                    "schema": d.schema,
                    "profile": d.profile,
                }
                entry: dict[str, Any] = {"dataset": {k: v for k, v in dataset.items() if v is not None}}
                input_tags = json.loads(d.tags_json) if d.tags_json else []
                if input_tags:
                    entry["tags"] = input_tags
                inputs[d.run_uuid].setdefault("dataset_inputs", []).append(entry)
            for mi in conn.execute(select(run_model_inputs).where(run_model_inputs.c.run_uuid.in_(chunk))):
                inputs[mi.run_uuid].setdefault("model_inputs", []).append({"model_id": mi.model_id})
            for mo in conn.execute(
                select(run_model_outputs)
                .where(run_model_outputs.c.run_uuid.in_(chunk))
                .order_by(run_model_outputs.c.step)
            ):
                outputs[mo.run_uuid].setdefault("model_outputs", []).append({"model_id": mo.model_id, "step": mo.step})
        return [
            {
                "info": self._run_info(r),
                "data": data[r.run_uuid],
                "inputs": inputs[r.run_uuid],
                "outputs": outputs[r.run_uuid],
            }
            for r in rows
        ]

    def get_run(self, run_id: str) -> dict[str, Any]:
        with self.db.read() as conn:
            return self._runs_with_data(conn, [self._run_row(conn, run_id)])[0]

    def update_run(self, run_id: str, status: str | None, end_time: int | None, run_name: str | None) -> dict[str, Any]:
        if end_time is not None:
            rules.check_timestamp(end_time, "end_time")

        def work(conn: Connection) -> Row[Any]:
            self._active_run(conn, run_id)
            values: dict[str, Any] = {}
            if status:
                values["status"] = status
            if end_time is not None:
                values["end_time"] = end_time
            if run_name:
                values["name"] = run_name
                with driver_cursor(conn) as cursor:
                    self._upsert_tags(cursor, run_id, [{"key": RUN_NAME_TAG, "value": run_name}])
            if values:
                conn.execute(update(runs).where(runs.c.run_uuid == run_id).values(**values))
            return self._run_row(conn, run_id)

        return self._run_info(self.db.write(work))

    def delete_run(self, run_id: str) -> None:
        def work(conn: Connection) -> None:
            self._run_row(conn, run_id)
            conn.execute(
                update(runs).where(runs.c.run_uuid == run_id).values(lifecycle_stage=DELETED, deleted_time=now_ms())
            )

        self.db.write(work)

    def restore_run(self, run_id: str) -> None:
        def work(conn: Connection) -> None:
            row = self._run_row(conn, run_id)
            exp = self._experiment_row(conn, row.experiment_id)
            if exp.lifecycle_stage != ACTIVE:
                raise invalid(
                    f"Cannot restore run {run_id}: its experiment {row.experiment_id} is deleted. "
                    "Restore the experiment first."
                )
            conn.execute(
                update(runs).where(runs.c.run_uuid == run_id).values(lifecycle_stage=ACTIVE, deleted_time=None)
            )

        self.db.write(work)

    # ------------------------------------------------------------------ logging

    def log_metric(
        self,
        run_id: str,
        key: str,
        value: float,
        timestamp: int,
        step: int | None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        metric = {"key": key, "value": value, "timestamp": timestamp, "step": step or 0, **(extra or {})}
        self.log_batch(run_id, [metric], [], [])

    def log_param(self, run_id: str, key: str, value: str) -> None:
        self.log_batch(run_id, [], [{"key": key, "value": value}], [])

    def set_tag(self, run_id: str, key: str, value: str) -> None:
        self.log_batch(run_id, [], [], [{"key": key, "value": value}])

    def delete_tag(self, run_id: str, key: str) -> None:
        def work(conn: Connection) -> None:
            self._active_run(conn, run_id)
            result = conn.execute(delete(tags).where(tags.c.run_uuid == run_id, tags.c.key == key))
            if result.rowcount == 0:
                raise not_found(f"No tag with name: {key} in run with id {run_id}")

        self.db.write(work)

    def log_batch(
        self,
        run_id: str,
        metric_list: list[dict[str, Any]],
        param_list: list[dict[str, Any]],
        tag_list: list[dict[str, Any]],
    ) -> None:
        _check_batch_sizes(metric_list, param_list, tag_list)
        metric_rows: list[MetricRow] = []
        model_rows = []
        checked_keys: set[str] = set()  # a batch repeats a few keys many times
        for m in metric_list:
            key = m["key"]
            if key not in checked_keys:
                rules.check_key(key, "metric")
                checked_keys.add(key)
            timestamp = m["timestamp"]
            rules.check_timestamp(timestamp)
            value = m["value"]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise invalid(f"Got invalid value {value!r} for metric '{key}'. Please specify value as a number.")
            stored, is_nan = rules.metric_value(float(value))
            step = m.get("step")
            step = int(step) if step else 0
            metric_rows.append((run_id, key, timestamp, step, stored, is_nan))
            if m.get("model_id"):
                model_rows.append(
                    {
                        "model_id": m["model_id"],
                        "key": key,
                        "timestamp": timestamp,
                        "step": step,
                        "run_id": run_id,
                        "value": stored,
                        "is_nan": is_nan,
                        "dataset_name": m.get("dataset_name"),
                        "dataset_digest": m.get("dataset_digest"),
                    }
                )
        seen_params: dict[str, str] = {}
        for p in param_list:
            rules.check_key(p["key"], "param")
            value = _truncate(p.get("value", ""), rules.MAX_PARAM_VALUE_LENGTH)
            if p["key"] in seen_params and seen_params[p["key"]] != value:
                raise invalid(
                    "Duplicate parameter keys have been submitted with different values: "
                    f"'{p['key']}'. Please ensure the request contains only one param value per key."
                )
            seen_params[p["key"]] = value
        for t in tag_list:
            rules.check_key(t["key"], "tag")
        tag_list = [
            {"key": t["key"], "value": _truncate(t.get("value", ""), rules.MAX_TAG_VALUE_LENGTH)}
            for t in _last_per_key(tag_list)
        ]

        def write_rows(cursor: Any) -> None:
            self._check_active_run(cursor, run_id)
            if seen_params:
                self._insert_params(cursor, run_id, seen_params)
            if tag_list:
                self._upsert_tags(cursor, run_id, tag_list)
            if metric_rows:
                self._insert_metrics(cursor, metric_rows)

        if model_rows and self.model_metrics_sink is not None:
            sink = self.model_metrics_sink

            def work(conn: Connection) -> None:
                with driver_cursor(conn) as cursor:
                    write_rows(cursor)
                sink(conn, model_rows)

            self.db.write(work)
        else:
            self.db.write_raw(write_rows)

    # The logging path below runs on a DBAPI cursor (see Database.write_raw), with statements
    # made by driver_sql.

    def _check_active_run(self, cursor: Any, run_id: str) -> None:
        cursor.execute(self._select_run_stage, (run_id,))
        found = cursor.fetchone()
        if found is None:
            raise _run_not_found(run_id)
        if found[0] != ACTIVE:
            raise _run_not_active(run_id, found[0])

    def _insert_params(self, cursor: Any, run_id: str, new: dict[str, str]) -> None:
        def stored_values(keys: list[str]) -> dict[str, str]:
            marks = ", ".join("?" * len(keys))
            cursor.execute(driver_sql(self.db, _SELECT_PARAM_VALUES.format(marks)), (run_id, *keys))
            return dict(cursor.fetchall())

        existing = stored_values(list(new))
        for key, value in new.items():
            if key in existing and existing[key] != value:
                raise invalid(
                    f"Changing param values is not allowed. Param with key='{key}' was already logged with "
                    f"value='{existing[key]}' for run ID='{run_id}'. Attempted logging new value '{value}'."
                )
        rows = [(run_id, k, v) for k, v in new.items() if k not in existing]
        if rows:
            self.db.executemany(cursor, self._insert_param, rows, _TEXT3)
            # A concurrent writer may have logged a different value in between: check again.
            stored = stored_values([key for _, key, _ in rows])
            for _, key, value in rows:
                if stored.get(key) != value:
                    raise invalid(
                        f"Changing param values is not allowed. Param with key='{key}' was already "
                        f"logged with value='{stored.get(key)}' for run ID='{run_id}'. "
                        f"Attempted logging new value '{value}'."
                    )

    def _upsert_tags(self, cursor: Any, run_id: str, tag_list: list[dict[str, Any]]) -> None:
        self.db.executemany(cursor, self._upsert_tag, [(run_id, t["key"], t["value"]) for t in tag_list], _TEXT3)
        for t in tag_list:
            if t["key"] == RUN_NAME_TAG:
                cursor.execute(self._rename_run, (t["value"], run_id))

    def _insert_metrics(self, cursor: Any, rows: list[MetricRow]) -> None:
        """Rows are (run_uuid, key, timestamp, step, value, is_nan)."""
        self.db.executemany(cursor, self._insert_metric, rows, _METRIC_TYPES)
        newest: dict[str, MetricRow] = {}
        for row in rows:
            current = newest.get(row[1])
            # The latest point is the highest (step, timestamp, value).
            if current is None or (row[3], row[2], row[4]) > (current[3], current[2], current[4]):
                newest[row[1]] = row
        self.db.executemany(cursor, self._upsert_latest_metric, list(newest.values()), _METRIC_TYPES)

    def log_inputs(self, run_id: str, datasets: list[dict[str, Any]], models: list[dict[str, Any]]) -> None:
        rows = []
        for item in datasets:
            ds = item["dataset"]
            input_tags = item.get("tags") or []
            context = next((t.get("value") for t in input_tags if t.get("key") == "mlflow.data.context"), None)
            if len(ds["name"]) > 500 or len(ds["digest"]) > 36:
                raise invalid("Dataset name must be at most 500 characters and digest at most 36 characters.")
            rows.append(
                {
                    "run_uuid": run_id,
                    "name": ds["name"],
                    "digest": ds["digest"],
                    "source_type": ds.get("source_type"),
                    "source": ds.get("source"),
                    "schema": ds.get("schema"),
                    "profile": ds.get("profile"),
                    "context": context,
                    "tags_json": json.dumps(input_tags) if input_tags else None,
                }
            )

        def work(conn: Connection) -> None:
            self._active_run(conn, run_id)
            if rows:
                conn.execute(self._insert(run_dataset_inputs).on_conflict_do_nothing(), rows)
            if models:
                conn.execute(
                    self._insert(run_model_inputs).on_conflict_do_nothing(),
                    [{"run_uuid": run_id, "model_id": m["model_id"]} for m in models],
                )

        self.db.write(work)

    def log_outputs(self, run_id: str, models: list[dict[str, Any]]) -> None:
        def work(conn: Connection) -> None:
            self._active_run(conn, run_id)
            if models:
                conn.execute(
                    self._insert(run_model_outputs).on_conflict_do_nothing(),
                    [{"run_uuid": run_id, "model_id": m["model_id"], "step": int(m.get("step") or 0)} for m in models],
                )

        self.db.write(work)

    # ------------------------------------------------------------------ metric history

    def get_metric_history(
        self, run_id: str, key: str, max_results: int | None, page_token: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        if max_results is not None and max_results < 1:
            raise invalid(
                f"Invalid value {max_results} for parameter 'max_results' supplied. It must be a positive integer."
            )
        sql = _SELECT_HISTORY
        values: tuple[Any, ...] = (run_id, key)
        if page_token:
            pos = search.decode_json_token(page_token)
            try:
                after = (int(pos["t"]), int(pos["s"]), float(pos["v"]), bool(pos["n"]))
            except (KeyError, TypeError, ValueError):
                raise invalid("Invalid page token.") from None
            sql += _AFTER_HISTORY_POSITION
            values += after
        sql += _HISTORY_ORDER
        if max_results is not None:
            sql += " LIMIT ?"
            values += (max_results + 1,)
        with self.db.read() as conn:
            self._run_row(conn, run_id)
            # The driver's cursor: a page holds up to 25,000 points (see _runs_with_data).
            with driver_cursor(conn) as cursor:
                cursor.execute(driver_sql(self.db, sql), values)
                rows = cursor.fetchall()
        token = None
        if max_results is not None and len(rows) > max_results:
            rows = rows[:max_results]
            ts, step, value, is_nan = rows[-1]
            token = search.encode_json_token({"s": step, "t": ts, "v": value, "n": bool(is_nan)})
        return [
            {"key": key, "value": "NaN" if is_nan else value, "timestamp": ts, "step": step}
            for ts, step, value, is_nan in rows
        ], token

    def get_metric_history_bulk_interval(
        self,
        run_ids: list[str],
        key: str,
        start_step: int | None,
        end_step: int | None,
        max_results: int | None,
    ) -> list[dict[str, Any]]:
        if not run_ids:
            raise invalid("Missing value for required parameter 'run_ids'.")
        if len(run_ids) > 100:
            raise invalid(
                f"GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received {len(run_ids)} run_ids."
            )
        limit = rules.check_max_results(max_results, 2500, 2500)
        if (start_step is None) != (end_step is None):
            raise invalid("If either start step or end step are specified, both must be specified.")
        if start_step is not None and end_step is not None and start_step > end_step:
            raise invalid("end_step must be greater than start_step. ")
        m = metrics.c
        out: list[dict[str, Any]] = []
        with self.db.read() as conn:
            found = {r.run_uuid for r in conn.execute(select(runs.c.run_uuid).where(runs.c.run_uuid.in_(run_ids)))}
            for run_id in dict.fromkeys(run_ids):
                if run_id not in found:
                    raise not_found(f"Run with id={run_id} not found")
                cond = and_(m.run_uuid == run_id, m.key == key)
                if start_step is not None:
                    cond = and_(cond, m.step >= start_step, m.step <= end_step)
                steps = [s for (s,) in conn.execute(select(m.step).where(cond).distinct().order_by(m.step))]
                chosen = _sample_steps(steps, limit)
                if not chosen:
                    continue
                rows = conn.execute(
                    select(m.step, m.timestamp, m.value, m.is_nan)
                    .where(cond, m.step.in_(chosen) if len(chosen) < len(steps) else cond)
                    .order_by(m.step, m.timestamp, m.value)
                ).all()
                for r in rows:
                    out.append(
                        {
                            "key": key,
                            "value": "NaN" if r.is_nan else r.value,
                            "timestamp": r.timestamp,
                            "step": r.step,
                            "run_id": run_id,
                        }
                    )
        return out

    # ------------------------------------------------------------------ search

    def search_runs(
        self,
        experiment_ids: list[str],
        filter_string: str | None,
        view_type: str,
        max_results: int | None,
        order_by: list[str] | None,
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, 1000, rules.MAX_SEARCH_RESULTS)
        eids = [rules.parse_experiment_id(e) for e in experiment_ids]
        conditions = search.run_conditions(parse_run_filter(filter_string))
        order = parse_run_order_by(order_by)
        offset = search.decode_offset_token(page_token)
        if not eids:
            return [], None
        query = select(runs).where(
            runs.c.experiment_id.in_(eids), runs.c.lifecycle_stage.in_(VIEW_STAGES[view_type]), *conditions
        )
        query = search.run_order(query, order).offset(offset).limit(limit + 1)
        with self.db.read() as conn:
            rows = list(conn.execute(query))
            token = search.encode_offset_token(offset + limit) if len(rows) > limit else None
            return self._runs_with_data(conn, rows[:limit]), token

    def deleted_for_gc(
        self, older_than_ms: int, run_ids: list[str], experiment_ids: list[str]
    ) -> tuple[list[tuple[str, str]], list[int]]:
        """Runs (id, artifact URI) and experiments that ``trackline gc`` removes for good."""
        cutoff = now_ms() - older_than_ms
        eids = [rules.parse_experiment_id(e) for e in experiment_ids]
        with self.db.read() as conn:
            if run_ids or eids:
                found = {r.run_uuid: r for r in conn.execute(select(runs).where(runs.c.run_uuid.in_(run_ids)))}
                for run_id in run_ids:
                    if run_id not in found:
                        raise not_found(f"Run with id={run_id} not found")
                    if found[run_id].lifecycle_stage != DELETED:
                        raise invalid(f"Run {run_id} is not in the deleted state; delete it first.")
                exps = {
                    e.experiment_id: e
                    for e in conn.execute(select(experiments).where(experiments.c.experiment_id.in_(eids)))
                }
                for eid in eids:
                    if eid not in exps:
                        raise not_found(f"No Experiment with id={eid} exists")
                    if exps[eid].lifecycle_stage != DELETED:
                        raise invalid(f"Experiment {eid} is not in the deleted state; delete it first.")
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

    def purge(self, run_ids: list[str], experiment_ids: list[int]) -> None:
        def work(conn: Connection) -> None:
            tables = (
                metrics,
                latest_metrics,
                params,
                tags,
                run_dataset_inputs,
                run_model_inputs,
                run_model_outputs,
            )
            for chunk in _chunks(run_ids, 500):
                for table in tables:
                    conn.execute(delete(table).where(table.c.run_uuid.in_(chunk)))
                conn.execute(delete(runs).where(runs.c.run_uuid.in_(chunk)))
            if experiment_ids:
                conn.execute(delete(experiment_tags).where(experiment_tags.c.experiment_id.in_(experiment_ids)))
                conn.execute(delete(experiments).where(experiments.c.experiment_id.in_(experiment_ids)))

        self.db.write(work)

    def count_runs(self) -> int:
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(runs)).scalar_one())


def _run_not_found(run_id: str) -> TracklineError:
    return not_found(f"Run with id={run_id} not found")


def _run_not_active(run_id: str, stage: str) -> TracklineError:
    return invalid(f"The run {run_id} must be in the 'active' state. Current state is {stage}.")


def _truncate(value: str | None, limit: int) -> str:
    value = value or ""
    return value[:limit] if len(value) > limit else value


def _last_per_key(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_key: dict[str, dict[str, Any]] = {}
    for item in items:
        by_key[item["key"]] = item
    return list(by_key.values())


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _sample_steps(steps: list[int], limit: int) -> list[int]:
    """At most ``limit`` steps spread evenly, first and last kept."""
    if len(steps) <= limit:
        return steps
    if limit == 1:
        return [steps[0]]
    last = len(steps) - 1
    picked = sorted({round(i * last / (limit - 1)) for i in range(limit)})
    return [steps[i] for i in picked]


def _check_batch_sizes(metric_list: list[Any], param_list: list[Any], tag_list: list[Any]) -> None:
    if len(metric_list) > rules.MAX_BATCH_METRICS:
        raise invalid(
            f"A batch logging request can contain at most {rules.MAX_BATCH_METRICS} metrics. "
            f"Got {len(metric_list)} metrics. Please split up metrics across multiple requests and try again."
        )
    if len(param_list) > rules.MAX_BATCH_PARAMS:
        raise invalid(
            f"A batch logging request can contain at most {rules.MAX_BATCH_PARAMS} params. "
            f"Got {len(param_list)} params. Please split up params across multiple requests and try again."
        )
    if len(tag_list) > rules.MAX_BATCH_TAGS:
        raise invalid(
            f"A batch logging request can contain at most {rules.MAX_BATCH_TAGS} tags. "
            f"Got {len(tag_list)} tags. Please split up tags across multiple requests and try again."
        )
    total = len(metric_list) + len(param_list) + len(tag_list)
    if total > rules.MAX_BATCH_ENTITIES:
        raise invalid(
            f"A batch logging request can contain at most {rules.MAX_BATCH_ENTITIES} total metrics, params "
            f"and tags. Got {total} entities. Please split up the request and try again."
        )
