"""Queries behind the web UI's runs table: a window of rows with chosen columns, and an experiment's keys.

``runs/search`` returns every param, metric and tag of each run and pages with opaque tokens. The
table needs the opposite: any window of rows (``offset``) with the total count, and only the
columns on screen, so a 10,000-run experiment costs one page of small rows however wide it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, not_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from ..errors import invalid, missing
from . import rules
from .common import VIEW_STAGES, chunks, wire_value
from .engine import Database, driver_cursor, driver_sql
from .filters import parse_run_filter, parse_run_order_by
from .schema import experiments, latest_metrics, params, runs, tags
from .tracking.experiments import experiment_not_found
from .tracking.search import run_conditions, run_order

PARENT_TAG = "mlflow.parentRunId"
SOURCE_TAG = "mlflow.source.name"
DURATION_KEYS = ("attributes.duration", "attribute.duration", "duration")
MAX_COLUMNS = 200
MAX_WINDOW_KEYS = 50  # per kind, with all_columns
MAX_ROWS = 1000
DEFAULT_ROWS = 100
MAX_OFFSET = 1_000_000

_ROW_COLUMNS = (
    runs.c.run_uuid,
    runs.c.name,
    runs.c.experiment_id,
    runs.c.status,
    runs.c.start_time,
    runs.c.end_time,
    runs.c.user_id,
    runs.c.lifecycle_stage,
)


@dataclass
class TableQuery:
    experiment_ids: list[str]
    filter: str | None = None
    view_type: str = "ACTIVE_ONLY"
    order_by: list[str] = field(default_factory=list)
    param_keys: list[str] = field(default_factory=list)
    metric_keys: list[str] = field(default_factory=list)
    tag_keys: list[str] = field(default_factory=list)
    offset: int = 0
    max_results: int | None = None
    top_level_only: bool = False
    parent_run_id: str | None = None
    all_columns: bool = False


def _has_parent_tag(value: str | None = None) -> ColumnElement[bool]:
    t = tags.alias()
    cond = and_(t.c.run_uuid == runs.c.run_uuid, t.c.key == PARENT_TAG)
    if value is not None:
        cond = and_(cond, t.c.value == value)
    return exists(select(literal(1)).where(cond))


def _order(query: Select[Any], order_by: list[str]) -> Select[Any]:
    """``runs/search`` ordering, with ``attributes.duration`` allowed as the first key."""
    items = list(order_by)
    if items:
        head = items[0].strip().split()
        if head and head[0].lower() in DURATION_KEYS:
            descending = len(head) > 1 and head[1].upper() == "DESC"
            if len(head) > 2 or (len(head) == 2 and head[1].upper() not in ("ASC", "DESC")):
                raise invalid(f"Invalid order_by clause '{items[0]}'. Use '<key> [ASC|DESC]'.")
            duration = runs.c.end_time - runs.c.start_time
            query = query.order_by(
                case((duration.is_(None), 1), else_=0), duration.desc() if descending else duration.asc()
            )
            items = items[1:]
    if any(i.strip().split()[0].lower() in DURATION_KEYS for i in items if i.strip()):
        raise invalid("attributes.duration can only be the first order_by key.")
    return run_order(query, parse_run_order_by(items))


def _check(q: TableQuery) -> tuple[list[int], int]:
    if not q.experiment_ids:
        raise missing("experiment_ids")
    limit = rules.check_max_results(q.max_results, DEFAULT_ROWS, MAX_ROWS)
    if q.offset < 0 or q.offset > MAX_OFFSET:
        raise invalid(f"Invalid value {q.offset} for parameter 'offset': it must be between 0 and {MAX_OFFSET}.")
    if len(q.param_keys) + len(q.metric_keys) + len(q.tag_keys) > MAX_COLUMNS:
        raise invalid(f"A runs table can have at most {MAX_COLUMNS} param, metric and tag columns.")
    if q.view_type not in VIEW_STAGES:
        raise invalid(f"Invalid run_view_type '{q.view_type}'.")
    return rules.parse_experiment_ids(q.experiment_ids), limit


def runs_table(db: Database, q: TableQuery) -> dict[str, Any]:
    eids, limit = _check(q)
    where: list[ColumnElement[bool]] = [
        runs.c.experiment_id.in_(eids),
        runs.c.lifecycle_stage.in_(VIEW_STAGES[q.view_type]),
        *run_conditions(parse_run_filter(q.filter)),
    ]
    if q.parent_run_id:
        where.append(_has_parent_tag(q.parent_run_id))
    if q.top_level_only:
        where.append(not_(_has_parent_tag()))
    page = _order(select(*_ROW_COLUMNS).where(*where), q.order_by).offset(q.offset).limit(limit)
    with db.read() as conn:
        total = int(conn.execute(select(func.count()).select_from(runs).where(*where)).scalar_one())
        rows = [dict(r._mapping) for r in conn.execute(page)] if total > q.offset else []
        if not rows:  # empty fields are left out, as everywhere in the API
            return {"total_count": total}
        return {"total_count": total, "rows": _rows_with_columns(db, conn, rows, q)}


def _rows_with_columns(db: Database, conn: Connection, rows: list[dict[str, Any]], q: TableQuery) -> list[Any]:
    ids = [r["run_uuid"] for r in rows]
    values: dict[str, dict[str, list[dict[str, Any]]]] = {i: {"params": [], "metrics": [], "tags": []} for i in ids}
    system: dict[str, dict[str, str]] = {i: {} for i in ids}
    children: dict[str, int] = {}
    tag_keys = sorted({*q.tag_keys, PARENT_TAG, SOURCE_TAG})
    with driver_cursor(conn) as cursor:
        param_keys, metric_keys = q.param_keys, q.metric_keys
        if q.all_columns:
            param_keys, metric_keys = (_window_keys(db, cursor, table, ids) for table in ("params", "latest_metrics"))
        for chunk in chunks(ids):
            marks = ", ".join("?" * len(chunk))
            for kind, keys in (("params", param_keys), ("tags", tag_keys)):
                if not keys:
                    continue
                sql = (
                    f"SELECT run_uuid, key, value FROM {kind} WHERE run_uuid IN ({marks}) "
                    f"AND key IN ({', '.join('?' * len(keys))}) ORDER BY run_uuid, key"
                )
                cursor.execute(driver_sql(db, sql), [*chunk, *keys])
                for run_uuid, key, value in cursor.fetchall():
                    if kind == "tags" and key in (PARENT_TAG, SOURCE_TAG):
                        system[run_uuid][key] = value or ""
                        if key not in q.tag_keys:
                            continue
                    values[run_uuid][kind].append({"key": key, "value": value or ""})
            if metric_keys:
                sql = (
                    "SELECT run_uuid, key, value, is_nan FROM latest_metrics "
                    f"WHERE run_uuid IN ({marks}) AND key IN ({', '.join('?' * len(metric_keys))}) "
                    "ORDER BY run_uuid, key"
                )
                cursor.execute(driver_sql(db, sql), [*chunk, *metric_keys])
                for run_uuid, key, value, is_nan in cursor.fetchall():
                    values[run_uuid]["metrics"].append({"key": key, "value": wire_value(value, is_nan)})
            # Children counted among the runs of the same lifecycle stages as the table shows.
            stages = VIEW_STAGES[q.view_type]
            sql = (
                "SELECT t.value, COUNT(*) FROM tags t JOIN runs r ON r.run_uuid = t.run_uuid "
                f"WHERE t.key = ? AND t.value IN ({marks}) AND r.lifecycle_stage IN ({', '.join('?' * len(stages))}) "
                "GROUP BY t.value"
            )
            cursor.execute(driver_sql(db, sql), [PARENT_TAG, *chunk, *stages])
            children.update({parent: int(count) for parent, count in cursor.fetchall()})
    out = []
    for r in rows:
        run_id = r["run_uuid"]
        row: dict[str, Any] = {
            "run_id": run_id,
            "run_name": r["name"],
            "experiment_id": str(r["experiment_id"]),
            "status": r["status"],
            "start_time": r["start_time"],
            "end_time": r["end_time"],
            "user_id": r["user_id"],
            "lifecycle_stage": r["lifecycle_stage"],
            "source_name": system[run_id].get(SOURCE_TAG),
            "parent_run_id": system[run_id].get(PARENT_TAG),
            "child_count": children.get(run_id, 0),
        }
        row.update({kind: items for kind, items in values[run_id].items() if items})
        out.append({k: v for k, v in row.items() if v is not None})
    return out


def _window_keys(db: Database, cursor: Any, table: str, ids: list[str]) -> list[str]:
    """The first keys by name that these runs have in ``table`` (a window has at most MAX_ROWS runs)."""
    marks = ", ".join("?" * len(ids))
    sql = f"SELECT DISTINCT key FROM {table} WHERE run_uuid IN ({marks}) ORDER BY key LIMIT {MAX_WINDOW_KEYS}"
    cursor.execute(driver_sql(db, sql), ids)
    return [key for (key,) in cursor.fetchall()]


def experiment_keys(db: Database, experiment_id: str, view_type: str) -> dict[str, list[str]]:
    """The distinct param, metric and tag keys of an experiment's runs, sorted."""
    eid = rules.parse_experiment_id(experiment_id)
    if view_type not in VIEW_STAGES:
        raise invalid(f"Invalid run_view_type '{view_type}'.")
    stages = VIEW_STAGES[view_type]
    out: dict[str, list[str]] = {}
    with db.read() as conn:
        found = conn.execute(select(experiments.c.experiment_id).where(experiments.c.experiment_id == eid)).first()
        if found is None:
            raise experiment_not_found(eid)
        for name, table in (("params", params), ("metrics", latest_metrics), ("tags", tags)):
            query = (
                select(table.c.key)
                .distinct()
                .join(runs, runs.c.run_uuid == table.c.run_uuid)
                .where(runs.c.experiment_id == eid, runs.c.lifecycle_stage.in_(stages))
                .order_by(table.c.key)
            )
            keys = [k for (k,) in conn.execute(query)]
            if keys:
                out[name] = keys
    return out
