"""Runs in their wire form: the info of a ``runs`` row, and the data, inputs and outputs of a page of runs.

A page's data is fetched for the page only, in a fixed number of queries whatever its size.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from ..common import chunks, wire_value
from ..engine import Database, driver_cursor, driver_sql
from ..schema import run_dataset_inputs, run_model_inputs, run_model_outputs

# The data of a page of runs, for ``run_uuid IN ({})``, ordered by run then key (their primary keys).
_SELECT_LATEST_METRICS = (
    "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics "
    "WHERE run_uuid IN ({}) ORDER BY run_uuid, key"
)
_SELECT_PARAMS = "SELECT run_uuid, key, value FROM params WHERE run_uuid IN ({}) ORDER BY run_uuid, key"
_SELECT_TAGS = "SELECT run_uuid, key, value FROM tags WHERE run_uuid IN ({}) ORDER BY run_uuid, key"


def run_info(row: Row[Any] | dict[str, Any]) -> dict[str, Any]:
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


def runs_with_data(db: Database, conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
    """Full runs for these ``runs`` rows: 6 queries per 500 runs, whatever the data they hold."""
    ids = [r.run_uuid for r in rows]
    data: dict[str, dict[str, list[Any]]] = {i: {} for i in ids}
    inputs: dict[str, dict[str, list[Any]]] = {i: {} for i in ids}
    outputs: dict[str, dict[str, list[Any]]] = {i: {} for i in ids}
    # The driver's own cursor and fetchall(): a 1,000-run page has ~25,000 metric, param and tag
    # rows, and going through SQLAlchemy's result rows one at a time was most of its CPU.
    with driver_cursor(conn) as cursor:
        for chunk in chunks(ids):
            marks = ", ".join("?" * len(chunk))
            cursor.execute(driver_sql(db, _SELECT_LATEST_METRICS.format(marks)), chunk)
            run_data: list[Any] = []
            current = None
            for run_uuid, key, value, timestamp, step, is_nan in cursor.fetchall():
                if run_uuid != current:
                    current, run_data = run_uuid, data[run_uuid].setdefault("metrics", [])
                run_data.append({"key": key, "value": wire_value(value, is_nan), "timestamp": timestamp, "step": step})
            for field, statement in (("params", _SELECT_PARAMS), ("tags", _SELECT_TAGS)):
                cursor.execute(driver_sql(db, statement.format(marks)), chunk)
                current = None
                for run_uuid, key, value in cursor.fetchall():
                    if run_uuid != current:
                        current, run_data = run_uuid, data[run_uuid].setdefault(field, [])
                    run_data.append({"key": key, "value": value or ""})
    for chunk in chunks(ids):
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
            select(run_model_outputs).where(run_model_outputs.c.run_uuid.in_(chunk)).order_by(run_model_outputs.c.step)
        ):
            outputs[mo.run_uuid].setdefault("model_outputs", []).append({"model_id": mo.model_id, "step": mo.step})
    return [
        {
            "info": run_info(r),
            "data": data[r.run_uuid],
            "inputs": inputs[r.run_uuid],
            "outputs": outputs[r.run_uuid],
        }
        for r in rows
    ]
