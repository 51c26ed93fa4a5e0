"""Searching runs and experiments: their filters and orders as SQL, page data fetched for the page only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, exists, literal, select
from sqlalchemy.sql import Select

from ...errors import invalid
from .. import rules
from ..common import VIEW_STAGES
from ..conditions import Visible, compare, key_value_condition, whole_number
from ..engine import Database
from ..filters import (
    Clause,
    OrderBy,
    parse_experiment_filter,
    parse_experiment_order_by,
    parse_run_filter,
    parse_run_order_by,
)
from ..paging import decode_offset_token, offset_page
from ..schema import experiment_tags, experiments, latest_metrics, params, run_dataset_inputs, runs, tags
from .experiments import experiment_dicts
from .run_data import runs_with_data

SEARCH_DEFAULT_MAX_RESULTS = 1000

_RUN_COLUMNS = {
    "run_id": runs.c.run_uuid,
    "run_name": runs.c.name,
    "status": runs.c.status,
    "user_id": runs.c.user_id,
    "artifact_uri": runs.c.artifact_uri,
    "lifecycle_stage": runs.c.lifecycle_stage,
    "start_time": runs.c.start_time,
    "end_time": runs.c.end_time,
}
_EXPERIMENT_COLUMNS = {
    "name": experiments.c.name,
    "experiment_id": experiments.c.experiment_id,
    "creation_time": experiments.c.creation_time,
    "last_update_time": experiments.c.last_update_time,
}


def run_conditions(clauses: list[Clause]) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    for clause in clauses:
        if clause.kind == "metric":
            lm = latest_metrics.alias()
            cond = and_(
                lm.c.run_uuid == runs.c.run_uuid,
                lm.c.key == clause.key,
                lm.c.is_nan.is_(False),
                compare(lm.c.value, clause.op, clause.value),
            )
            out.append(exists(select(literal(1)).where(cond)))
        elif clause.kind in ("param", "tag"):
            table = (params if clause.kind == "param" else tags).alias()
            owned = and_(table.c.run_uuid == runs.c.run_uuid, table.c.key == clause.key)
            out.append(key_value_condition(owned, table.c.value, clause))
        elif clause.kind == "dataset":
            ds = run_dataset_inputs.alias()
            column = {"name": ds.c.name, "digest": ds.c.digest, "context": ds.c.context}[clause.key]
            cond = and_(ds.c.run_uuid == runs.c.run_uuid, compare(column, clause.op, clause.value))
            out.append(exists(select(literal(1)).where(cond)))
        else:
            value = whole_number(clause.value) if isinstance(clause.value, float) else clause.value
            out.append(compare(_RUN_COLUMNS[clause.key], clause.op, value))
    return out


def run_filter_joins(query: Select[Any], clauses: list[Clause]) -> tuple[Select[Any], list[Clause], dict[str, Any]]:
    """The filter's metric, param and tag comparisons as inner joins (PostgreSQL).

    A run has at most one row per key in ``latest_metrics``, ``params`` and ``tags``, so joining
    the row that compares true keeps the same runs as ``EXISTS``; the planner can then start from
    ``ix_latest_metrics_key_value`` (a filtered first page of 1,000 runs: 22 -> 10 ms in
    PostgreSQL). Returns the query, the clauses left for ``run_conditions`` and the joined
    ``latest_metrics`` of each filtered metric key, which ``run_order`` reuses.
    """
    rest: list[Clause] = []
    metrics: dict[str, Any] = {}
    for clause in clauses:
        if clause.kind == "metric":
            lm = latest_metrics.alias()
            query = query.join(
                lm,
                and_(
                    lm.c.run_uuid == runs.c.run_uuid,
                    lm.c.key == clause.key,
                    lm.c.is_nan.is_(False),
                    compare(lm.c.value, clause.op, clause.value),
                ),
            )
            metrics.setdefault(clause.key, lm)
        elif clause.kind in ("param", "tag") and clause.op != "IS NULL":
            table = (params if clause.kind == "param" else tags).alias()
            on = and_(table.c.run_uuid == runs.c.run_uuid, table.c.key == clause.key)
            if clause.op != "IS NOT NULL":
                on = and_(on, compare(table.c.value, clause.op, clause.value))
            query = query.join(table, on)
        else:
            rest.append(clause)
    return query, rest, metrics


def run_order(query: Select[Any], order: list[OrderBy], filtered_metrics: dict[str, Any] | None = None) -> Select[Any]:
    """Apply ``order_by``; runs missing an ordered value come last, then start_time DESC, run_id.

    ``filtered_metrics``: metric keys that every run of the result has, not NaN (from
    ``run_filter_joins``), ordered by their joined row alone."""
    clauses: list[Any] = []
    keys = set()
    for item in order:
        if item.kind == "metric" and filtered_metrics and item.key in filtered_metrics:
            lm = filtered_metrics[item.key]
            clauses.append(lm.c.value.asc() if item.ascending else lm.c.value.desc())
        elif item.kind == "metric":
            lm = latest_metrics.alias()
            query = query.outerjoin(lm, and_(lm.c.run_uuid == runs.c.run_uuid, lm.c.key == item.key))
            clauses.append(case((lm.c.run_uuid.is_(None), 2), (lm.c.is_nan.is_(True), 1), else_=0))
            clauses.append(lm.c.value.asc() if item.ascending else lm.c.value.desc())
        elif item.kind in ("param", "tag"):
            table = (params if item.kind == "param" else tags).alias()
            query = query.outerjoin(table, and_(table.c.run_uuid == runs.c.run_uuid, table.c.key == item.key))
            clauses.append(case((table.c.run_uuid.is_(None), 1), else_=0))
            clauses.append(table.c.value.asc() if item.ascending else table.c.value.desc())
        else:
            column = _RUN_COLUMNS[item.key]
            keys.add(item.key)
            clauses.append(case((column.is_(None), 1), else_=0))
            clauses.append(column.asc() if item.ascending else column.desc())
    if "start_time" not in keys:
        clauses.append(runs.c.start_time.desc())
    if "run_id" not in keys:
        clauses.append(runs.c.run_uuid.asc())
    return query.order_by(*clauses)


def experiment_conditions(clauses: list[Clause]) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    for clause in clauses:
        if clause.kind == "tag":
            table = experiment_tags.alias()
            owned = and_(table.c.experiment_id == experiments.c.experiment_id, table.c.key == clause.key)
            out.append(key_value_condition(owned, table.c.value, clause))
            continue
        column: Any = _EXPERIMENT_COLUMNS[clause.key]
        value: Any = clause.value
        if clause.key == "experiment_id":
            if clause.op in ("LIKE", "ILIKE"):
                column = cast(experiments.c.experiment_id, String)
            else:
                value = _experiment_ids(value)
        elif isinstance(value, float):
            value = whole_number(value)
        out.append(compare(column, clause.op, value))
    return out


def _experiment_ids(value: str | list[str]) -> int | list[int]:
    def one(v: str) -> int:
        try:
            return int(v)
        except ValueError:
            raise invalid(f"Invalid experiment ID '{v}'. Experiment ID must be a valid integer.") from None

    if isinstance(value, list):
        return [one(v) for v in value]
    return one(value)


def experiment_order(order: list[OrderBy]) -> list[Any]:
    clauses: list[Any] = []
    keys = set()
    for item in order:
        column = _EXPERIMENT_COLUMNS[item.key]
        keys.add(item.key)
        clauses.append(column.asc() if item.ascending else column.desc())
    if not order:
        clauses.append(experiments.c.creation_time.desc())
    if "experiment_id" not in keys:
        clauses.append(experiments.c.experiment_id.asc())
    return clauses


class TrackingSearch:
    def __init__(self, db: Database) -> None:
        self.db = db

    def runs(
        self,
        experiment_ids: list[str],
        filter_string: str | None,
        view_type: str,
        max_results: int | None,
        order_by: list[str] | None,
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, SEARCH_DEFAULT_MAX_RESULTS, rules.MAX_SEARCH_RESULTS)
        eids = rules.parse_experiment_ids(experiment_ids)
        clauses = parse_run_filter(filter_string)
        order = parse_run_order_by(order_by)
        offset = decode_offset_token(page_token)
        if not eids:
            return [], None
        query = select(runs)
        filtered_metrics: dict[str, Any] = {}
        if self.db.dialect == "postgresql":
            query, clauses, filtered_metrics = run_filter_joins(query, clauses)
        query = query.where(
            runs.c.experiment_id.in_(eids),
            runs.c.lifecycle_stage.in_(VIEW_STAGES[view_type]),
            *run_conditions(clauses),
        )
        query = run_order(query, order, filtered_metrics).offset(offset).limit(limit + 1)
        with self.db.read() as conn:
            rows, token = offset_page(list(conn.execute(query)), offset, limit)
            return runs_with_data(self.db, conn, rows), token

    def experiments(
        self,
        view_type: str,
        max_results: int | None,
        filter_string: str | None,
        order_by: list[str] | None,
        page_token: str | None,
        visible: Visible | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """``visible``: a filter on the experiment id (what the user may read), applied in SQL."""
        limit = rules.check_max_results(max_results, SEARCH_DEFAULT_MAX_RESULTS, rules.MAX_SEARCH_RESULTS)
        conditions = experiment_conditions(parse_experiment_filter(filter_string))
        if visible is not None:
            conditions.append(visible(experiments.c.experiment_id))
        order = experiment_order(parse_experiment_order_by(order_by))
        offset = decode_offset_token(page_token)
        query = (
            select(experiments)
            .where(experiments.c.lifecycle_stage.in_(VIEW_STAGES[view_type]), *conditions)
            .order_by(*order)
            .offset(offset)
            .limit(limit + 1)
        )
        with self.db.read() as conn:
            rows, token = offset_page(list(conn.execute(query)), offset, limit)
            return experiment_dicts(conn, rows), token
