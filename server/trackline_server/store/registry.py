"""The model registry: registered models, versions, stages, aliases, tags, search, audit trail."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote, urlparse

from sqlalchemy import and_, delete, exists, func, insert, literal, not_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from ..errors import already_exists, invalid, not_found
from . import rules, search
from .engine import Database
from .filters import (
    ENTITY_PREFIXES,
    NUMERIC_IN,
    STRING,
    STRING_IN,
    parse_entity_filter,
    parse_entity_order_by,
)
from .schema import (
    logged_model_tags,
    logged_models,
    model_version_tags,
    model_versions,
    registered_model_aliases,
    registered_model_tags,
    registered_models,
    registry_events,
    runs,
)
from .tracking import now_ms

STAGES = {"none": "None", "staging": "Staging", "production": "Production", "archived": "Archived"}
ACTIVE_STAGES = ("Staging", "Production")
MAX_MODEL_TAG_VALUE = 100_000
_ALIAS_RE = re.compile(r"^[\w\-]*$")
_RESERVED_ALIAS = re.compile(r"^(latest|v\d+)$", re.IGNORECASE)

MODEL_FILTER_ATTRIBUTES = {"name": STRING_IN}
VERSION_FILTER_ATTRIBUTES = {
    "name": STRING_IN,
    "version_number": NUMERIC_IN,
    "run_id": STRING_IN,
    "source_path": STRING,
    "current_stage": STRING_IN,
}
MODEL_ORDER_KEYS = {
    "name": "name",
    "timestamp": "last_updated_time",
    "last_updated_timestamp": "last_updated_time",
}
VERSION_ORDER_KEYS = {
    "name": "name",
    "version_number": "version",
    "creation_timestamp": "creation_time",
    "last_updated_timestamp": "last_updated_time",
}
HISTORY_ACTIONS = {
    "CREATE_REGISTERED_MODEL",
    "RENAME_REGISTERED_MODEL",
    "DELETE_REGISTERED_MODEL",
    "CREATE_MODEL_VERSION",
    "DELETE_MODEL_VERSION",
    "TRANSITION_STAGE",
    "SET_ALIAS",
    "DELETE_ALIAS",
}


def canonical_stage(stage: str) -> str:
    found = STAGES.get((stage or "").strip().lower())
    if found is None:
        raise invalid(
            f"Invalid Model Version stage: {stage}. Value must be one of None, Staging, Production, Archived."
        )
    return found


def check_model_name(name: str) -> None:
    if not name or not name.strip():
        raise invalid("Registered model name cannot be empty.")
    if "/" in name or ":" in name or len(name) > 256:
        raise invalid(
            f"Invalid registered model name '{name}': it must not contain '/' or ':' (at most 256 characters)."
        )


def parse_version(version: Any) -> int:
    try:
        number = int(str(version))
    except ValueError:
        raise invalid(f"Parameter 'version' must be an integer, got '{version}'.") from None
    if number < 1 or number > 2**31 - 1:
        raise invalid(f"Parameter 'version' must be a positive integer, got '{version}'.")
    return number


def check_alias(alias: str) -> None:
    if not alias or len(alias) > 255 or not _ALIAS_RE.match(alias):
        raise invalid(
            f"Invalid alias name '{alias}'. Aliases may only contain alphanumerics, underscores and dashes "
            "(at most 255 characters)."
        )
    if _RESERVED_ALIAS.match(alias):
        raise invalid(f"'{alias}' is a reserved alias name; 'latest' and 'v<number>' cannot be used.")


class RegistryStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._insert = pg_insert if db.dialect == "postgresql" else sqlite_insert

    # ------------------------------------------------------------------ helpers

    def _model_row(self, conn: Connection, name: str) -> Row[Any]:
        row = conn.execute(select(registered_models).where(registered_models.c.name == name)).first()
        if row is None:
            raise not_found(f"Registered Model with name={name} not found")
        return row

    def _version_row(self, conn: Connection, name: str, version: int) -> Row[Any]:
        row = conn.execute(
            select(model_versions).where(model_versions.c.name == name, model_versions.c.version == version)
        ).first()
        if row is None:
            raise not_found(f"Model Version (name={name}, version={version}) not found")
        return row

    def _event(
        self,
        conn: Connection,
        name: str,
        action: str,
        user_id: str | None,
        *,
        version: int | None = None,
        alias: str | None = None,
        from_value: str | None = None,
        to_value: str | None = None,
        comment: str | None = None,
    ) -> None:
        conn.execute(
            insert(registry_events).values(
                model_name=name,
                name=name,
                version=version,
                action=action,
                alias=alias,
                from_value=from_value,
                to_value=to_value,
                user_id=user_id or None,
                timestamp=now_ms(),
                comment=comment or None,
            )
        )

    def _touch(self, conn: Connection, name: str) -> None:
        conn.execute(
            update(registered_models).where(registered_models.c.name == name).values(last_updated_time=now_ms())
        )

    def _versions(self, conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        names = sorted({r.name for r in rows})
        tags: dict[tuple[str, int], list[dict[str, str]]] = {}
        for t in conn.execute(
            select(model_version_tags).where(model_version_tags.c.name.in_(names)).order_by(model_version_tags.c.key)
        ):
            tags.setdefault((t.name, t.version), []).append({"key": t.key, "value": t.value or ""})
        aliases: dict[tuple[str, int], list[str]] = {}
        for a in conn.execute(
            select(registered_model_aliases)
            .where(registered_model_aliases.c.name.in_(names))
            .order_by(registered_model_aliases.c.alias)
        ):
            aliases.setdefault((a.name, a.version), []).append(a.alias)
        out = []
        for r in rows:
            mv: dict[str, Any] = {
                "name": r.name,
                "version": str(r.version),
                "creation_timestamp": r.creation_time,
                "last_updated_timestamp": r.last_updated_time,
                "user_id": r.user_id,
                "current_stage": r.current_stage,
                "description": r.description or "",
                "source": r.source,
                "run_id": r.run_id,
                "status": r.status,
                "status_message": r.status_message,
                "run_link": r.run_link or "",
                "model_id": r.model_id,
            }
            mv = {k: v for k, v in mv.items() if v is not None}
            if (r.name, r.version) in tags:
                mv["tags"] = tags[(r.name, r.version)]
            if (r.name, r.version) in aliases:
                mv["aliases"] = aliases[(r.name, r.version)]
            out.append(mv)
        return out

    def _latest_rows(self, conn: Connection, name: str, stages: list[str] | None) -> list[Row[Any]]:
        mv = model_versions.c
        newest = (
            select(mv.current_stage, func.max(mv.version).label("version"))
            .where(mv.name == name)
            .group_by(mv.current_stage)
            .subquery()
        )
        query = select(model_versions).join(
            newest, and_(mv.current_stage == newest.c.current_stage, mv.version == newest.c.version)
        )
        query = query.where(mv.name == name)
        if stages:
            query = query.where(mv.current_stage.in_(stages))
        return list(conn.execute(query.order_by(mv.version)))

    def _models(self, conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        names = [r.name for r in rows]
        tags: dict[str, list[dict[str, str]]] = {}
        for t in conn.execute(
            select(registered_model_tags)
            .where(registered_model_tags.c.name.in_(names))
            .order_by(registered_model_tags.c.key)
        ):
            tags.setdefault(t.name, []).append({"key": t.key, "value": t.value or ""})
        aliases: dict[str, list[dict[str, str]]] = {}
        for a in conn.execute(
            select(registered_model_aliases)
            .where(registered_model_aliases.c.name.in_(names))
            .order_by(registered_model_aliases.c.alias)
        ):
            aliases.setdefault(a.name, []).append({"alias": a.alias, "version": str(a.version)})
        out = []
        for r in rows:
            model: dict[str, Any] = {
                "name": r.name,
                "creation_timestamp": r.creation_time,
                "last_updated_timestamp": r.last_updated_time,
                "user_id": r.user_id,
                "description": r.description or "",
            }
            model = {k: v for k, v in model.items() if v is not None}
            latest = self._versions(conn, self._latest_rows(conn, r.name, None))
            if latest:
                model["latest_versions"] = latest
            if r.name in tags:
                model["tags"] = tags[r.name]
            if r.name in aliases:
                model["aliases"] = aliases[r.name]
            out.append(model)
        return out

    # ------------------------------------------------------------------ registered models

    def create_registered_model(
        self,
        name: str,
        tag_list: list[dict[str, Any]],
        description: str | None,
        user_id: str | None,
        comment: str | None = None,
    ) -> dict[str, Any]:
        check_model_name(name)
        for tag in tag_list:
            self._check_tag(tag["key"], tag.get("value", ""))

        def work(conn: Connection) -> dict[str, Any]:
            if conn.execute(select(registered_models.c.name).where(registered_models.c.name == name)).first():
                raise already_exists(f"Registered Model (name={name}) already exists.")
            now = now_ms()
            conn.execute(
                insert(registered_models).values(
                    name=name,
                    creation_time=now,
                    last_updated_time=now,
                    description=description,
                    user_id=user_id,
                    last_version=0,
                )
            )
            if tag_list:
                by_key = {t["key"]: t.get("value", "") for t in tag_list}
                conn.execute(
                    insert(registered_model_tags),
                    [{"name": name, "key": k, "value": v} for k, v in by_key.items()],
                )
            self._event(conn, name, "CREATE_REGISTERED_MODEL", user_id, to_value=name, comment=comment)
            return self._models(conn, [self._model_row(conn, name)])[0]

        try:
            return self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Registered Model (name={name}) already exists.") from None

    def _check_tag(self, key: str, value: str | None) -> None:
        rules.check_key(key, "tag")
        if value is not None and len(value) > MAX_MODEL_TAG_VALUE:
            raise invalid(f"'Tag value' exceeds the maximum length of {MAX_MODEL_TAG_VALUE} characters.")

    def get_registered_model(self, name: str) -> dict[str, Any]:
        with self.db.read() as conn:
            return self._models(conn, [self._model_row(conn, name)])[0]

    def rename_registered_model(
        self, name: str, new_name: str, user_id: str | None, comment: str | None = None
    ) -> dict[str, Any]:
        check_model_name(new_name)

        def work(conn: Connection) -> dict[str, Any]:
            self._model_row(conn, name)
            if new_name == name:
                return self._models(conn, [self._model_row(conn, name)])[0]
            if conn.execute(select(registered_models.c.name).where(registered_models.c.name == new_name)).first():
                raise already_exists(f"Registered Model (name={new_name}) already exists.")
            conn.execute(
                update(registered_models)
                .where(registered_models.c.name == name)
                .values(name=new_name, last_updated_time=now_ms())
            )
            # Tables without a foreign key to the model follow by hand.
            conn.execute(update(model_version_tags).where(model_version_tags.c.name == name).values(name=new_name))
            for table in (model_versions, registered_model_tags, registered_model_aliases):
                conn.execute(update(table).where(table.c.name == name).values(name=new_name))
            conn.execute(
                update(registry_events).where(registry_events.c.model_name == name).values(model_name=new_name)
            )
            self._event(
                conn,
                new_name,
                "RENAME_REGISTERED_MODEL",
                user_id,
                from_value=name,
                to_value=new_name,
                comment=comment,
            )
            return self._models(conn, [self._model_row(conn, new_name)])[0]

        try:
            return self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Registered Model (name={new_name}) already exists.") from None

    def update_registered_model(self, name: str, description: str | None) -> dict[str, Any]:
        def work(conn: Connection) -> dict[str, Any]:
            self._model_row(conn, name)
            conn.execute(
                update(registered_models)
                .where(registered_models.c.name == name)
                .values(description=description or "", last_updated_time=now_ms())
            )
            return self._models(conn, [self._model_row(conn, name)])[0]

        return self.db.write(work)

    def delete_registered_model(self, name: str, user_id: str | None, comment: str | None = None) -> None:
        def work(conn: Connection) -> None:
            self._model_row(conn, name)
            conn.execute(delete(model_version_tags).where(model_version_tags.c.name == name))
            for table in (registered_model_aliases, registered_model_tags, model_versions):
                conn.execute(delete(table).where(table.c.name == name))
            conn.execute(delete(registered_models).where(registered_models.c.name == name))
            self._event(conn, name, "DELETE_REGISTERED_MODEL", user_id, from_value=name, comment=comment)

        self.db.write(work)

    def search_registered_models(
        self,
        filter_string: str | None,
        max_results: int | None,
        order_by: list[str] | None,
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, 100, 1000)
        clauses = parse_entity_filter(filter_string, MODEL_FILTER_ATTRIBUTES, ENTITY_PREFIXES)
        order = parse_entity_order_by(order_by, MODEL_ORDER_KEYS)
        offset = search.decode_offset_token(page_token)
        rm = registered_models.c
        conditions = []
        for clause in clauses:
            if clause.kind == "tag":
                tag = registered_model_tags.alias()
                base = and_(tag.c.name == rm.name, tag.c.key == clause.key)
                if clause.op == "IS NULL":
                    conditions.append(not_(exists(select(literal(1)).where(base))))
                elif clause.op == "IS NOT NULL":
                    conditions.append(exists(select(literal(1)).where(base)))
                elif clause.op == "!=" and clause.key == "mlflow.prompt.is_prompt":
                    # MLflow's clients exclude prompts this way: models without the tag match too.
                    matching = and_(base, tag.c.value == clause.value)
                    conditions.append(not_(exists(select(literal(1)).where(matching))))
                else:
                    cond = and_(base, search.compare(tag.c.value, clause.op, clause.value))
                    conditions.append(exists(select(literal(1)).where(cond)))
            else:
                conditions.append(search.compare(rm.name, clause.op, clause.value))
        clauses_sql = [getattr(rm, o.key).asc() if o.ascending else getattr(rm, o.key).desc() for o in order]
        if not any(o.key == "name" for o in order):
            clauses_sql.append(rm.name.asc())
        query = select(registered_models).where(*conditions).order_by(*clauses_sql).offset(offset).limit(limit + 1)
        with self.db.read() as conn:
            rows = list(conn.execute(query))
            token = search.encode_offset_token(offset + limit) if len(rows) > limit else None
            return self._models(conn, rows[:limit]), token

    def get_latest_versions(self, name: str, stages: list[str] | None) -> list[dict[str, Any]]:
        wanted = [canonical_stage(s) for s in stages or []]
        with self.db.read() as conn:
            self._model_row(conn, name)
            return self._versions(conn, self._latest_rows(conn, name, wanted or None))

    def set_registered_model_tag(self, name: str, key: str, value: str) -> None:
        self._check_tag(key, value)

        def work(conn: Connection) -> None:
            self._model_row(conn, name)
            stmt = self._insert(registered_model_tags).values(name=name, key=key, value=value)
            conn.execute(stmt.on_conflict_do_update(index_elements=["name", "key"], set_={"value": value}))
            self._touch(conn, name)

        self.db.write(work)

    def delete_registered_model_tag(self, name: str, key: str) -> None:
        def work(conn: Connection) -> None:
            self._model_row(conn, name)
            conn.execute(
                delete(registered_model_tags).where(
                    registered_model_tags.c.name == name, registered_model_tags.c.key == key
                )
            )

        self.db.write(work)

    # ------------------------------------------------------------------ aliases

    def set_alias(self, name: str, alias: str, version: Any, user_id: str | None, comment: str | None) -> None:
        check_alias(alias)
        number = parse_version(version)

        def work(conn: Connection) -> None:
            self._model_row(conn, name)
            self._version_row(conn, name, number)
            current = conn.execute(
                select(registered_model_aliases.c.version).where(
                    registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
                )
            ).scalar()
            if current == number:
                return
            stmt = self._insert(registered_model_aliases).values(name=name, alias=alias, version=number)
            conn.execute(stmt.on_conflict_do_update(index_elements=["name", "alias"], set_={"version": number}))
            self._event(
                conn,
                name,
                "SET_ALIAS",
                user_id,
                version=number,
                alias=alias,
                from_value=str(current) if current is not None else None,
                to_value=str(number),
                comment=comment,
            )
            self._touch(conn, name)

        self.db.write(work)

    def delete_alias(self, name: str, alias: str, user_id: str | None, comment: str | None) -> None:
        def work(conn: Connection) -> None:
            self._model_row(conn, name)
            current = conn.execute(
                select(registered_model_aliases.c.version).where(
                    registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
                )
            ).scalar()
            if current is None:
                return  # removing an alias that is not there is a no-op, as in MLflow
            conn.execute(
                delete(registered_model_aliases).where(
                    registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
                )
            )
            self._event(
                conn,
                name,
                "DELETE_ALIAS",
                user_id,
                version=current,
                alias=alias,
                from_value=str(current),
                comment=comment,
            )
            self._touch(conn, name)

        self.db.write(work)

    def get_version_by_alias(self, name: str, alias: str) -> dict[str, Any]:
        with self.db.read() as conn:
            self._model_row(conn, name)
            version = conn.execute(
                select(registered_model_aliases.c.version).where(
                    registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
                )
            ).scalar()
            if version is None:
                raise invalid(f"Registered model alias {alias} not found.")
            return self._versions(conn, [self._version_row(conn, name, version)])[0]

    # ------------------------------------------------------------------ model versions

    def _resolve_source(
        self, conn: Connection, source: str, run_id: str | None, model_id: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """(storage location, run id, model id) for a version's source, or a 400."""
        decoded = unquote(unquote(source))
        if "\x00" in decoded or any(part == ".." for part in re.split(r"[/\\]", decoded)):
            raise invalid(f"Invalid model version source: '{source}'. It must not contain '..' or NUL.")
        parsed = urlparse(source)
        if parsed.scheme == "models":
            if parsed.netloc:
                raise invalid(f"Invalid model version source: '{source}'. A models:/ URI has no host part.")
            parts = [p for p in parsed.path.split("/") if p]
            if len(parts) == 1 and parts[0].startswith("m-"):
                lm = conn.execute(select(logged_models).where(logged_models.c.model_id == parts[0])).first()
                if lm is None:
                    raise not_found(f"Logged model with ID '{parts[0]}' not found.")
                return lm.artifact_location, run_id or lm.source_run_id, model_id or lm.model_id
            if len(parts) == 2 and parts[1].isdigit():
                other = self._version_row(conn, parts[0], int(parts[1]))
                return (
                    other.storage_location or other.source,
                    run_id or other.run_id,
                    model_id or other.model_id,
                )
            raise invalid(f"Invalid model version source: '{source}'.")
        if parsed.scheme == "runs":
            source_run = parsed.netloc or (parsed.path.lstrip("/").split("/")[0] if parsed.path else "")
            if run_id and source_run != run_id:
                raise invalid("The run_id request parameter must identify the resource that contains the source.")
            run = conn.execute(select(runs.c.artifact_uri).where(runs.c.run_uuid == source_run)).first()
            if run is None:
                raise not_found(f"Run with id={source_run} not found")
            rest = parsed.path.lstrip("/")
            if not parsed.netloc:
                rest = rest.split("/", 1)[1] if "/" in rest else ""
            location = f"{run.artifact_uri.rstrip('/')}/{rest}" if rest else run.artifact_uri
            return location, source_run, model_id
        return source, run_id, model_id

    def create_model_version(
        self,
        name: str,
        source: str,
        run_id: str | None,
        tag_list: list[dict[str, Any]],
        run_link: str | None,
        description: str | None,
        model_id: str | None,
        user_id: str | None,
        comment: str | None,
    ) -> dict[str, Any]:
        if not source:
            raise invalid("Missing value for required parameter 'source'.")
        for tag in tag_list:
            self._check_tag(tag["key"], tag.get("value", ""))

        def work(conn: Connection) -> dict[str, Any]:
            model = self._model_row(conn, name)
            if run_id:
                if conn.execute(select(runs.c.run_uuid).where(runs.c.run_uuid == run_id)).first() is None:
                    raise not_found(f"Run with id={run_id} not found")
            location, lineage_run, lineage_model = self._resolve_source(conn, source, run_id, model_id)
            number = model.last_version + 1
            now = now_ms()
            conn.execute(
                update(registered_models)
                .where(registered_models.c.name == name)
                .values(last_version=number, last_updated_time=now)
            )
            conn.execute(
                insert(model_versions).values(
                    name=name,
                    version=number,
                    creation_time=now,
                    last_updated_time=now,
                    description=description or "",
                    user_id=user_id,
                    current_stage="None",
                    source=source,
                    storage_location=location,
                    run_id=lineage_run,
                    run_link=run_link or "",
                    status="READY",
                    model_id=lineage_model,
                )
            )
            if tag_list:
                by_key = {t["key"]: t.get("value", "") for t in tag_list}
                conn.execute(
                    insert(model_version_tags),
                    [{"name": name, "version": number, "key": k, "value": v} for k, v in by_key.items()],
                )
            if lineage_model:
                self._record_registration(conn, lineage_model, name, number)
            self._event(
                conn,
                name,
                "CREATE_MODEL_VERSION",
                user_id,
                version=number,
                to_value=str(number),
                comment=comment,
            )
            return self._versions(conn, [self._version_row(conn, name, number)])[0]

        return self.db.write(work)

    def _record_registration(self, conn: Connection, model_id: str, name: str, version: int) -> None:
        """Keeps the logged model's ``mlflow.modelVersions`` tag listing where it is registered."""
        key = "mlflow.modelVersions"
        current = conn.execute(
            select(logged_model_tags.c.value).where(
                logged_model_tags.c.model_id == model_id, logged_model_tags.c.key == key
            )
        ).scalar()
        if conn.execute(select(logged_models.c.model_id).where(logged_models.c.model_id == model_id)).first() is None:
            return
        try:
            entries = json.loads(current) if current else []
        except ValueError:
            entries = []
        if not isinstance(entries, list):
            entries = []
        entry = {"name": name, "version": str(version)}
        if entry not in entries:
            entries.append(entry)
        value = json.dumps(entries)
        stmt = self._insert(logged_model_tags).values(model_id=model_id, key=key, value=value)
        conn.execute(stmt.on_conflict_do_update(index_elements=["model_id", "key"], set_={"value": value}))

    def get_model_version(self, name: str, version: Any) -> dict[str, Any]:
        number = parse_version(version)
        with self.db.read() as conn:
            return self._versions(conn, [self._version_row(conn, name, number)])[0]

    def update_model_version(self, name: str, version: Any, description: str | None) -> dict[str, Any]:
        number = parse_version(version)

        def work(conn: Connection) -> dict[str, Any]:
            self._version_row(conn, name, number)
            conn.execute(
                update(model_versions)
                .where(model_versions.c.name == name, model_versions.c.version == number)
                .values(description=description or "", last_updated_time=now_ms())
            )
            return self._versions(conn, [self._version_row(conn, name, number)])[0]

        return self.db.write(work)

    def delete_model_version(self, name: str, version: Any, user_id: str | None, comment: str | None) -> None:
        number = parse_version(version)

        def work(conn: Connection) -> None:
            row = self._version_row(conn, name, number)
            conn.execute(
                delete(model_version_tags).where(
                    model_version_tags.c.name == name, model_version_tags.c.version == number
                )
            )
            aliases = [
                a
                for (a,) in conn.execute(
                    select(registered_model_aliases.c.alias).where(
                        registered_model_aliases.c.name == name, registered_model_aliases.c.version == number
                    )
                )
            ]
            for alias in aliases:
                conn.execute(
                    delete(registered_model_aliases).where(
                        registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
                    )
                )
                self._event(conn, name, "DELETE_ALIAS", user_id, version=number, alias=alias, from_value=str(number))
            conn.execute(
                delete(model_versions).where(model_versions.c.name == name, model_versions.c.version == number)
            )
            self._event(
                conn,
                name,
                "DELETE_MODEL_VERSION",
                user_id,
                version=number,
                from_value=row.current_stage,
                comment=comment,
            )
            self._touch(conn, name)

        self.db.write(work)

    def transition_stage(
        self,
        name: str,
        version: Any,
        stage: str,
        archive_existing: bool,
        user_id: str | None,
        comment: str | None,
    ) -> dict[str, Any]:
        number = parse_version(version)
        target = canonical_stage(stage)
        if archive_existing and target not in ACTIVE_STAGES:
            raise invalid(
                f"archive_existing_versions can only be used with the stages Staging and Production, not '{target}'."
            )

        def work(conn: Connection) -> dict[str, Any]:
            row = self._version_row(conn, name, number)
            now = now_ms()
            if archive_existing:
                others = conn.execute(
                    select(model_versions.c.version).where(
                        model_versions.c.name == name,
                        model_versions.c.current_stage == target,
                        model_versions.c.version != number,
                    )
                ).all()
                for (other,) in others:
                    conn.execute(
                        update(model_versions)
                        .where(model_versions.c.name == name, model_versions.c.version == other)
                        .values(current_stage="Archived", last_updated_time=now)
                    )
                    self._event(
                        conn,
                        name,
                        "TRANSITION_STAGE",
                        user_id,
                        version=other,
                        from_value=target,
                        to_value="Archived",
                        comment=f"archived by the transition of version {number} to {target}",
                    )
            if row.current_stage != target:
                conn.execute(
                    update(model_versions)
                    .where(model_versions.c.name == name, model_versions.c.version == number)
                    .values(current_stage=target, last_updated_time=now)
                )
                self._event(
                    conn,
                    name,
                    "TRANSITION_STAGE",
                    user_id,
                    version=number,
                    from_value=row.current_stage,
                    to_value=target,
                    comment=comment,
                )
            self._touch(conn, name)
            return self._versions(conn, [self._version_row(conn, name, number)])[0]

        return self.db.write(work)

    def search_model_versions(
        self,
        filter_string: str | None,
        max_results: int | None,
        order_by: list[str] | None,
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, 10_000, 200_000)
        clauses = parse_entity_filter(filter_string, VERSION_FILTER_ATTRIBUTES, ENTITY_PREFIXES)
        order = parse_entity_order_by(order_by, VERSION_ORDER_KEYS)
        offset = search.decode_offset_token(page_token)
        mv = model_versions.c
        columns = {
            "name": mv.name,
            "version_number": mv.version,
            "run_id": mv.run_id,
            "source_path": mv.source,
            "current_stage": mv.current_stage,
        }
        conditions = []
        for clause in clauses:
            if clause.kind == "tag":
                tag = model_version_tags.alias()
                base = and_(tag.c.name == mv.name, tag.c.version == mv.version, tag.c.key == clause.key)
                if clause.op == "IS NULL":
                    conditions.append(not_(exists(select(literal(1)).where(base))))
                elif clause.op == "IS NOT NULL":
                    conditions.append(exists(select(literal(1)).where(base)))
                else:
                    cond = and_(base, search.compare(tag.c.value, clause.op, clause.value))
                    conditions.append(exists(select(literal(1)).where(cond)))
                continue
            value = clause.value
            if clause.key == "version_number" and isinstance(value, float):
                value = int(value)
            if clause.key == "current_stage":
                value = [canonical_stage(v) for v in value] if isinstance(value, list) else canonical_stage(value)
            conditions.append(search.compare(columns[clause.key], clause.op, value))
        sort = [getattr(mv, o.key).asc() if o.ascending else getattr(mv, o.key).desc() for o in order]
        if not order:
            sort = [mv.name.asc(), mv.version.desc()]
        else:
            sort += [mv.name.asc(), mv.version.desc()]
        query = select(model_versions).where(*conditions).order_by(*sort).offset(offset).limit(limit + 1)
        with self.db.read() as conn:
            rows = list(conn.execute(query))
            token = search.encode_offset_token(offset + limit) if len(rows) > limit else None
            return self._versions(conn, rows[:limit]), token

    def get_download_uri(self, name: str, version: Any) -> str:
        number = parse_version(version)
        with self.db.read() as conn:
            row = self._version_row(conn, name, number)
            return str(row.storage_location or row.source)

    def set_model_version_tag(self, name: str, version: Any, key: str, value: str) -> None:
        number = parse_version(version)
        self._check_tag(key, value)

        def work(conn: Connection) -> None:
            self._version_row(conn, name, number)
            stmt = self._insert(model_version_tags).values(name=name, version=number, key=key, value=value)
            conn.execute(stmt.on_conflict_do_update(index_elements=["name", "version", "key"], set_={"value": value}))

        self.db.write(work)

    def delete_model_version_tag(self, name: str, version: Any, key: str) -> None:
        number = parse_version(version)

        def work(conn: Connection) -> None:
            self._version_row(conn, name, number)
            conn.execute(
                delete(model_version_tags).where(
                    model_version_tags.c.name == name,
                    model_version_tags.c.version == number,
                    model_version_tags.c.key == key,
                )
            )

        self.db.write(work)

    # ------------------------------------------------------------------ history

    def history(
        self,
        name: str | None,
        version: str | None,
        action: str | None,
        start_time: int | None,
        end_time: int | None,
        max_results: int | None,
        page_token: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        limit = rules.check_max_results(max_results, 1000, 10_000)
        ev = registry_events.c
        query = select(registry_events)
        if name:
            query = query.where(ev.model_name == name)
        if version:
            query = query.where(ev.version == parse_version(version))
        if action:
            query = query.where(ev.action == action)
        if start_time is not None:
            query = query.where(ev.timestamp >= start_time)
        if end_time is not None:
            query = query.where(ev.timestamp <= end_time)
        if page_token:
            after = search.decode_json_token(page_token).get("after")
            if not isinstance(after, int):
                raise invalid("Invalid page token.")
            query = query.where(ev.event_id > after)
        query = query.order_by(ev.event_id).limit(limit + 1)
        with self.db.read() as conn:
            rows = list(conn.execute(query))
        token = None
        if len(rows) > limit:
            rows = rows[:limit]
            token = search.encode_json_token({"after": rows[-1].event_id})
        events = []
        for r in rows:
            event = {
                "event_id": str(r.event_id),
                "name": r.name,
                "version": str(r.version) if r.version is not None else None,
                "action": r.action,
                "alias": r.alias,
                "from_value": r.from_value,
                "to_value": r.to_value,
                "user_id": r.user_id,
                "timestamp": r.timestamp,
                "comment": r.comment,
            }
            events.append({k: v for k, v in event.items() if v is not None})
        return events, token
