"""Model versions: create (numbered, never reused), read, update and delete them, their stages and tags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from ...errors import invalid
from .. import rules
from ..common import now_ms, upsert
from ..engine import Database
from ..logged_models import LoggedModelStore
from ..schema import model_version_tags, model_versions, registered_model_aliases
from .entities import take_version_number, touch, version_dict, version_dicts, version_row
from .history import record_event
from .sources import check_run_exists, resolve_source, source_run_id

# Built once, as the hot statements of entities.py are.
_INSERT_VERSION = insert(model_versions).returning(*model_versions.c)


class ModelVersionStore:
    def __init__(self, db: Database, logged_models: LoggedModelStore) -> None:
        self.db = db
        self.logged_models = logged_models

    def create(
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
        for tag in tag_list:
            rules.check_model_tag(tag["key"], tag.get("value", ""))

        def work(conn: Connection) -> dict[str, Any]:
            now = now_ms()
            number = take_version_number(conn, name, now)
            if run_id and source_run_id(source) != run_id:  # otherwise resolving the source finds the run
                check_run_exists(conn, run_id)
            location, lineage_run, lineage_model = resolve_source(conn, self.logged_models, source, run_id, model_id)
            values = {
                "name": name,
                "version": number,
                "creation_time": now,
                "last_updated_time": now,
                "description": description or "",
                "user_id": user_id,
                "current_stage": "None",
                "source": source,
                "storage_location": location,
                "run_id": lineage_run,
                "run_link": run_link or "",
                "status": "READY",
                "status_message": None,
                "model_id": lineage_model,
            }
            row = conn.execute(_INSERT_VERSION, values).one()
            by_key = {t["key"]: t.get("value", "") for t in tag_list}
            if by_key:
                conn.execute(
                    insert(model_version_tags),
                    [{"name": name, "version": number, "key": k, "value": v} for k, v in by_key.items()],
                )
            if lineage_model:
                self.logged_models.record_registration(conn, lineage_model, name, number)
            record_event(
                conn, name, "CREATE_MODEL_VERSION", user_id, version=number, to_value=str(number), comment=comment
            )
            tags = [{"key": k, "value": by_key[k]} for k in sorted(by_key)]
            return version_dict(row, tags, [])  # a new version has no aliases yet

        return self.db.write(work)

    def get(self, name: str, version: Any) -> dict[str, Any]:
        number = rules.parse_version(version, name)
        with self.db.read() as conn:
            return version_dicts(conn, [version_row(conn, name, number)])[0]

    def update(self, name: str, version: Any, description: str | None) -> dict[str, Any]:
        number = rules.parse_version(version, name)

        def work(conn: Connection) -> dict[str, Any]:
            version_row(conn, name, number)
            conn.execute(
                update(model_versions)
                .where(model_versions.c.name == name, model_versions.c.version == number)
                .values(description=description or "", last_updated_time=now_ms())
            )
            return version_dicts(conn, [version_row(conn, name, number)])[0]

        return self.db.write(work)

    def delete(self, name: str, version: Any, user_id: str | None, comment: str | None) -> None:
        """Deletes the version with its tags and the aliases that point at it (each alias recorded)."""
        number = rules.parse_version(version, name)

        def work(conn: Connection) -> None:
            row = version_row(conn, name, number)
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
                record_event(conn, name, "DELETE_ALIAS", user_id, version=number, alias=alias, from_value=str(number))
            conn.execute(
                delete(model_versions).where(model_versions.c.name == name, model_versions.c.version == number)
            )
            record_event(
                conn,
                name,
                "DELETE_MODEL_VERSION",
                user_id,
                version=number,
                from_value=row.current_stage,
                comment=comment,
            )
            touch(conn, name)

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
        number = rules.parse_version(version, name)
        target = rules.canonical_stage(stage)
        if archive_existing and target not in rules.ACTIVE_STAGES:
            raise invalid(
                f"archive_existing_versions can only be used with the stages Staging and Production, not '{target}'."
            )

        def work(conn: Connection) -> dict[str, Any]:
            row = version_row(conn, name, number)
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
                    self._set_stage(conn, name, other, "Archived", now)
                    record_event(
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
                self._set_stage(conn, name, number, target, now)
                record_event(
                    conn,
                    name,
                    "TRANSITION_STAGE",
                    user_id,
                    version=number,
                    from_value=row.current_stage,
                    to_value=target,
                    comment=comment,
                )
            touch(conn, name)
            return version_dicts(conn, [version_row(conn, name, number)])[0]

        return self.db.write(work)

    @staticmethod
    def _set_stage(conn: Connection, name: str, version: int, stage: str, now: int) -> None:
        conn.execute(
            update(model_versions)
            .where(model_versions.c.name == name, model_versions.c.version == version)
            .values(current_stage=stage, last_updated_time=now)
        )

    def download_uri(self, name: str, version: Any) -> str:
        number = rules.parse_version(version, name)
        with self.db.read() as conn:
            row = version_row(conn, name, number)
            return str(row.storage_location or row.source)

    def set_tag(self, name: str, version: Any, key: str, value: str) -> None:
        number = rules.parse_version(version, name)
        rules.check_model_tag(key, value)

        def work(conn: Connection) -> None:
            version_row(conn, name, number)
            conn.execute(
                upsert(
                    self.db.dialect,
                    model_version_tags,
                    ("name", "version", "key"),
                    name=name,
                    version=number,
                    key=key,
                    value=value,
                )
            )

        self.db.write(work)

    def delete_tag(self, name: str, version: Any, key: str) -> None:
        number = rules.parse_version(version, name)

        def work(conn: Connection) -> None:
            version_row(conn, name, number)
            conn.execute(
                delete(model_version_tags).where(
                    model_version_tags.c.name == name,
                    model_version_tags.c.version == number,
                    model_version_tags.c.key == key,
                )
            )

        self.db.write(work)
