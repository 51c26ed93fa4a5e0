"""Filter and order clauses turned into SQL, so that searches run in the database."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from sqlalchemy import String, and_, case, cast, exists, literal, not_, select
from sqlalchemy.sql import ColumnElement, Select

from ..errors import invalid
from .filters import Clause, OrderBy
from .schema import experiment_tags, experiments, latest_metrics, params, run_dataset_inputs, runs, tags

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


def compare(column: Any, op: str, value: Any) -> ColumnElement[bool]:
    if op == "=":
        return column == value
    if op == "!=":
        return column != value
    if op == "<":
        return column < value
    if op == "<=":
        return column <= value
    if op == ">":
        return column > value
    if op == ">=":
        return column >= value
    if op == "LIKE":
        return column.like(value)
    if op == "ILIKE":
        return column.ilike(value)
    if op == "IN":
        return column.in_(value)
    if op == "NOT IN":
        return column.not_in(value)
    raise invalid(f"Unsupported comparator '{op}'.")


def _numeric(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


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
            base = and_(table.c.run_uuid == runs.c.run_uuid, table.c.key == clause.key)
            if clause.op == "IS NULL":
                out.append(not_(exists(select(literal(1)).where(base))))
            elif clause.op == "IS NOT NULL":
                out.append(exists(select(literal(1)).where(base)))
            else:
                cond = and_(base, compare(table.c.value, clause.op, clause.value))
                out.append(exists(select(literal(1)).where(cond)))
        elif clause.kind == "dataset":
            ds = run_dataset_inputs.alias()
            column = {"name": ds.c.name, "digest": ds.c.digest, "context": ds.c.context}[clause.key]
            cond = and_(ds.c.run_uuid == runs.c.run_uuid, compare(column, clause.op, clause.value))
            out.append(exists(select(literal(1)).where(cond)))
        else:
            column = _RUN_COLUMNS[clause.key]
            value = _numeric(clause.value) if isinstance(clause.value, float) else clause.value
            out.append(compare(column, clause.op, value))
    return out


def run_order(query: Select[Any], order: list[OrderBy]) -> Select[Any]:
    """Apply ``order_by``; runs missing an ordered value come last, then start_time DESC, run_id."""
    clauses: list[Any] = []
    keys = set()
    for item in order:
        if item.kind == "metric":
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
            base = table.c.experiment_id == experiments.c.experiment_id
            base = and_(base, table.c.key == clause.key)
            if clause.op == "IS NULL":
                out.append(not_(exists(select(literal(1)).where(base))))
            elif clause.op == "IS NOT NULL":
                out.append(exists(select(literal(1)).where(base)))
            else:
                cond = and_(base, compare(table.c.value, clause.op, clause.value))
                out.append(exists(select(literal(1)).where(cond)))
            continue
        column = _EXPERIMENT_COLUMNS[clause.key]
        value: Any = clause.value
        if clause.key == "experiment_id":
            if clause.op in ("LIKE", "ILIKE"):
                column = cast(experiments.c.experiment_id, String)
            else:
                value = _experiment_ids(value)
        elif isinstance(value, float):
            value = _numeric(value)
        out.append(compare(column, clause.op, value))
    return out


def _experiment_ids(value: Any) -> Any:
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


def encode_offset_token(offset: int) -> str:
    return base64.b64encode(json.dumps({"offset": offset}).encode()).decode()


def decode_offset_token(token: str | None) -> int:
    if not token:
        return 0
    try:
        data = json.loads(base64.b64decode(token, validate=True))
    except (binascii.Error, ValueError):
        raise invalid("Invalid page token, could not base64-decode.") from None
    offset = data.get("offset") if isinstance(data, dict) else None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise invalid("Invalid page token: it holds no valid offset.")
    return offset


def encode_json_token(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def decode_json_token(token: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise invalid("Invalid page token, could not base64-decode.") from None
    if not isinstance(data, dict):
        raise invalid("Invalid page token.")
    return data
