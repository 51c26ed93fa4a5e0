"""Aliases of registered models: names such as ``champion`` that point at one version."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from ...errors import invalid
from .. import rules
from ..common import upsert
from ..engine import Database
from ..schema import registered_model_aliases
from .entities import model_row, touch, version_dicts, version_row
from .history import record_event


def _current_version(conn: Connection, name: str, alias: str) -> int | None:
    version: int | None = conn.execute(
        select(registered_model_aliases.c.version).where(
            registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
        )
    ).scalar()
    return version


class AliasStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def set(self, name: str, alias: str, version: Any, user_id: str | None, comment: str | None) -> None:
        rules.check_alias(alias)
        number = rules.parse_version(version, name)

        def work(conn: Connection) -> None:
            model_row(conn, name)
            version_row(conn, name, number)
            current = _current_version(conn, name, alias)
            if current == number:
                return
            conn.execute(
                upsert(
                    self.db.dialect, registered_model_aliases, ("name", "alias"), name=name, alias=alias, version=number
                )
            )
            record_event(
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
            touch(conn, name)

        self.db.write(work)

    def delete(self, name: str, alias: str, user_id: str | None, comment: str | None) -> None:
        def work(conn: Connection) -> None:
            model_row(conn, name)
            current = _current_version(conn, name, alias)
            if current is None:
                return  # removing an alias that is not there is a no-op, as in MLflow
            conn.execute(
                delete(registered_model_aliases).where(
                    registered_model_aliases.c.name == name, registered_model_aliases.c.alias == alias
                )
            )
            record_event(
                conn,
                name,
                "DELETE_ALIAS",
                user_id,
                version=current,
                alias=alias,
                from_value=str(current),
                comment=comment,
            )
            touch(conn, name)

        self.db.write(work)

    def version(self, name: str, alias: str) -> dict[str, Any]:
        """The version the alias points at."""
        with self.db.read() as conn:
            model_row(conn, name)
            version = _current_version(conn, name, alias)
            if version is None:
                raise invalid(f"Registered model alias {alias} not found.")
            return version_dicts(conn, [version_row(conn, name, version)])[0]
