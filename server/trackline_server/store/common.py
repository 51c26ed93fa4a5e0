"""What every store shares: lifecycle states, the clock, metric values on the wire, the "not active"
error, chunking, key-value rows (tags, params) and upserts."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

from ..errors import TracklineError, invalid

T = TypeVar("T")

ACTIVE = "active"
DELETED = "deleted"
# The lifecycle stages a search's view type (ViewType) shows.
VIEW_STAGES = {"ACTIVE_ONLY": (ACTIVE,), "DELETED_ONLY": (DELETED,), "ALL": (ACTIVE, DELETED)}
# Rows of an ``IN (...)`` list per statement: well under SQLite's 32,766 bound parameters.
CHUNK_SIZE = 500


def now_ms() -> int:
    return int(time.time() * 1000)


def wire_value(value: float, is_nan: bool) -> float | str:
    """A stored metric value as the API returns it: NaN as the string "NaN" (JSON has no NaN)."""
    return "NaN" if is_nan or value != value else value  # value != value: NaN, without a call


def not_active(what: str, identifier: object, stage: str) -> TracklineError:
    """The error for a change to a deleted experiment, run or logged model (``what``)."""
    return invalid(f"The {what} {identifier} must be in the 'active' state. Current state is {stage}.")


def chunks(items: Sequence[T], size: int = CHUNK_SIZE) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def last_per_key(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Key-value items with one per key: the last one given wins, in the order keys first came."""
    by_key: dict[str, dict[str, Any]] = {}
    for item in items:
        by_key[item["key"]] = item
    return list(by_key.values())


def truncate(value: str | None, limit: int) -> str:
    value = value or ""
    return value[:limit] if len(value) > limit else value


def key_values(conn: Connection, table: Table, owner: str, owners: Sequence[Any]) -> dict[Any, list[dict[str, str]]]:
    """The key-value rows (tags, params) of a table for these owners, ordered by key, by owner.

    ``owner`` names the column that holds the owner's id (``experiment_id``, ``name``, ``model_id``).
    """
    column = table.c[owner]
    out: dict[Any, list[dict[str, str]]] = {}
    if owners:
        query = select(column, table.c.key, table.c.value).where(column.in_(owners)).order_by(table.c.key)
        for owner_id, key, value in conn.execute(query):
            out.setdefault(owner_id, []).append({"key": key, "value": value or ""})
    return out


def upsert(dialect: str, table: Table, keys: Sequence[str], **values: Any) -> Insert:
    """``INSERT ... ON CONFLICT (keys) DO UPDATE`` of ``values`` (the non-key columns are updated)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table).values(**values)
    updated = {name: value for name, value in values.items() if name not in keys}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=updated)


def insert_ignoring_duplicates(dialect: str, table: Table) -> Insert:
    """``INSERT ... ON CONFLICT DO NOTHING`` into ``table``, for an executemany of rows."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing()
