"""The registry's audit trail: an append-only record of who changed which model, when, from what to what."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from ...errors import invalid
from .. import rules
from ..common import now_ms
from ..conditions import Visible
from ..engine import Database
from ..paging import decode_position_token, encode_position_token
from ..schema import registry_events

HISTORY_DEFAULT_MAX_RESULTS = 1000
HISTORY_MAX_RESULTS = 10_000


_INSERT_EVENT = insert(registry_events)  # built once


def record_event(
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
    """Appends one event, in the transaction of the change it records."""
    conn.execute(
        _INSERT_EVENT,
        {
            "model_name": name,
            "name": name,
            "version": version,
            "action": action,
            "alias": alias,
            "from_value": from_value,
            "to_value": to_value,
            "user_id": user_id or None,
            "timestamp": now_ms(),
            "comment": comment or None,
        },
    )


class RegistryHistory:
    def __init__(self, db: Database) -> None:
        self.db = db

    def events(
        self,
        name: str | None,
        version: str | None,
        action: str | None,
        start_time: int | None,
        end_time: int | None,
        max_results: int | None,
        page_token: str | None,
        visible: Visible | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The events that match, oldest first, in pages with a keyset token (``visible``: a filter
        on the model's name, what the user may read, in SQL)."""
        limit = rules.check_max_results(max_results, HISTORY_DEFAULT_MAX_RESULTS, HISTORY_MAX_RESULTS)
        ev = registry_events.c
        query = select(registry_events)
        if name:
            query = query.where(ev.model_name == name)
        if visible is not None:
            query = query.where(visible(ev.model_name))
        if version:
            query = query.where(ev.version == rules.parse_version(version))
        if action:
            query = query.where(ev.action == action)
        if start_time is not None:
            query = query.where(ev.timestamp >= start_time)
        if end_time is not None:
            query = query.where(ev.timestamp <= end_time)
        if page_token:
            after = decode_position_token(page_token).get("after")
            if not isinstance(after, int):
                raise invalid("Invalid page token.")
            query = query.where(ev.event_id > after)
        query = query.order_by(ev.event_id).limit(limit + 1)
        with self.db.read() as conn:
            rows = list(conn.execute(query))
        token = None
        if len(rows) > limit:
            rows = rows[:limit]
            token = encode_position_token({"after": rows[-1].event_id})
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
