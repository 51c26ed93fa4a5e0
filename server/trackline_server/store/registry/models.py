"""Registered models: create, read, rename, update and delete them, their tags and latest versions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ...errors import already_exists
from .. import rules
from ..common import now_ms, upsert
from ..engine import Database
from ..schema import (
    model_version_tags,
    model_versions,
    registered_model_aliases,
    registered_model_tags,
    registered_models,
    registry_events,
)
from .entities import latest_rows, model_dicts, model_row, touch, version_dicts
from .history import record_event


class RegisteredModelStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self,
        name: str,
        tag_list: list[dict[str, Any]],
        description: str | None,
        user_id: str | None,
        comment: str | None = None,
    ) -> dict[str, Any]:
        rules.check_model_name(name)
        for tag in tag_list:
            rules.check_model_tag(tag["key"], tag.get("value", ""))

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
            record_event(conn, name, "CREATE_REGISTERED_MODEL", user_id, to_value=name, comment=comment)
            return model_dicts(conn, [model_row(conn, name)])[0]

        try:
            return self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Registered Model (name={name}) already exists.") from None

    def get(self, name: str) -> dict[str, Any]:
        with self.db.read() as conn:
            return model_dicts(conn, [model_row(conn, name)])[0]

    def rename(self, name: str, new_name: str, user_id: str | None, comment: str | None = None) -> dict[str, Any]:
        rules.check_model_name(new_name)

        def work(conn: Connection) -> dict[str, Any]:
            model_row(conn, name)
            if new_name == name:
                return model_dicts(conn, [model_row(conn, name)])[0]
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
            record_event(
                conn, new_name, "RENAME_REGISTERED_MODEL", user_id, from_value=name, to_value=new_name, comment=comment
            )
            return model_dicts(conn, [model_row(conn, new_name)])[0]

        try:
            return self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Registered Model (name={new_name}) already exists.") from None

    def update(self, name: str, description: str | None) -> dict[str, Any]:
        def work(conn: Connection) -> dict[str, Any]:
            model_row(conn, name)
            conn.execute(
                update(registered_models)
                .where(registered_models.c.name == name)
                .values(description=description or "", last_updated_time=now_ms())
            )
            return model_dicts(conn, [model_row(conn, name)])[0]

        return self.db.write(work)

    def delete(self, name: str, user_id: str | None, comment: str | None = None) -> None:
        def work(conn: Connection) -> None:
            model_row(conn, name)
            conn.execute(delete(model_version_tags).where(model_version_tags.c.name == name))
            for table in (registered_model_aliases, registered_model_tags, model_versions):
                conn.execute(delete(table).where(table.c.name == name))
            conn.execute(delete(registered_models).where(registered_models.c.name == name))
            record_event(conn, name, "DELETE_REGISTERED_MODEL", user_id, from_value=name, comment=comment)

        self.db.write(work)

    def latest_versions(self, name: str, stages: list[str] | None) -> list[dict[str, Any]]:
        wanted = [rules.canonical_stage(s) for s in stages or []]
        with self.db.read() as conn:
            rows = latest_rows(conn, name, wanted or None)
            if not rows:
                model_row(conn, name)  # no versions, or no such model (a 404)
            return version_dicts(conn, rows)

    def set_tag(self, name: str, key: str, value: str) -> None:
        rules.check_model_tag(key, value)

        def work(conn: Connection) -> None:
            model_row(conn, name)
            conn.execute(
                upsert(self.db.dialect, registered_model_tags, ("name", "key"), name=name, key=key, value=value)
            )
            touch(conn, name)

        self.db.write(work)

    def delete_tag(self, name: str, key: str) -> None:
        def work(conn: Connection) -> None:
            model_row(conn, name)
            conn.execute(
                delete(registered_model_tags).where(
                    registered_model_tags.c.name == name, registered_model_tags.c.key == key
                )
            )

        self.db.write(work)
