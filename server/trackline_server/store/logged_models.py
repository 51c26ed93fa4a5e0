"""MLflow 3 logged models: what ``log_model`` creates, finalizes and the registry points at."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, insert, literal, select, update
from sqlalchemy.engine import Connection, Row

from ..errors import invalid, not_found
from . import rules
from .common import (
    ACTIVE,
    DELETED,
    insert_ignoring_duplicates,
    key_values,
    not_active,
    now_ms,
    upsert,
    wire_value,
)
from .conditions import compare, key_value_condition
from .engine import Database
from .filters import MODEL_PREFIXES, NUMERIC, STRING_IN, parse_entity_filter
from .names import random_run_name
from .paging import decode_offset_token, offset_page
from .schema import (
    experiments,
    logged_model_metrics,
    logged_model_params,
    logged_model_tags,
    logged_models,
    model_versions,
)

FILTER_ATTRIBUTES = {
    "name": STRING_IN,
    "model_id": STRING_IN,
    "status": STRING_IN,
    "source_run_id": STRING_IN,
    "model_type": STRING_IN,
    "creation_timestamp": NUMERIC,
    "creation_time": NUMERIC,
    "last_updated_timestamp": NUMERIC,
}
ORDER_COLUMNS = {
    "name": logged_models.c.name,
    "model_id": logged_models.c.model_id,
    "creation_timestamp": logged_models.c.creation_timestamp_ms,
    "creation_time": logged_models.c.creation_timestamp_ms,
    "last_updated_timestamp": logged_models.c.last_updated_timestamp_ms,
}
FINAL_STATUSES = ("LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED", "LOGGED_MODEL_PENDING")
# The tag that lists the registered model versions made from a logged model.
MODEL_VERSIONS_TAG = "mlflow.modelVersions"


class LoggedModelStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def row(self, conn: Connection, model_id: str, allow_deleted: bool = True) -> Row[Any]:
        row = conn.execute(select(logged_models).where(logged_models.c.model_id == model_id)).first()
        if row is None or (row.lifecycle_stage == DELETED and not allow_deleted):
            raise not_found(f"Logged model with ID '{model_id}' not found.")
        return row

    def _models(self, conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
        ids = [r.model_id for r in rows]
        if not ids:
            return []
        tags = key_values(conn, logged_model_tags, "model_id", ids)
        params = key_values(conn, logged_model_params, "model_id", ids)
        metrics: dict[str, list[dict[str, Any]]] = {}
        mm = logged_model_metrics.c
        for m in conn.execute(
            select(logged_model_metrics).where(mm.model_id.in_(ids)).order_by(mm.key, mm.timestamp, mm.step)
        ):
            entry = {
                "key": m.key,
                "value": wire_value(m.value, m.is_nan),
                "timestamp": m.timestamp,
                "step": m.step,
                "run_id": m.run_id or None,
                "model_id": m.model_id,
                "dataset_name": m.dataset_name,
                "dataset_digest": m.dataset_digest,
            }
            metrics.setdefault(m.model_id, []).append({k: v for k, v in entry.items() if v is not None})
        registrations: dict[str, list[dict[str, str]]] = {}
        for v in conn.execute(
            select(model_versions.c.name, model_versions.c.version, model_versions.c.model_id)
            .where(model_versions.c.model_id.in_(ids))
            .order_by(model_versions.c.name, model_versions.c.version)
        ):
            registrations.setdefault(v.model_id, []).append({"name": v.name, "version": str(v.version)})
        out = []
        for r in rows:
            info: dict[str, Any] = {
                "model_id": r.model_id,
                "experiment_id": str(r.experiment_id),
                "name": r.name,
                "creation_timestamp_ms": r.creation_timestamp_ms,
                "last_updated_timestamp_ms": r.last_updated_timestamp_ms,
                "artifact_uri": r.artifact_location,
                "status": r.status,
                "model_type": r.model_type or "",
                "source_run_id": r.source_run_id,
                "status_message": r.status_message,
            }
            info = {k: v for k, v in info.items() if v is not None}
            if r.model_id in tags:
                info["tags"] = tags[r.model_id]
            if r.model_id in registrations:
                info["registrations"] = registrations[r.model_id]
            data: dict[str, Any] = {}
            if r.model_id in params:
                data["params"] = params[r.model_id]
            if r.model_id in metrics:
                data["metrics"] = metrics[r.model_id]
            out.append({"info": info, "data": data})
        return out

    def create(
        self,
        experiment_id: str,
        name: str | None,
        model_type: str | None,
        source_run_id: str | None,
        param_list: list[dict[str, Any]],
        tag_list: list[dict[str, Any]],
    ) -> dict[str, Any]:
        eid = rules.parse_experiment_id(experiment_id)
        for p in param_list:
            rules.check_key(p["key"], "param")
        for t in tag_list:
            rules.check_key(t["key"], "tag")
        model_id = f"m-{uuid.uuid4().hex}"

        def work(conn: Connection) -> dict[str, Any]:
            exp = conn.execute(select(experiments).where(experiments.c.experiment_id == eid)).first()
            if exp is None:
                raise not_found(f"No Experiment with id={eid} exists")
            if exp.lifecycle_stage != ACTIVE:
                raise not_active("experiment", eid, exp.lifecycle_stage)
            now = now_ms()
            conn.execute(
                insert(logged_models).values(
                    model_id=model_id,
                    experiment_id=eid,
                    name=name or random_run_name(),
                    artifact_location=f"{(exp.artifact_location or '').rstrip('/')}/models/{model_id}/artifacts",
                    creation_timestamp_ms=now,
                    last_updated_timestamp_ms=now,
                    status="LOGGED_MODEL_PENDING",
                    lifecycle_stage=ACTIVE,
                    model_type=model_type,
                    source_run_id=source_run_id or None,
                )
            )
            if param_list:
                by_key = {p["key"]: p.get("value", "") for p in param_list}
                conn.execute(
                    insert(logged_model_params),
                    [{"model_id": model_id, "key": k, "value": v} for k, v in by_key.items()],
                )
            if tag_list:
                by_key = {t["key"]: t.get("value", "") for t in tag_list}
                conn.execute(
                    insert(logged_model_tags),
                    [{"model_id": model_id, "key": k, "value": v} for k, v in by_key.items()],
                )
            return self._models(conn, [self.row(conn, model_id)])[0]

        return self.db.write(work)

    def get(self, model_id: str, allow_deleted: bool = False) -> dict[str, Any]:
        with self.db.read() as conn:
            return self._models(conn, [self.row(conn, model_id, allow_deleted)])[0]

    def finalize(self, model_id: str, status: str) -> dict[str, Any]:
        if status not in FINAL_STATUSES:
            raise invalid(
                f"Invalid status '{status}' for a logged model; use LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED."
            )

        def work(conn: Connection) -> dict[str, Any]:
            self.row(conn, model_id, allow_deleted=False)
            conn.execute(
                update(logged_models)
                .where(logged_models.c.model_id == model_id)
                .values(status=status, last_updated_timestamp_ms=now_ms())
            )
            return self._models(conn, [self.row(conn, model_id)])[0]

        return self.db.write(work)

    def delete(self, model_id: str) -> None:
        def work(conn: Connection) -> None:
            self.row(conn, model_id, allow_deleted=False)
            conn.execute(
                update(logged_models)
                .where(logged_models.c.model_id == model_id)
                .values(lifecycle_stage=DELETED, last_updated_timestamp_ms=now_ms())
            )

        self.db.write(work)

    def set_tags(self, model_id: str, tag_list: list[dict[str, Any]]) -> None:
        for t in tag_list:
            rules.check_key(t["key"], "tag")

        def work(conn: Connection) -> None:
            self.row(conn, model_id, allow_deleted=False)
            for t in tag_list:
                self._set_tag(conn, model_id, t["key"], t.get("value", ""))

        self.db.write(work)

    def delete_tag(self, model_id: str, key: str) -> None:
        def work(conn: Connection) -> None:
            self.row(conn, model_id, allow_deleted=False)
            result = conn.execute(
                delete(logged_model_tags).where(
                    logged_model_tags.c.model_id == model_id, logged_model_tags.c.key == key
                )
            )
            if result.rowcount == 0:
                raise not_found(f"No tag with key '{key}' on logged model '{model_id}'.")

        self.db.write(work)

    def log_params(self, model_id: str, param_list: list[dict[str, Any]]) -> None:
        for p in param_list:
            rules.check_key(p["key"], "param")

        def work(conn: Connection) -> None:
            self.row(conn, model_id, allow_deleted=False)
            for p in param_list:
                conn.execute(
                    upsert(
                        self.db.dialect,
                        logged_model_params,
                        ("model_id", "key"),
                        model_id=model_id,
                        key=p["key"],
                        value=p.get("value", ""),
                    )
                )

        self.db.write(work)

    def search(
        self,
        experiment_ids: list[str],
        filter_string: str | None,
        datasets: list[dict[str, Any]],
        max_results: int | None,
        order_by: list[dict[str, Any]],
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, 50, 50_000)
        eids = rules.parse_experiment_ids(experiment_ids)
        clauses = parse_entity_filter(filter_string, FILTER_ATTRIBUTES, MODEL_PREFIXES)
        offset = decode_offset_token(page_token)
        lm = logged_models.c
        conditions: list[ColumnElement[bool]] = [lm.experiment_id.in_(eids), lm.lifecycle_stage == ACTIVE]
        for clause in clauses:
            if clause.kind in ("tag", "param"):
                table = (logged_model_tags if clause.kind == "tag" else logged_model_params).alias()
                owned = and_(table.c.model_id == lm.model_id, table.c.key == clause.key)
                conditions.append(key_value_condition(owned, table.c.value, clause))
            elif clause.kind == "metric":
                mm = logged_model_metrics.alias()
                cond = and_(
                    mm.c.model_id == lm.model_id,
                    mm.c.key == clause.key,
                    mm.c.is_nan.is_(False),
                    compare(mm.c.value, clause.op, clause.value),
                )
                conditions.append(exists(select(literal(1)).where(cond)))
            else:
                column = ORDER_COLUMNS[clause.key] if clause.key in ORDER_COLUMNS else getattr(lm, clause.key)
                value = clause.value
                if isinstance(value, float):
                    value = int(value)
                conditions.append(compare(column, clause.op, value))
        for ds in datasets:
            mm = logged_model_metrics.alias()
            cond = and_(mm.c.model_id == lm.model_id, mm.c.dataset_name == ds["dataset_name"])
            if ds.get("dataset_digest"):
                cond = and_(cond, mm.c.dataset_digest == ds["dataset_digest"])
            conditions.append(exists(select(literal(1)).where(cond)))
        sort = []
        for item in order_by:
            column = ORDER_COLUMNS.get(item["field_name"])
            if column is None:
                raise invalid(
                    f"Invalid order_by field '{item['field_name']}'. Valid fields are {sorted(ORDER_COLUMNS)}."
                )
            sort.append(column.asc() if item.get("ascending", True) else column.desc())
        sort += [lm.creation_timestamp_ms.desc(), lm.model_id.asc()]
        query = select(logged_models).where(*conditions).order_by(*sort).offset(offset).limit(limit + 1)
        with self.db.read() as conn:
            rows, token = offset_page(list(conn.execute(query)), offset, limit)
            return self._models(conn, rows), token

    def record_metrics(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Metrics logged with a ``model_id`` also belong to that logged model."""
        ids = sorted({r["model_id"] for r in rows})
        known = {m for (m,) in conn.execute(select(logged_models.c.model_id).where(logged_models.c.model_id.in_(ids)))}
        rows = [r for r in rows if r["model_id"] in known]
        if rows:
            conn.execute(insert_ignoring_duplicates(self.db.dialect, logged_model_metrics), rows)

    def record_registration(self, conn: Connection, model_id: str, name: str, version: int) -> None:
        """Adds a registered model version made from this logged model to its ``mlflow.modelVersions`` tag."""
        if conn.execute(select(logged_models.c.model_id).where(logged_models.c.model_id == model_id)).first() is None:
            return
        current = conn.execute(
            select(logged_model_tags.c.value).where(
                logged_model_tags.c.model_id == model_id, logged_model_tags.c.key == MODEL_VERSIONS_TAG
            )
        ).scalar()
        try:
            entries = json.loads(current) if current else []
        except ValueError:
            entries = []
        if not isinstance(entries, list):
            entries = []
        entry = {"name": name, "version": str(version)}
        if entry not in entries:
            entries.append(entry)
        self._set_tag(conn, model_id, MODEL_VERSIONS_TAG, json.dumps(entries))

    def _set_tag(self, conn: Connection, model_id: str, key: str, value: str) -> None:
        conn.execute(
            upsert(self.db.dialect, logged_model_tags, ("model_id", "key"), model_id=model_id, key=key, value=value)
        )
