"""Idempotent run creation: runs/create with a client request id creates at most one run.

A client that sends ``Idempotency-Key: <id>`` with runs/create and sends it again (its answer was
lost with a server that died, or a proxy answered 502) gets the run the first request created.
The id is written in the same transaction as the run, so a run exists exactly when its id does;
two requests with the same id at the same time meet at the id's primary key, and the loser
answers with the winner's run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..errors import invalid
from . import rules
from .common import now_ms
from .schema import run_create_requests
from .tracking.runs import RunStore

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_REQUEST_ID_LENGTH = 128


def check_request_id(request_id: str) -> str:
    if not 0 < len(request_id) <= MAX_REQUEST_ID_LENGTH or not request_id.isprintable():
        raise invalid(f"The {IDEMPOTENCY_HEADER} header must be 1 to {MAX_REQUEST_ID_LENGTH} printable characters.")
    return request_id


class RunRequests:
    def __init__(self, runs: RunStore) -> None:
        self.db = runs.db
        self.runs = runs

    def _run_of(self, request_id: str) -> str | None:
        with self.db.read() as conn:
            found = conn.execute(
                select(run_create_requests.c.run_uuid).where(run_create_requests.c.request_id == request_id)
            ).scalar()
        return str(found) if found is not None else None

    def _claim(self, request_id: str) -> Callable[[Connection, str], None]:
        def claim(conn: Connection, run_id: str) -> None:
            conn.execute(
                insert(run_create_requests).values(request_id=request_id, run_uuid=run_id, creation_time=now_ms())
            )

        return claim

    def create_run(self, request_id: str, **fields: Any) -> dict[str, Any]:
        """The run created for ``request_id``: created now, or found if it was created before."""
        check_request_id(request_id)
        # A body that breaks a rule is refused even when the key was seen before.
        if fields.get("experiment_id"):
            rules.parse_experiment_ids([fields["experiment_id"]])
        self.runs.check_create(fields.get("run_name"), fields.get("start_time"), fields.get("tag_list") or [])
        existing = self._run_of(request_id)
        if existing is not None:
            return self.runs.get(existing)
        try:
            return self.runs.create(**fields, on_created=self._claim(request_id))
        except IntegrityError:
            existing = self._run_of(request_id)  # a concurrent request with the same id came first
            if existing is None:
                raise
            return self.runs.get(existing)
