"""Registered models and model versions: their rows (found, or a 404) and their wire form."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import Connection, Row

from ...errors import not_found
from ..common import key_values, now_ms
from ..schema import (
    model_version_tags,
    model_versions,
    registered_model_aliases,
    registered_model_tags,
    registered_models,
)


def model_row(conn: Connection, name: str) -> Row[Any]:
    row = conn.execute(select(registered_models).where(registered_models.c.name == name)).first()
    if row is None:
        raise not_found(f"Registered Model with name={name} not found")
    return row


def version_row(conn: Connection, name: str, version: int) -> Row[Any]:
    row = conn.execute(
        select(model_versions).where(model_versions.c.name == name, model_versions.c.version == version)
    ).first()
    if row is None:
        raise not_found(f"Model Version (name={name}, version={version}) not found")
    return row


def touch(conn: Connection, name: str) -> None:
    """Marks the registered model updated now."""
    conn.execute(update(registered_models).where(registered_models.c.name == name).values(last_updated_time=now_ms()))


def latest_rows(conn: Connection, name: str, stages: list[str] | None) -> list[Row[Any]]:
    """The newest version of the model in each stage (of ``stages``, if given)."""
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


def version_dicts(conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
    """The wire form of these versions, with their tags and aliases."""
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


def model_dicts(conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
    """The wire form of these registered models, with their latest versions, tags and aliases."""
    if not rows:
        return []
    names = [r.name for r in rows]
    tags = key_values(conn, registered_model_tags, "name", names)
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
        latest = version_dicts(conn, latest_rows(conn, r.name, None))
        if latest:
            model["latest_versions"] = latest
        if r.name in tags:
            model["tags"] = tags[r.name]
        if r.name in aliases:
            model["aliases"] = aliases[r.name]
        out.append(model)
    return out
