"""Registered models and model versions: their rows (found, or a 404) and their wire form."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, and_, func, literal, select, union_all, update
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


def take_version_number(conn: Connection, name: str, now: int) -> int:
    """The model's next version number, taken (the model row stays locked until the transaction ends), or a 404."""
    m = registered_models.c
    number = conn.execute(
        update(registered_models)
        .where(m.name == name)
        .values(last_version=m.last_version + 1, last_updated_time=now)
        .returning(m.last_version)
    ).scalar()
    if number is None:
        raise not_found(f"Registered Model with name={name} not found")
    return int(number)


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
    """The wire form of these versions, with their tags and aliases (one query for both)."""
    if not rows:
        return []
    tags: dict[tuple[str, int], list[dict[str, str]]] = {}
    aliases: dict[tuple[str, int], list[str]] = {}
    for kind, name, version, key, value in conn.execute(_tags_and_aliases(rows)):
        if kind == "tag":
            tags.setdefault((name, version), []).append({"key": key, "value": value or ""})
        else:
            aliases.setdefault((name, version), []).append(key)
    return [version_dict(r, tags.get((r.name, r.version), []), aliases.get((r.name, r.version), [])) for r in rows]


def _tags_and_aliases(rows: list[Row[Any]]) -> Any:
    """The tags and aliases of these versions' models, narrowed to their version numbers, in key order."""
    names = sorted({r.name for r in rows})
    numbers = sorted({r.version for r in rows})
    t, a = model_version_tags.c, registered_model_aliases.c
    tag_rows = select(literal("tag").label("kind"), t.name, t.version, t.key.label("key"), t.value.label("value"))
    tag_rows = tag_rows.where(t.name.in_(names), t.version.in_(numbers))
    alias_rows = select(literal("alias"), a.name, a.version, a.alias, literal(None, String))
    alias_rows = alias_rows.where(a.name.in_(names), a.version.in_(numbers))
    both = union_all(tag_rows, alias_rows).subquery()
    return select(both).order_by(both.c.kind, both.c.key)


def version_dict(r: Row[Any], tags: list[dict[str, str]], aliases: list[str]) -> dict[str, Any]:
    """One version's wire form from its row, its tags (in key order) and its aliases (in order)."""
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
    if tags:
        mv["tags"] = tags
    if aliases:
        mv["aliases"] = aliases
    return mv


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
