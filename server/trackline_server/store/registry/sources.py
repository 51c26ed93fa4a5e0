"""Where a new model version's files are: its ``source`` resolved to a storage location and its lineage."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from ...errors import invalid, not_found
from ..logged_models import LoggedModelStore
from ..schema import runs
from .entities import version_row

_RUN_ARTIFACT_URI = select(runs.c.artifact_uri).where(runs.c.run_uuid == bindparam("run_id"))
_RUN_EXISTS = select(runs.c.run_uuid).where(runs.c.run_uuid == bindparam("run_id"))

Resolved = tuple[str | None, str | None, str | None]  # (storage location, run id, model id)


def resolve_source(
    conn: Connection, logged_models: LoggedModelStore, source: str, run_id: str | None, model_id: str | None
) -> Resolved:
    """(storage location, run id, model id) for a version's source, or a 400 (404 for what is not there).

    ``models:/m-<id>`` is a logged model, ``models:/<name>/<version>`` another version,
    ``runs:/<run id>/<path>`` a path in a run's artifacts; any other URI is stored as it is.
    """
    decoded = unquote(unquote(source))
    if "\x00" in decoded or any(part == ".." for part in re.split(r"[/\\]", decoded)):
        raise invalid(f"Invalid model version source: '{source}'. It must not contain '..' or NUL.")
    parsed = urlparse(source)
    if parsed.scheme == "models":
        if parsed.netloc:
            raise invalid(f"Invalid model version source: '{source}'. A models:/ URI has no host part.")
        parts = [p for p in parsed.path.split("/") if p]
        if len(parts) == 1 and parts[0].startswith("m-"):
            lm = logged_models.row(conn, parts[0])
            return lm.artifact_location, run_id or lm.source_run_id, model_id or lm.model_id
        if len(parts) == 2 and parts[1].isdigit():
            other = version_row(conn, parts[0], int(parts[1]))
            return other.storage_location or other.source, run_id or other.run_id, model_id or other.model_id
        raise invalid(f"Invalid model version source: '{source}'.")
    if parsed.scheme == "runs":
        source_run = source_run_id(source) or ""
        if run_id and source_run != run_id:
            raise invalid("The run_id request parameter must identify the resource that contains the source.")
        run = conn.execute(_RUN_ARTIFACT_URI, {"run_id": source_run}).first()
        if run is None:
            raise not_found(f"Run with id={source_run} not found")
        rest = parsed.path.lstrip("/")
        if not parsed.netloc:
            rest = rest.split("/", 1)[1] if "/" in rest else ""
        location = f"{run.artifact_uri.rstrip('/')}/{rest}" if rest else run.artifact_uri
        return location, source_run, model_id
    return source, run_id, model_id


def source_run_id(source: str) -> str | None:
    """The run a ``runs:/<run id>/<path>`` source names (None for any other source)."""
    parsed = urlparse(source)
    if parsed.scheme != "runs":
        return None
    return parsed.netloc or (parsed.path.lstrip("/").split("/")[0] if parsed.path else "")


def check_run_exists(conn: Connection, run_id: str) -> None:
    if conn.execute(_RUN_EXISTS, {"run_id": run_id}).first() is None:
        raise not_found(f"Run with id={run_id} not found")
